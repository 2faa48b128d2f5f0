import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const validEnvironment = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/curbscore",
  SECRET_KEY: "x".repeat(32),
  GOOGLE_MAPS_API_KEY: "maps-key",
  GEMINI_API_KEY: "gemini-key",
  STRIPE_SECRET_KEY: "sk_test_key",
  STRIPE_WEBHOOK_SECRET: "whsec_secret",
  RESEND_API_KEY: "re_key",
  INNGEST_DEV: "1",
};

describe("parseConfig", () => {
  it("applies the abuse-limit defaults", () => {
    const config = parseConfig(validEnvironment);
    expect(config.rateLimits).toEqual({ upload: 20, quote: 120, checkout: 30, windowSeconds: 600 });
    expect(config.trustedProxyHops).toBe(0);
    expect(config.maintenanceMode).toBe(false);
    expect(config.maintenanceRetryAfterSeconds).toBe(300);
  });

  it("reads set abuse limits", () => {
    const config = parseConfig({
      ...validEnvironment,
      UPLOAD_RATE_LIMIT: "3",
      QUOTE_RATE_LIMIT: "5",
      CHECKOUT_RATE_LIMIT: "4",
      RATE_LIMIT_WINDOW_SECONDS: "60",
      TRUSTED_PROXY_HOPS: "2",
      MAINTENANCE_MODE: "true",
      MAINTENANCE_RETRY_AFTER_SECONDS: "120",
    });
    expect(config.rateLimits).toEqual({ upload: 3, quote: 5, checkout: 4, windowSeconds: 60 });
    expect(config.trustedProxyHops).toBe(2);
    expect(config.maintenanceMode).toBe(true);
    expect(config.maintenanceRetryAfterSeconds).toBe(120);
  });

  it.each([
    { name: "UPLOAD_RATE_LIMIT", value: "0" },
    { name: "UPLOAD_RATE_LIMIT", value: "twenty" },
    { name: "CHECKOUT_RATE_LIMIT", value: "2.5" },
    { name: "QUOTE_RATE_LIMIT", value: "0" },
    { name: "RATE_LIMIT_WINDOW_SECONDS", value: "0" },
    { name: "RATE_LIMIT_WINDOW_SECONDS", value: "86401" },
    { name: "TRUSTED_PROXY_HOPS", value: "-1" },
    { name: "TRUSTED_PROXY_HOPS", value: "11" },
    { name: "MAINTENANCE_RETRY_AFTER_SECONDS", value: "0" },
    { name: "MAINTENANCE_MODE", value: "yes" },
  ])("rejects $name=$value by name", ({ name, value }) => {
    expect(() => parseConfig({ ...validEnvironment, [name]: value })).toThrow(new RegExp(`${name}: invalid`));
  });
});

const reuseEnvironment = {
  DATABASE_URL: "postgresql://curbscore@127.0.0.1:5432/curbscore",
  SECRET_KEY: "s".repeat(64),
  GOOGLE_MAPS_API_KEY: "maps",
  GEMINI_API_KEY: "gemini",
  STRIPE_SECRET_KEY: "sk_test_x",
  STRIPE_WEBHOOK_SECRET: "whsec_x",
  RESEND_API_KEY: "re_x",
  INNGEST_DEV: "1",
};

describe("SCORE_REUSE_DAYS", () => {
  it("defaults to 90 days", () => {
    expect(parseConfig(reuseEnvironment).scoreReuseDays).toBe(90);
  });

  it.each([
    ["0", 0],
    ["30", 30],
    ["3650", 3650],
  ])("accepts %s", (value, days) => {
    expect(parseConfig({ ...reuseEnvironment, SCORE_REUSE_DAYS: value }).scoreReuseDays).toBe(days);
  });

  it.each(["-1", "1.5", "ninety", "3651"])("rejects %s, naming the variable", (value) => {
    expect(() => parseConfig({ ...reuseEnvironment, SCORE_REUSE_DAYS: value })).toThrow(/SCORE_REUSE_DAYS: invalid/);
  });
});

describe("SCORING_WINDOW", () => {
  it.each([
    { rpm: "15", window: 3 },
    { rpm: "120", window: 10 },
    { rpm: "300", window: 25 },
    { rpm: "60000", window: 200 },
  ])("holds five seconds of a GEMINI_RPM of $rpm, within 3 to 200", ({ rpm, window }) => {
    expect(parseConfig({ ...validEnvironment, GEMINI_RPM: rpm }).scoringWindow).toBe(window);
  });

  it("takes a set window over the default", () => {
    expect(parseConfig({ ...validEnvironment, GEMINI_RPM: "300", SCORING_WINDOW: "8" }).scoringWindow).toBe(8);
  });

  it.each(["0", "1001", "ten", "2.5"])("rejects SCORING_WINDOW=%s by name", (value) => {
    expect(() => parseConfig({ ...validEnvironment, SCORING_WINDOW: value })).toThrow(/SCORING_WINDOW: invalid/);
  });
});
