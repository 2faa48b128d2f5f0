import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { defaultKnobs, readKnobsFromEnvironment } from "./knobs";
import { startEmulator, type RunningEmulator } from "./server";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ knobs: { geocodeLatencyMs: 5 } });
});

afterAll(async () => {
  await emulator.close();
});

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, emulator.url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("emulator control", () => {
  it("listens on the IPv4 loopback address", () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
  });

  it("starts with the defaults and the given knobs", () => {
    expect(emulator.knobs()).toEqual({ ...defaultKnobs, geocodeLatencyMs: 5 });
  });

  it("serves the knobs as JSON", async () => {
    const knobs = await (await fetch(new URL("/_emulator/knobs", emulator.url))).json();

    expect(knobs.noImageryRate).toBe(0.08);
    expect(knobs.geminiRpm).toBeNull();
  });

  it("changes knobs at runtime", async () => {
    const response = await postJson("/_emulator/knobs", { geminiRpm: 30, errorRate: 0.1 });

    expect(response.status).toBe(200);
    expect(emulator.knobs().geminiRpm).toBe(30);
    expect(emulator.knobs().errorRate).toBe(0.1);
    emulator.setKnobs({ geminiRpm: null, errorRate: 0 });
  });

  it.each([
    ["an unknown knob", { colour: "blue" }],
    ["a rate above 1", { errorRate: 1.5 }],
    ["a negative latency", { geminiLatencyMs: -1 }],
    ["a webhook URL that is not a URL", { stripeWebhookUrl: "not a url" }],
  ])("rejects %s", async (_name, patch) => {
    const before = emulator.knobs();
    const response = await postJson("/_emulator/knobs", patch);

    expect(response.status).toBe(400);
    expect(emulator.knobs()).toEqual(before);
  });

  it("names an unknown knob", async () => {
    const body = await (await postJson("/_emulator/knobs", { colour: "blue" })).json();

    expect(body.issues).toEqual([{ knob: "colour", message: "unknown knob" }]);
  });

  it("rejects invalid knobs at start", async () => {
    await expect(startEmulator({ knobs: { errorRate: 2 } })).rejects.toThrow("errorRate");
  });

  it("applies the geocoding latency", async () => {
    emulator.setKnobs({ geocodeLatencyMs: 120 });
    try {
      const started = performance.now();
      await fetch(new URL("/maps/api/geocode/json?address=48208&key=k", emulator.url));

      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      emulator.setKnobs({ geocodeLatencyMs: 5 });
    }
  });

  it("counts requests per API and resets them", async () => {
    emulator.resetStats();
    await fetch(new URL("/maps/api/geocode/json?address=48208&key=k", emulator.url));
    await fetch(new URL("/maps/api/streetview/metadata?location=42.35,-83.09&key=k", emulator.url));

    expect(emulator.stats().requests.geocode).toBe(1);
    expect(emulator.stats().requests.streetViewMetadata).toBe(1);

    const reset = await fetch(new URL("/_emulator/reset", emulator.url), { method: "POST" });
    expect(reset.status).toBe(200);
    expect(emulator.stats().requests.geocode).toBe(0);
  });

  it("serves an index page that links the mailbox", async () => {
    const response = await fetch(new URL("/", emulator.url));
    const html = await response.text();

    expect(response.headers.get("content-type")).toContain("text/html");
    expect(html).toContain('href="/mailbox"');
    expect(html).toContain("/maps/api/geocode/json");
    expect(html).toContain("EMULATOR_GEMINI_RPM");
  });

  it("returns Stripe errors for unknown /v1 paths", async () => {
    const response = await fetch(new URL("/v1/customers", emulator.url), { headers: { authorization: "Bearer sk_test_x" } });
    const body = await response.json();

    expect(response.status).toBe(404);
    expect(body.error.type).toBe("invalid_request_error");
  });
});

describe("knobs from the environment", () => {
  it("reads numbers, null and strings", () => {
    const knobs = readKnobsFromEnvironment({
      EMULATOR_GEOCODE_LATENCY_MS: "40",
      EMULATOR_ERROR_RATE: "0.05",
      EMULATOR_GEMINI_RPM: "null",
      EMULATOR_STRIPE_WEBHOOK_URL: "http://127.0.0.1:3000/api/stripe/webhook",
      EMULATOR_STRIPE_WEBHOOK_SECRET: "whsec_local",
    });

    expect(knobs).toEqual({
      geocodeLatencyMs: 40,
      errorRate: 0.05,
      geminiRpm: null,
      stripeWebhookUrl: "http://127.0.0.1:3000/api/stripe/webhook",
      stripeWebhookSecret: "whsec_local",
    });
  });

  it("ignores unset and empty variables", () => {
    expect(readKnobsFromEnvironment({ EMULATOR_GEMINI_RPM: "" })).toEqual({});
  });

  it("names the invalid variable", () => {
    expect(() => readKnobsFromEnvironment({ EMULATOR_NO_IMAGERY_RATE: "lots" })).toThrow("EMULATOR_NO_IMAGERY_RATE");
  });
});
