import { describe, expect, it } from "vitest";
import { formatCount, formatCountOf, formatUsd } from "@/lib/format/format-numbers";

describe("formatCount", () => {
  it.each([
    { count: 0, text: "0" },
    { count: 999, text: "999" },
    { count: 1000, text: "1,000" },
    { count: 12000, text: "12,000" },
    { count: 1_234_567, text: "1,234,567" },
  ])("writes $count as $text", ({ count, text }) => {
    expect(formatCount(count)).toBe(text);
  });
});

describe("formatCountOf", () => {
  it("uses the singular for exactly one", () => {
    expect(formatCountOf(1, "property", "properties")).toBe("1 property");
  });

  it("uses the plural for zero and many", () => {
    expect(formatCountOf(0, "property", "properties")).toBe("0 properties");
    expect(formatCountOf(12000, "property", "properties")).toBe("12,000 properties");
  });
});

describe("formatUsd", () => {
  it.each([
    { cents: 5, text: "$0.05" },
    { cents: 1750, text: "$17.50" },
    { cents: 123450, text: "$1,234.50" },
    { cents: 250_000_00, text: "$250,000.00" },
  ])("writes $cents cents as $text", ({ cents, text }) => {
    expect(formatUsd(cents)).toBe(text);
  });
});
