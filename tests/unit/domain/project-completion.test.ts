import { describe, expect, it } from "vitest";
import { projectCompletionMinutes, type RemainingWork } from "@/lib/campaigns/project-completion";

const work = (entries: Record<string, [remaining: number, inFlight: number]>): Map<string, RemainingWork> =>
  new Map(Object.entries(entries).map(([id, [remaining, inFlight]]) => [id, { remaining, inFlight }]));

describe("projectCompletionMinutes", () => {
  it("gives a lone campaign the whole rate", () => {
    expect(projectCompletionMinutes(work({ a: [120, 0] }), 60).get("a")).toBeCloseTo(2);
  });

  it("splits the rate until the smaller campaign finishes", () => {
    const projection = projectCompletionMinutes(work({ large: [100, 0], small: [20, 0] }), 60);
    // Both run at 30 per minute until small is done after 40 s; large then has 80 left at 60 per minute.
    expect(projection.get("small")).toBeCloseTo(20 / 30);
    expect(projection.get("large")).toBeCloseTo(20 / 30 + 80 / 60);
  });

  it("finishes equal campaigns together", () => {
    const projection = projectCompletionMinutes(work({ a: [50, 0], b: [50, 0], c: [50, 0] }), 30);
    for (const id of ["a", "b", "c"]) expect(projection.get(id)).toBeCloseTo(5);
  });

  it("matches equal shares in steady state", () => {
    // 12 in flight at 60 a minute: 12 s in flight. Each campaign holds 4, so its last release comes
    // 4 shares early, which the flight time makes up.
    const projection = projectCompletionMinutes(work({ a: [20, 4], b: [40, 4], c: [100, 4] }), 60);
    expect(projection.get("a")).toBeCloseTo((20 * 3) / 60);
    expect(projection.get("b")).toBeCloseTo((20 * 3 + 20 * 2) / 60);
    expect(projection.get("c")).toBeCloseTo((20 * 3 + 20 * 2 + 60) / 60);
  });

  it("finishes all-in-flight campaign within flight time", () => {
    // 10 in flight at 60 a minute: 10 s in flight; the small campaign's 2 land after about 2/3 of it.
    const projection = projectCompletionMinutes(work({ small: [2, 2], large: [500, 8] }), 60);
    expect(projection.get("small")).toBeCloseTo((10 / 60) * (2 / 3));
    // The small campaign takes no more releases, so the large one gets the whole rate.
    expect(projection.get("large")).toBeCloseTo(492 / 60 + 10 / 60);
  });

  it("shortens a nearly finished campaign", () => {
    const equalShares = (5 * 4) / 120;
    const projection = projectCompletionMinutes(work({ small: [5, 4], b: [300, 3], c: [300, 3], d: [300, 2] }), 120);
    expect(projection.get("small")).toBeLessThan(equalShares);
    expect(projection.get("small")).toBeCloseTo((1 * 4) / 120 + 12 / 120);
  });

  it("projects zero for finished campaigns", () => {
    expect(projectCompletionMinutes(work({ done: [0, 0] }), 60).get("done")).toBe(0);
  });

  it("projects nothing without a rate", () => {
    expect(projectCompletionMinutes(work({ a: [10, 2] }), 0).size).toBe(0);
  });

  it("matches the total work at the end", () => {
    const projection = projectCompletionMinutes(work({ a: [7, 0], b: [300, 0], c: [45, 0], d: [45, 0] }), 90);
    const last = Math.max(...projection.values());
    expect(last).toBeCloseTo((7 + 300 + 45 + 45) / 90);
  });

  it("matches total work with properties in flight", () => {
    const projection = projectCompletionMinutes(work({ a: [7, 3], b: [300, 3], c: [45, 3], d: [45, 3] }), 90);
    const last = Math.max(...projection.values());
    expect(last).toBeCloseTo((7 + 300 + 45 + 45) / 90);
  });
});
