import { describe, expect, it } from "vitest";
import { normalizeZip, toZip5 } from "@/lib/import/normalize-zip";

describe("normalizeZip", () => {
  it.each([
    ["five digits", "48208", "48208"],
    ["surrounding spaces", " 48208 ", "48208"],
    ["four digits regain the leading zero", "2134", "02134"],
    ["three digits regain two zeros", "501", "00501"],
    ["spreadsheet decimal", "2134.0", "02134"],
    ["spreadsheet decimal on five digits", "48208.00", "48208"],
    ["ZIP+4 with a dash", "48207-4242", "48207-4242"],
    ["ZIP+4 with a space", "48207 4242", "48207-4242"],
    ["ZIP+4 with spaces around the dash", "48207 - 4242", "48207-4242"],
    ["ZIP+4 without a separator", "482074242", "48207-4242"],
    ["ZIP+4 that lost a leading zero", "21341234", "02134-1234"],
    ["ZIP+4 of four digits with a dash", "2134-1234", "02134-1234"],
    ["add-on 0000 dropped", "48207-0000", "48207"],
    ["Excel apostrophe marker", "'02134", "02134"],
    ["Excel text formula", '="02134"', "02134"],
  ])("%s", (_case, value, expected) => {
    expect(normalizeZip(value)).toBe(expected);
  });

  it.each([
    ["blank", ""],
    ["spaces only", "   "],
    ["letters", "N/A"],
    ["all zeros", "00000"],
    ["six digits", "123456"],
    ["two digits", "12"],
    ["Canadian postal code", "M5V 3L9"],
    ["decimal with a fraction", "48208.5"],
  ])("%s is dropped", (_case, value) => {
    expect(normalizeZip(value)).toBeNull();
  });
});

describe("toZip5", () => {
  it("cuts a ZIP+4 to five digits", () => {
    expect(toZip5("48207-4242")).toBe("48207");
  });

  it("keeps a plain ZIP", () => {
    expect(toZip5("02134")).toBe("02134");
  });
});
