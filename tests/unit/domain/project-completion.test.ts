import { describe, expect, it } from "vitest";
import { projectCompletionMinutes } from "@/lib/campaigns/project-completion";

describe("projectCompletionMinutes", () => {
  it("gives a lone campaign the whole rate", () => {
    expect(projectCompletionMinutes(new Map([["a", 120]]), 60).get("a")).toBeCloseTo(2);
  });

  it("splits the rate until the smaller campaign finishes", () => {
    const projection = projectCompletionMinutes(
      new Map([
        ["large", 100],
        ["small", 20],
      ]),
      60,
    );
    // Both run at 30 per minute until small is done after 40 s; large then has 80 left at 60 per minute.
    expect(projection.get("small")).toBeCloseTo(20 / 30);
    expect(projection.get("large")).toBeCloseTo(20 / 30 + 80 / 60);
  });

  it("finishes equal campaigns together", () => {
    const projection = projectCompletionMinutes(
      new Map([
        ["a", 50],
        ["b", 50],
        ["c", 50],
      ]),
      30,
    );
    expect(projection.get("a")).toBeCloseTo(5);
    expect(projection.get("b")).toBeCloseTo(5);
    expect(projection.get("c")).toBeCloseTo(5);
  });

  it("projects zero for finished campaigns", () => {
    expect(projectCompletionMinutes(new Map([["done", 0]]), 60).get("done")).toBe(0);
  });

  it("projects nothing without a rate", () => {
    expect(projectCompletionMinutes(new Map([["a", 10]]), 0).size).toBe(0);
  });

  it("matches the total work at the end", () => {
    const remaining = new Map([
      ["a", 7],
      ["b", 300],
      ["c", 45],
      ["d", 45],
    ]);
    const projection = projectCompletionMinutes(remaining, 90);
    const last = Math.max(...projection.values());
    expect(last).toBeCloseTo((7 + 300 + 45 + 45) / 90);
  });
});
