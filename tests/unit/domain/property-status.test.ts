import { describe, expect, it } from "vitest";
import { isTerminal, reachedGemini, terminalStatuses, unscoredStatuses } from "@/lib/pipeline/property-status";

describe("property statuses", () => {
  it("counts every final status but scored as unscored", () => {
    expect(unscoredStatuses.toSorted()).toEqual(terminalStatuses.filter((status) => status !== "scored").toSorted());
  });

  it("treats pending and queued as unfinished", () => {
    expect(isTerminal("pending")).toBe(false);
    expect(isTerminal("queued")).toBe(false);
    for (const status of terminalStatuses) expect(isTerminal(status)).toBe(true);
  });

  it("knows which final statuses used a Gemini call", () => {
    expect(terminalStatuses.filter(reachedGemini).toSorted()).toEqual(["failed", "scored", "unassessable"]);
  });
});
