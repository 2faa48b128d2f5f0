import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { SlidingWindowQuota } from "./gemini-quota";
import { startEmulator, type RunningEmulator } from "./server";
import { maxCallsInAnyWindow } from "./stats";

const model = "gemini-2.5-flash";
let nowMs = 1_700_000_000_000;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ clock: () => nowMs });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.setKnobs({ geminiRpm: null, geminiRetryAfterSeconds: null });
});

async function callGemini(): Promise<Response> {
  return fetch(new URL(`/v1beta/models/${model}:generateContent`, emulator.url), {
    method: "POST",
    headers: { "content-type": "application/json", "x-goog-api-key": "test-gemini-key" },
    body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "Score this house." }] }] }),
  });
}

describe("gemini quota", () => {
  it("returns 429 above geminiRpm", async () => {
    emulator.setKnobs({ geminiRpm: 3 });
    const statuses: number[] = [];
    for (let call = 0; call < 5; call += 1) {
      nowMs += 1_000;
      statuses.push((await callGemini()).status);
    }

    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("sends Google's error body on a 429", async () => {
    emulator.setKnobs({ geminiRpm: 1 });
    await callGemini();
    const response = await callGemini();
    const body = await response.json();

    expect(response.status).toBe(429);
    expect(body.error.code).toBe(429);
    expect(body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(body.error.message).toContain("quota");
    expect(response.headers.get("retry-after")).toBeNull();
  });

  it("sends Retry-After when geminiRetryAfterSeconds is set", async () => {
    emulator.setKnobs({ geminiRpm: 1, geminiRetryAfterSeconds: 7 });
    await callGemini();
    const response = await callGemini();
    const body = await response.json();

    expect(response.headers.get("retry-after")).toBe("7");
    expect(JSON.stringify(body.error.details)).toContain('"retryDelay":"7s"');
  });

  it("accepts calls again once the window has passed", async () => {
    emulator.setKnobs({ geminiRpm: 2 });
    await callGemini();
    await callGemini();
    const limited = await callGemini();

    nowMs += 60_000;
    const later = await callGemini();

    expect(limited.status).toBe(429);
    expect(later.status).toBe(200);
  });

  it("keeps every window of accepted calls within geminiRpm", async () => {
    emulator.setKnobs({ geminiRpm: 10 });
    let seed = 7;
    for (let call = 0; call < 120; call += 1) {
      seed = (seed * 48_271) % 2_147_483_647;
      nowMs += seed % 3_000;
      await callGemini();
    }

    const stats = emulator.stats();
    expect(stats.gemini.rateLimitedCount).toBeGreaterThan(0);
    expect(stats.gemini.acceptedCallTimes.length + stats.gemini.rateLimitedCount).toBe(120);
    expect(stats.gemini.maxCallsInAnyWindow()).toBeLessThanOrEqual(10);
    expect(stats.gemini.maxCallsInAnyWindow()).toBe(10);
  });

  it("reports the quota record in the stats JSON", async () => {
    emulator.setKnobs({ geminiRpm: 2 });
    for (let call = 0; call < 4; call += 1) {
      nowMs += 10;
      await callGemini();
    }

    const stats = await (await fetch(new URL("/_emulator/stats", emulator.url))).json();
    expect(stats.gemini.acceptedCallTimes).toHaveLength(2);
    expect(stats.gemini.rateLimitedCount).toBe(2);
    expect(stats.gemini.maxCallsInAnyWindow).toBe(2);
    expect(stats.gemini.windowMs).toBe(60_000);
    expect(stats.requests.gemini).toBe(4);
  });

  it("surfaces the 429 through the SDK as an ApiError", async () => {
    emulator.setKnobs({ geminiRpm: 1 });
    const ai = new GoogleGenAI({ apiKey: "test-gemini-key", httpOptions: { baseUrl: emulator.url } });
    await ai.models.generateContent({ model, contents: "first" });
    const error = await ai.models.generateContent({ model, contents: "second" }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    expect((error as ApiError).message).toContain("RESOURCE_EXHAUSTED");
  });
});

describe("sliding window quota", () => {
  it("counts only calls inside the trailing window", () => {
    const quota = new SlidingWindowQuota(1_000);

    expect(quota.tryAccept(0, 2)).toBe(true);
    expect(quota.tryAccept(500, 2)).toBe(true);
    expect(quota.tryAccept(999, 2)).toBe(false);
    expect(quota.tryAccept(1_000, 2)).toBe(true);
  });

  it("accepts everything without a limit", () => {
    const quota = new SlidingWindowQuota(1_000);
    const accepted = Array.from({ length: 50 }, (_, index) => quota.tryAccept(index, null));

    expect(accepted.every(Boolean)).toBe(true);
  });
});

describe("maxCallsInAnyWindow", () => {
  it.each([
    [[], 60_000, 0],
    [[0], 60_000, 1],
    [[0, 59_999], 60_000, 2],
    [[0, 60_000], 60_000, 1],
    [[0, 10, 20, 70_000, 70_001], 60_000, 3],
    [[70_001, 0, 70_000, 20, 10], 60_000, 3],
  ])("finds the busiest window of %j", (times, windowMs, expected) => {
    expect(maxCallsInAnyWindow(times, windowMs)).toBe(expected);
  });
});
