import { describe, expect, it } from "vitest";
import { decodeText } from "@/lib/import/decode-text";
import { utf16beWithBom, utf16leWithBom, utf8, utf8WithBom, windows1252 } from "./upload-bytes";
import { captureUploadError } from "./capture-upload-error";

const sample = "Address,City\r\n12 Café St,Détroit\r\n";

describe("decodeText", () => {
  it.each([
    ["UTF-8 without BOM", utf8(sample), "utf-8"],
    ["UTF-8 with BOM", utf8WithBom(sample), "utf-8"],
    ["UTF-16 LE with BOM", utf16leWithBom(sample), "utf-16le"],
    ["UTF-16 BE with BOM", utf16beWithBom(sample), "utf-16be"],
    ["invalid UTF-8 as Windows-1252", windows1252(sample), "windows-1252"],
  ])("%s", (_case, bytes, encoding) => {
    expect(decodeText(bytes, "list.csv")).toEqual({ text: sample, encoding });
  });

  it("Windows-1252 curly quotes and euro sign", () => {
    const bytes = Uint8Array.from([0x93, 0x41, 0x94, 0x20, 0x80]);
    expect(decodeText(bytes, "list.csv").text).toBe("\u201cA\u201d \u20ac");
  });

  it("UTF-8 BOM followed by Windows-1252 bytes", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...windows1252("Caf\u00e9")]);
    expect(decodeText(bytes, "list.csv")).toEqual({ text: "Caf\u00e9", encoding: "windows-1252" });
  });

  it("NUL byte is not text", () => {
    const error = captureUploadError(() => decodeText(Uint8Array.from([0x41, 0x00, 0x42]), "list.csv"));
    expect(error.code).toBe("not_text");
    expect(error.message).toContain("This file is not a CSV text file");
    expect(error.message).toContain('"list.csv"');
  });

  it("mostly control characters is not text", () => {
    const bytes = Uint8Array.from({ length: 200 }, (_, index) => (index % 3 === 0 ? 0x41 : 0x01));
    expect(captureUploadError(() => decodeText(bytes, "list.csv")).code).toBe("not_text");
  });

  it("a few control characters are text", () => {
    const bytes = utf8(`${"Address\n".repeat(20)}\u0007`);
    expect(decodeText(bytes, "list.csv").encoding).toBe("utf-8");
  });

  it("xlsx workbook named in the message", () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    const error = captureUploadError(() => decodeText(bytes, "list.xlsx"));
    expect(error.code).toBe("not_text");
    expect(error.message).toContain(".xlsx workbook");
  });
});
