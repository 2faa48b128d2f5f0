import iconv from "iconv-lite";
import { UploadError } from "@/lib/import/upload-error";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type DecodedText = { text: string; encoding: TextEncoding };

/** Share of control characters above which a decoded file counts as binary. */
const maxControlCharacterShare = 0.05;

/** Characters sampled from the start of the text for the control-character check. */
const sampleLength = 65_536;

/** Put in place of every byte sequence that is invalid in the detected encoding, so the rows holding one can be named. */
export const unreadableCharacter = "\ufffd";

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Decodes an uploaded file to text and removes the byte order mark.
 *
 * UTF-16 is recognized only by its byte order mark, which Excel's "Unicode Text" export
 * writes. Bytes that are not valid UTF-8 are read as Windows-1252, the code page of Excel's
 * plain "CSV (Comma delimited)" on US Windows, unless valid UTF-8 characters outnumber the
 * invalid sequences: then the file is UTF-8 with a few damaged bytes. Every sequence that is
 * invalid in the chosen encoding (a stray byte in UTF-8, a lone surrogate or a trailing odd
 * byte in UTF-16, a byte Windows-1252 leaves undefined) becomes `unreadableCharacter`.
 * Throws `not_text`, naming the kind of file, when the bytes start with the signature of a
 * workbook, zip archive, PDF or image. The signature is checked before decoding, because a PDF
 * often opens with lines of plain text and would otherwise be read as a CSV without an address
 * column. Also throws `not_text` for a NUL character anywhere or mostly control characters at
 * the start, which means some other binary file.
 */
export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  const knownKind = detectBinaryKind(bytes);
  if (knownKind !== null) {
    throw new UploadError(
      "not_text",
      `"${fileName}" is ${knownKind.name}, not a CSV or text list. ${knownKind.fix}`,
    );
  }

  const decoded = decodeBytes(bytes);

  if (looksBinary(decoded.text)) {
    throw new UploadError(
      "not_text",
      `This file is not a CSV text file: "${fileName}" contains binary data. ` +
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
    return { text: decodeUtf16(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  }

  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: decodeUtf16(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };
  }

  return decodeUtf8OrWindows1252(bytes);
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  // iconv-lite keeps lone surrogates and drops a trailing odd byte without a trace.
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
  const trailing = bytes.byteLength % 2 === 1 ? unreadableCharacter : "";
  return text.replace(loneSurrogate, unreadableCharacter) + trailing;
}

function decodeUtf8OrWindows1252(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Invalid UTF-8: one damaged byte in a UTF-8 export, or a Windows-1252 file.
  }

  const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  const { invalid, validNonAscii } = countUtf8Characters(lenient);
  if (validNonAscii >= invalid) {
    return { text: lenient, encoding: "utf-8" };
  }
  // iconv-lite decodes the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) as U+FFFD.
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows-1252"), encoding: "windows-1252" };
}

/** Counts replacement characters (invalid sequences) and other non-ASCII characters (valid multi-byte sequences). */
function countUtf8Characters(text: string): { invalid: number; validNonAscii: number } {
  let invalid = 0;
  let validNonAscii = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0xfffd) {
      invalid += 1;
    } else if (code >= 0x80 && (code < 0xdc00 || code > 0xdfff)) {
      validNonAscii += 1;
    }
  }
  return { invalid, validNonAscii };
}

function looksBinary(text: string): boolean {
  // The whole text is searched for NUL, because PostgreSQL cannot store it in any text column.
  if (text.includes("\u0000")) {
    return true;
  }

  const sample = text.slice(0, sampleLength);

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

type BinaryKind = { name: string; fix: string };

const saveFromSpreadsheet = "Open it in your spreadsheet, save it as CSV (comma delimited) and upload the .csv file.";
const exportFromSource = "Export the address list as CSV (comma delimited) from the program it came from and upload the .csv file.";

/** File signatures (magic numbers) of the binary files customers upload by mistake. */
const binaryKinds: { signature: number[]; kind: BinaryKind }[] = [
  { signature: [0x50, 0x4b, 0x03, 0x04], kind: { name: "an Excel .xlsx workbook or another zip archive", fix: saveFromSpreadsheet } },
  { signature: [0xd0, 0xcf, 0x11, 0xe0], kind: { name: "an Excel .xls workbook or another Office file", fix: saveFromSpreadsheet } },
  { signature: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: { name: "a PDF", fix: exportFromSource } },
  { signature: [0x89, 0x50, 0x4e, 0x47], kind: { name: "a PNG image", fix: exportFromSource } },
  { signature: [0xff, 0xd8, 0xff], kind: { name: "a JPEG image", fix: exportFromSource } },
];

function detectBinaryKind(bytes: Uint8Array): BinaryKind | null {
  return binaryKinds.find(({ signature }) => startsWith(bytes, signature))?.kind ?? null;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
