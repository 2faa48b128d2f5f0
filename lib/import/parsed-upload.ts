import type { TextEncoding } from "@/lib/import/decode-text";
import type { ColumnMapping, UploadLayout } from "@/lib/import/detect-columns";

export type ParsedProperty = {
  /** 1-based index of the data record, header excluded. A quoted line break does not start a record. */
  rowNumber: number;
  /** The record's cells as written, padded with "" or cut to the header width. */
  cells: string[];
  street: string;
  city: string | null;
  /** Two-letter USPS code. */
  state: string | null;
  /** "02134" or, when the file gives the add-on code, "48207-4242". Always text. */
  zip: string | null;
  /** "4300 ROSA PARKS BLVD, DETROIT, MI 48208": upper case with USPS abbreviations, for display and geocoding. */
  normalizedAddress: string;
  /**
   * "715 N FREMONT AVE|BALTIMORE|MD": the house as duplicates are matched (street key, city,
   * state; no ZIP), so reuse across uploads matches what counts as the same house within one.
   */
  addressKey: string;
  /** From the file when valid, otherwise null and the address is geocoded. */
  latitude: number | null;
  longitude: number | null;
};

export type ParsedUpload = {
  encoding: TextEncoding;
  layout: UploadLayout;
  /** The header cells as written, with only a byte order mark removed. */
  header: string[];
  mapping: ColumnMapping;
  properties: ParsedProperty[];
  /** Rows that cannot be photographed, with a reason written for the customer. */
  invalid: Array<{ rowNumber: number; reason: string }>;
  /** Later rows with the same house as an earlier property row, which is `duplicateOfRow`. */
  duplicates: Array<{ rowNumber: number; duplicateOfRow: number }>;
  /** The cells of every invalid and duplicate row, as written and fitted to the header width, in file order. */
  excludedCells: Array<{ rowNumber: number; cells: string[] }>;
  /** Data records whose cells are all empty. They are in no other list. */
  blankRows: number;
  /** Non-blank data records: the length of properties, invalid and duplicates together. */
  dataRowCount: number;
  /** True when the file alone lacks a city or state for some address, so the defaults were or would be needed. */
  needsCityState: boolean;
};

