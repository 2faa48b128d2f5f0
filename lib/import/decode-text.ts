import iconv from "iconv-lite";
import { UploadError } from "@/lib/import/upload-error";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type DecodedText = { text: string; encoding: TextEncoding };

/** Share of control characters above which a decoded file counts as binary. */
const maxControlCharacterShare = 0.05;

/** Characters sampled from the start of the text for the control-character check. */
const sampleLength = 65_536;

/**
 * Decodes an uploaded file to text and removes the byte order mark.
 *
 * UTF-16 is recognized only by its byte order mark, which Excel's "Unicode Text" export
 * writes. Other bytes that are not valid UTF-8 are read as Windows-1252, the code page of
 * Excel's plain "CSV (Comma delimited)" on US Windows. Throws `not_text` for a NUL character
 * or mostly control characters, which means a workbook, PDF or other binary file.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const decoded = decodeBytes(bytes);

  if (looksBinary(decoded.text)) {
    throw new UploadError(
      "not_text",
      `This file is not a CSV text file: "${fileName}" contains binary data${describeBinaryKind(bytes)}. ` +
        "Save the list from your spreadsheet as CSV (comma delimited) and upload the .csv file.",
    );
  }

  return decoded;
}

function decodeBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return decodeUtf8OrWindows1252(bytes.subarray(3));
  }

  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le", { stripBOM: false }), encoding: "utf-16le" };
  }

  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be", { stripBOM: false }), encoding: "utf-16be" };
  }

  return decodeUtf8OrWindows1252(bytes);
}

function decodeUtf8OrWindows1252(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "windows-1252"), encoding: "windows-1252" };
  }
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, sampleLength);
  if (sample.includes("\u0000")) {
    return true;
  }

  let controlCharacters = 0;
  for (const character of sample) {
    const code = character.codePointAt(0) ?? 0;
    const isControl = (code < 0x20 && character !== "\t" && character !== "\n" && character !== "\r") || code === 0x7f;
    if (isControl || character === "\ufffd") {
      controlCharacters += 1;
    }
  }

  return sample.length > 0 && controlCharacters / sample.length > maxControlCharacterShare;
}

function describeBinaryKind(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return " (it looks like an Excel .xlsx workbook or another zip archive)";
  }

  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return " (it looks like an Excel .xls workbook)";
  }

  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    return " (it looks like a PDF)";
  }

  return "";
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
