import iconv from "iconv-lite";

/** Builders of uploaded file bytes in each encoding the parser accepts. */

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function utf8WithBom(text: string): Uint8Array {
  return Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]);
}

export function utf16leWithBom(text: string): Uint8Array {
  return Uint8Array.from([0xff, 0xfe, ...iconv.encode(text, "utf-16le")]);
}

export function utf16beWithBom(text: string): Uint8Array {
  return Uint8Array.from([0xfe, 0xff, ...iconv.encode(text, "utf-16be")]);
}

export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(iconv.encode(text, "windows-1252"));
}
