import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { formatCsvRow, neutralizeFormula } from "@/lib/export/csv-cells";

describe("neutralizeFormula", () => {
  it.each([
    ["equals", "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["plus", "+1+1", "'+1+1"],
    ["minus formula", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["at sign", "@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["tab", "\t=1", "'\t=1"],
    ["carriage return", "\r=1", "'\r=1"],
    ["NUL", "\u0000=1", "'\u0000=1"],
    ["minus alone", "-", "'-"],
    ["minus with exponent", "-1e5", "'-1e5"],
    ["plus number", "+83.05", "'+83.05"],
  ])("%s is prefixed", (_case, value, expected) => {
    expect(neutralizeFormula(value)).toBe(expected);
  });

  it.each([
    ["negative longitude", "-83.05"],
    ["negative integer", "-7"],
    ["negative fraction without a leading digit", "-.5"],
    ["ZIP with leading zero", "02134"],
    ["ZIP+4", "48207-4242"],
    ["street", "224 S St NE #2"],
    ["equals later in the text", "a=b"],
    ["blank", ""],
    ["already neutralized", "'=1"],
  ])("%s is unchanged", (_case, value) => {
    expect(neutralizeFormula(value)).toBe(value);
  });

  it("running twice changes nothing", () => {
    expect(neutralizeFormula(neutralizeFormula("=1"))).toBe("'=1");
  });
});

describe("formatCsvRow", () => {
  it.each([
    ["plain cells", ["a", "b"], "a,b\r\n"],
    ["comma quoted", ["1 Main St, Apt 2", "x"], '"1 Main St, Apt 2",x\r\n'],
    ["quote doubled", ['say "hi"'], '"say ""hi"""\r\n'],
    ["LF quoted", ["line 1\nline 2"], '"line 1\nline 2"\r\n'],
    ["CR quoted", ["line 1\rline 2"], '"line 1\rline 2"\r\n'],
    ["empty cells", ["", "", ""], ",,\r\n"],
    ["ZIP kept as text", ["02134", "48207-4242"], "02134,48207-4242\r\n"],
    ["no cells", [], "\r\n"],
  ])("%s", (_case, cells, expected) => {
    expect(formatCsvRow(cells)).toBe(expected);
  });

  it("round-trips through a CSV parser", () => {
    const cells = ["1 Main St, Apt 2", 'the "blue" house', "multi\r\nline", "02134", "'=1+1", ""];
    expect(parse(formatCsvRow(cells))).toEqual([cells]);
  });
});
