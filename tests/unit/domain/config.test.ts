import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const base = {
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
    expect(parseConfig(base).scoreReuseDays).toBe(90);
  });

  it.each([
    ["0", 0],
    ["30", 30],
    ["3650", 3650],
  ])("accepts %s", (value, days) => {
    expect(parseConfig({ ...base, SCORE_REUSE_DAYS: value }).scoreReuseDays).toBe(days);
  });

  it.each(["-1", "1.5", "ninety", "3651"])("rejects %s, naming the variable", (value) => {
    expect(() => parseConfig({ ...base, SCORE_REUSE_DAYS: value })).toThrow(/SCORE_REUSE_DAYS: invalid/);
  });
});
