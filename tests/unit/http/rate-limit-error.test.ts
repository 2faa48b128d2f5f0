import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/http/format-duration";
import { rateLimitError } from "@/lib/http/rate-limit-error";

describe("rateLimitError", () => {
  const now = new Date("2026-12-04T14:25:12.400Z");
  const windowEndsAt = new Date("2026-12-04T14:30:00.000Z");

  it("answers 429 with Retry-After until the window ends", () => {
    const error = rateLimitError("upload", 20, 600, { now, windowEndsAt });
    expect(error.status).toBe(429);
    expect(error.code).toBe("rate_limited");
    expect(error.headers).toEqual({ "retry-after": "288" });
  });

  it("says how many per how long and when to retry", () => {
    const error = rateLimitError("upload", 20, 600, { now, windowEndsAt });
    expect(error.message).toBe("Too many uploads from your address: 20 are allowed per 10 minutes. Try again in about 5 minutes (at 14:30:00 UTC).");
    expect(error.details).toEqual({ limit: 20, windowSeconds: 600, retryAfterSeconds: 288, retryAt: "2026-12-04T14:30:00.400Z" });
  });

  it("names checkout attempts", () => {
    const error = rateLimitError("checkout", 30, 3600, { now, windowEndsAt: new Date("2026-12-04T14:25:40.000Z") });
    expect(error.message).toMatch(/^Too many checkout attempts from your address: 30 are allowed per 60 minutes\. Try again in 28 seconds/);
  });

  it("words a limit of one per minute", () => {
    const error = rateLimitError("checkout", 1, 60, { now, windowEndsAt: new Date("2026-12-04T14:25:40.000Z") });
    expect(error.message).toMatch(/^Too many checkout attempts from your address: 1 is allowed per minute\. /);
  });

  it("asks for at least one second", () => {
    const error = rateLimitError("upload", 1, 60, { now, windowEndsAt: now });
    expect(error.headers).toEqual({ "retry-after": "1" });
  });
});

describe("formatDuration", () => {
  it.each([
    { seconds: 1, text: "1 second" },
    { seconds: 45, text: "45 seconds" },
    { seconds: 60, text: "1 minute" },
    { seconds: 90, text: "90 seconds" },
    { seconds: 120, text: "2 minutes" },
    { seconds: 288, text: "about 5 minutes" },
    { seconds: 600, text: "10 minutes" },
  ])("formats $seconds s as $text", ({ seconds, text }) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
