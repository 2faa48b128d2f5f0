import { describe, expect, it } from "vitest";
import {
  consecutiveWindows,
  countInRange,
  fairnessPerWindow,
  isRateStable,
  jainIndex,
  maxInAnyWindow,
  meanConcurrency,
  median,
  percentile,
  remainingTimeError,
  steadyRatePerMinute,
} from "@/scripts/bench/metrics";

describe("median", () => {
  it.each([
    { values: [], expected: null },
    { values: [7], expected: 7 },
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 3, 2], expected: 2.5 },
  ])("of $values is $expected", ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});

describe("percentile", () => {
  const hundred = Array.from({ length: 100 }, (_, index) => 100 - index);

  it("uses the nearest rank", () => {
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it("returns the minimum at p = 0", () => {
    expect(percentile([5, 3, 9], 0)).toBe(3);
  });

  it("returns null for no values", () => {
    expect(percentile([], 95)).toBeNull();
  });

  it("rejects p outside 0 to 100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("jainIndex", () => {
  it("is 1 for equal shares", () => {
    expect(jainIndex([10, 10, 10, 10])).toBe(1);
  });

  it("is 1/n when one value takes everything", () => {
    expect(jainIndex([12, 0, 0, 0])).toBeCloseTo(0.25, 12);
  });

  it("matches the formula for uneven shares", () => {
    // (1 + 2 + 3)² / (3 × (1 + 4 + 9)) = 36 / 42
    expect(jainIndex([1, 2, 3])).toBeCloseTo(36 / 42, 12);
  });

  it("treats all zeros as equal", () => {
    expect(jainIndex([0, 0])).toBe(1);
  });

  it("returns null for no values", () => {
    expect(jainIndex([])).toBeNull();
  });
});

describe("countInRange", () => {
  it("includes the start and excludes the end", () => {
    expect(countInRange([0, 5, 10, 15], 5, 15)).toBe(2);
  });
});

describe("maxInAnyWindow", () => {
  it("counts a trailing window that excludes its start", () => {
    // (t - 60 s, t]: the call at 0 is outside the window that ends at 60,000.
    expect(maxInAnyWindow([0, 30_000, 60_000], 60_000)).toBe(2);
  });

  it("finds the densest window in unsorted times", () => {
    expect(maxInAnyWindow([100_000, 1000, 2000, 3000, 200_000], 60_000)).toBe(3);
  });

  it("returns 0 for no times", () => {
    expect(maxInAnyWindow([], 60_000)).toBe(0);
  });
});

describe("steadyRatePerMinute", () => {
  it("leaves out the trimmed ends", () => {
    // One call per second for 5 minutes, plus a burst in the first second that the trim removes.
    const times = [...Array.from({ length: 301 }, (_, second) => second * 1000), 100, 200, 300];
    const rate = steadyRatePerMinute(times, 60_000);
    expect(rate?.spanMs).toBe(180_000);
    expect(rate?.perMinute).toBeCloseTo(60, 6);
  });

  it.each([0, 400, 1_500, 2_900])("averages bursts cut at %i ms", (offsetMs) => {
    // Fifteen calls together every 3 s, 300 a minute, then one straggler 1.6 s after the last burst.
    // The straggler moves the span's end, and count over span would read 306.5 a minute.
    const bursts = Array.from({ length: 62 }, (_, burst) => Array.from({ length: 15 }, () => offsetMs + burst * 3_000)).flat();
    const times = [...bursts, offsetMs + 61 * 3_000 + 1_600];
    const rate = steadyRatePerMinute(times, 60_000);
    expect((rate!.count / rate!.spanMs) * 60_000).toBeGreaterThan(305);
    expect(rate?.perMinute).toBeGreaterThan(297);
    expect(rate?.perMinute).toBeLessThan(303);
  });

  it("returns null when too little remains after trimming", () => {
    expect(steadyRatePerMinute([0, 100_000], 60_000)).toBeNull();
  });
});

describe("consecutiveWindows", () => {
  it("drops a shorter last window", () => {
    expect(consecutiveWindows(0, 75_000, 30_000)).toEqual([
      { start: 0, end: 30_000 },
      { start: 30_000, end: 60_000 },
    ]);
  });

  it("rejects a window of zero", () => {
    expect(() => consecutiveWindows(0, 10, 0)).toThrow(RangeError);
  });
});

describe("fairnessPerWindow", () => {
  const windows = consecutiveWindows(0, 90_000, 30_000);

  it("keeps only campaigns running for the whole window", () => {
    const results = fairnessPerWindow(
      [
        { id: "a", startMs: 0, endMs: 90_000, finishTimes: [1000, 2000, 31_000, 32_000, 61_000] },
        { id: "b", startMs: 0, endMs: 60_000, finishTimes: [5000, 6000, 35_000, 36_000] },
        { id: "c", startMs: 10_000, endMs: 90_000, finishTimes: [40_000, 70_000] },
      ],
      windows,
    );

    expect(results.map((result) => result.campaignIds)).toEqual([["a", "b"], ["a", "b", "c"], ["a", "c"]]);
    expect(results[0]?.jain).toBe(1);
    expect(results[1]?.finishes).toEqual([2, 2, 1]);
    expect(results[1]?.jain).toBeCloseTo(25 / 27, 12);
    expect(results[2]?.finishes).toEqual([1, 1]);
  });

  it("leaves out windows with one running campaign", () => {
    const results = fairnessPerWindow([{ id: "a", startMs: 0, endMs: 90_000, finishTimes: [1000] }], windows);
    expect(results).toEqual([]);
  });

  it("leaves out campaigns that have not completed", () => {
    const results = fairnessPerWindow(
      [
        { id: "a", startMs: 0, endMs: 90_000, finishTimes: [] },
        { id: "b", startMs: 0, endMs: null, finishTimes: [] },
      ],
      windows,
    );
    expect(results).toEqual([]);
  });
});

describe("isRateStable", () => {
  it.each([
    { counts: [2, 20, 21, 19], expected: true },
    { counts: [20, 21, 30], expected: false },
    { counts: [20, 20], expected: false },
    { counts: [0, 0, 0], expected: false },
  ])("is $expected for $counts", ({ counts, expected }) => {
    expect(isRateStable(counts, 3, 0.2)).toBe(expected);
  });
});

describe("remainingTimeError", () => {
  it("is positive when the ETA was too late", () => {
    expect(remainingTimeError(130_000, 100_000, 120_000)).toBeCloseTo(0.5, 12);
  });

  it("is negative when the ETA was too early", () => {
    expect(remainingTimeError(110_000, 100_000, 120_000)).toBeCloseTo(-0.5, 12);
  });

  it("is null when the campaign had already finished", () => {
    expect(remainingTimeError(110_000, 100_000, 100_000)).toBeNull();
  });
});

describe("meanConcurrency", () => {
  it("averages open intervals over the whole span", () => {
    // Lengths 10 + 10 + 20 over the span 0..20.
    expect(
      meanConcurrency([
        { start: 0, end: 10 },
        { start: 10, end: 20 },
        { start: 0, end: 20 },
      ]),
    ).toBe(2);
  });

  it("returns 0 for no intervals", () => {
    expect(meanConcurrency([])).toBe(0);
  });

  it("returns 0 for a span of zero", () => {
    expect(meanConcurrency([{ start: 5, end: 5 }])).toBe(0);
  });
});
