import { describe, expect, it } from "vitest";
import { readCsvRecords } from "@/lib/import/read-csv-records";
import { captureUploadError } from "./capture-upload-error";

describe("readCsvRecords", () => {
  it.each([
    ["LF", "a,b\n1,2\n3,4\n"],
    ["CRLF", "a,b\r\n1,2\r\n3,4\r\n"],
    ["bare CR", "a,b\r1,2\r3,4\r"],
    ["mixed endings", "a,b\r\n1,2\n3,4\r"],
    ["no final line ending", "a,b\n1,2\n3,4"],
  ])("line endings %s", (_case, text) => {
    expect(readCsvRecords(text, "list.csv")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it.each([
    ["quoted comma", 'a,b\n"1, Main",2\n', "1, Main"],
    ["quoted LF", 'a,b\n"line 1\nline 2",2\n', "line 1\nline 2"],
    ["quoted CRLF", 'a,b\r\n"line 1\r\nline 2",2\r\n', "line 1\r\nline 2"],
    ["quoted bare CR", 'a,b\r"line 1\rline 2",2\r', "line 1\rline 2"],
    ["doubled quotes", 'a,b\n"say ""hi""",2\n', 'say "hi"'],
    ["stray quote in unquoted cell", 'a,b\n5" pipe,2\n', '5" pipe'],
  ])("%s", (_case, text, firstCell) => {
    const records = readCsvRecords(text, "list.csv");
    expect(records).toHaveLength(2);
    expect(records[1]?.[0]).toBe(firstCell);
  });

  it("keeps empty lines as records", () => {
    expect(readCsvRecords("a,b\n\n1,2\n", "list.csv")).toEqual([["a", "b"], [""], ["1", "2"]]);
  });

  it("keeps ragged records", () => {
    expect(readCsvRecords("a,b,c\n1\n1,2,3,4\n", "list.csv")).toEqual([["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]);
  });

  it.each([
    ["tab", "Address\tCity\n1 Main St\tDetroit\n"],
    ["semicolon", "Address;City\n1 Main St;Detroit\n"],
  ])("%s delimiter", (_case, text) => {
    expect(readCsvRecords(text, "list.csv")).toEqual([
      ["Address", "City"],
      ["1 Main St", "Detroit"],
    ]);
  });

  it("comma wins over semicolon in header", () => {
    expect(readCsvRecords("Address,Notes\n1 Main St,a;b\n", "list.csv")[1]).toEqual(["1 Main St", "a;b"]);
  });

  it("unclosed quote names the row", () => {
    const error = captureUploadError(() => readCsvRecords('a,b\n1,2\n3,"4\n5,6\n', "list.csv"));
    expect(error.code).toBe("malformed_csv");
    expect(error.message).toContain("data row 2");
    expect(error.message).toContain("never closed");
  });
});

describe("readCsvRecords limits", () => {
  const limits = { maxDataRows: 2, maxColumns: 4 };

  it("records within the limits kept", () => {
    expect(readCsvRecords("a,b\n1,2\n\n3,4\n", "list.csv", limits)).toHaveLength(4);
  });

  it("stops at the first row past the limit", () => {
    // The unclosed quote after the limit is never reached, which shows reading stopped there.
    const error = captureUploadError(() => readCsvRecords('a,b\n1,2\n3,4\n5,6\n7,8\n9,"10\n', "list.csv", limits));
    expect(error.code).toBe("too_many_rows");
    expect(error.message).toContain("about 5 address rows");
    expect(error.message).toContain("limit of 2 per upload");
  });

  it("blank rows do not count toward the row limit", () => {
    expect(readCsvRecords("a,b\n1,2\n,\n\n3,4\n", "list.csv", limits)).toHaveLength(5);
  });

  it("wide header rejected", () => {
    const error = captureUploadError(() => readCsvRecords("a,b,c,d,e\n1,2\n", "list.csv", limits));
    expect(error.code).toBe("too_many_columns");
    expect(error.message).toContain("5 columns in the header row");
    expect(error.message).toContain("limit of 4");
  });

  it("first wide data row rejected", () => {
    const error = captureUploadError(() => readCsvRecords('a,b\n1,2\n\n1,2,3,4,5,6\n7,"8\n', "list.csv", { maxDataRows: 10, maxColumns: 4 }));
    expect(error.code).toBe("too_many_columns");
    expect(error.message).toContain("6 columns in data row 3");
  });
});
