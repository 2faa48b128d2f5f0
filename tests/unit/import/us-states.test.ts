import { describe, expect, it } from "vitest";
import { isStateName, normalizeState } from "@/lib/import/us-states";

describe("normalizeState", () => {
  it.each([
    ["code", "MI", "MI"],
    ["lower-case code", "mi", "MI"],
    ["code with periods", "M.I.", "MI"],
    ["code with spaces", " dc ", "DC"],
    ["full name", "Michigan", "MI"],
    ["upper-case name", "NEW YORK", "NY"],
    ["name with doubled space", "new  york", "NY"],
    ["District of Columbia", "District of Columbia", "DC"],
    ["territory", "Puerto Rico", "PR"],
    ["territory code", "GU", "GU"],
  ])("%s", (_case, value, expected) => {
    expect(normalizeState(value)).toBe(expected);
  });

  it.each([
    ["blank", ""],
    ["unknown code", "XX"],
    ["Canadian province", "ON"],
    ["misspelled name", "Michigann"],
  ])("%s is rejected", (_case, value) => {
    expect(normalizeState(value)).toBeNull();
  });
});

describe("isStateName", () => {
  it("accepts a full name", () => {
    expect(isStateName("west virginia")).toBe(true);
  });

  it("rejects a code", () => {
    expect(isStateName("WV")).toBe(false);
  });
});
