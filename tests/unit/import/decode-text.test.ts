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

  it("NUL past the sampled start is not text", () => {
    const bytes = utf8(`Address\n${"12 Main St\n".repeat(10_000)}13 Main\u0000St\n`);
    expect(bytes.byteLength).toBeGreaterThan(65_536);
    expect(captureUploadError(() => decodeText(bytes, "list.csv")).code).toBe("not_text");
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

  it("PDF with a text header named in the message", () => {
    const bytes = utf8("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    const error = captureUploadError(() => decodeText(bytes, "list.pdf"));
    expect(error.code).toBe("not_text");
    expect(error.message).toContain('"list.pdf" is a PDF, not a CSV or text list');
    expect(error.message).toContain("Export the address list as CSV");
  });

  it("CSV whose header starts with PDF is text", () => {
    const bytes = utf8("PDF Address\n1 Main St\n");
    expect(decodeText(bytes, "list.csv").encoding).toBe("utf-8");
  });
});

describe("decodeText invalid bytes", () => {
  // Long enough that one replacement character stays far below the binary-file threshold.
  const rows = "Address,City\r\n" + "12 Main St,Detroit\r\n".repeat(5);

  it("stray byte in UTF-8 becomes U+FFFD", () => {
    const bytes = Uint8Array.from([...utf8(`${rows}Caf\u00e9 `), 0xff, ...utf8(" D\u00e9troit")]);
    expect(decodeText(bytes, "list.csv")).toEqual({ text: `${rows}Caf\u00e9 \ufffd D\u00e9troit`, encoding: "utf-8" });
  });

  it("invalid bytes outnumbering UTF-8 read as Windows-1252", () => {
    const bytes = Uint8Array.from([...utf8(`${rows}\u00e9 `), ...windows1252("Caf\u00e9 D\u00e9troit")]);
    expect(decodeText(bytes, "list.csv").encoding).toBe("windows-1252");
  });

  it("undefined Windows-1252 byte becomes U+FFFD", () => {
    const bytes = Uint8Array.from([...windows1252(`${rows}Caf\u00e9 `), 0x81]);
    expect(decodeText(bytes, "list.csv")).toEqual({ text: `${rows}Caf\u00e9 \ufffd`, encoding: "windows-1252" });
  });

  it.each([
    ["LE", utf16leWithBom, [0x00, 0xd8]],
    ["BE", utf16beWithBom, [0xd8, 0x00]],
  ])("lone surrogate in UTF-16 %s becomes U+FFFD", (_case, encode, surrogate) => {
    const bytes = Uint8Array.from([...encode(`${rows}A,`), ...surrogate, ...encode("B").subarray(2)]);
    expect(decodeText(bytes, "list.csv").text).toBe(`${rows}A,\ufffdB`);
  });

  it("odd trailing byte in UTF-16 becomes U+FFFD", () => {
    const bytes = Uint8Array.from([...utf16leWithBom(rows), 0x41]);
    expect(decodeText(bytes, "list.csv").text).toBe(`${rows}\ufffd`);
  });

  it("PNG image named in the message", () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    const error = captureUploadError(() => decodeText(bytes, "list.csv"));
    expect(error.code).toBe("not_text");
    expect(error.message).toContain("PNG image");
  });
});
