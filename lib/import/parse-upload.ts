import { z } from "zod";
import { formatCount } from "@/lib/format/format-numbers";
import { classifyRows } from "@/lib/import/classify-rows";
import { decodeText } from "@/lib/import/decode-text";
import { detectColumns } from "@/lib/import/detect-columns";
import type { ParsedUpload } from "@/lib/import/parsed-upload";
import { readCsvRecords } from "@/lib/import/read-csv-records";
import type { LocalityDefaults } from "@/lib/import/resolve-row";
import { UploadError } from "@/lib/import/upload-error";
import { normalizeState } from "@/lib/import/us-states";

export type { ParsedProperty, ParsedUpload } from "@/lib/import/parsed-upload";

/** Maximum number of columns accepted, a product limit that also bounds the work per row. */
export const maxColumns = 500;

export const parseUploadInputSchema = z.object({
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, "bytes must be a Uint8Array"),
  fileName: z.string(),
  /** Maximum number of non-blank data rows accepted. */
  maxRows: z.number().int().positive(),
  /** City and state for rows that give none, such as a list of street lines from one city. */
  defaults: z.object({ city: z.string().optional(), state: z.string().optional() }).optional(),
});

export type ParseUploadInput = z.input<typeof parseUploadInputSchema>;

/**
 * Parses an uploaded address list (CSV in UTF-8, UTF-16 or Windows-1252) into properties to
 * photograph, invalid rows with reasons, and duplicates of earlier rows.
 *
 * Throws `UploadError` when the file as a whole cannot be used: `empty_file`, `not_text`,
 * `malformed_csv`, `header_only`, `too_many_columns`, `no_address_column`, `too_many_rows`,
 * `invalid_default_state`, or `missing_city_state` for street lines with no city and state
 * in the file or the defaults.
 */
export function parseUpload(input: ParseUploadInput): ParsedUpload {
  const { bytes, fileName, maxRows, defaults } = parseUploadInputSchema.parse(input);
  const localityDefaults = validateDefaults(defaults);

  if (bytes.length === 0) {
    throw emptyFileError(fileName);
  }
  const { text, encoding } = decodeText(bytes, fileName);
  if (text.trim() === "") {
    throw emptyFileError(fileName);
  }

  const records = readCsvRecords(text, fileName, { maxDataRows: maxRows, maxColumns });
  const headerIndex = records.findIndex((record) => !isBlankRecord(record));
  const header = records[headerIndex];
  if (header === undefined) {
    throw emptyFileError(fileName);
  }
  const dataRecords = records.slice(headerIndex + 1).map((record) => fitToWidth(record, header.length));
  const filledRecords = dataRecords.filter((record) => !isBlankRecord(record));
  const dataRowCount = filledRecords.length;

  if (dataRowCount === 0) {
    throw new UploadError(
      "header_only",
      `"${fileName}" has a header row but no address rows. Add the addresses below the header and upload again.`,
    );
  }

  const { layout, mapping } = detectColumns(header, filledRecords, fileName);
  const rows = classifyRows(dataRecords, { header, layout, mapping, defaults: localityDefaults, encoding });

  const missingDefaults = localityDefaults.city === null || localityDefaults.state === null;
  if (!rows.fileGivesLocality && missingDefaults) {
    throw missingCityStateError(fileName, header, mapping.street, localityDefaults);
  }

  return {
    encoding,
    layout,
    header,
    mapping,
    properties: rows.properties,
    invalid: rows.invalid,
    duplicates: rows.duplicates,
    excludedCells: rows.excludedCells,
    blankRows: rows.blankRows,
    dataRowCount,
    needsCityState: !rows.fileGivesLocality || rows.rowsMissingLocality > 0,
  };
}

function validateDefaults(defaults: { city?: string; state?: string } | undefined): LocalityDefaults {
  const city = defaults?.city?.replace(/\s+/g, " ").trim() || null;
  const stateText = defaults?.state?.trim() ?? "";
  if (stateText === "") {
    return { city, state: null };
  }

  const state = normalizeState(stateText);
  if (state === null) {
    throw new UploadError(
      "invalid_default_state",
      `The state "${stateText}" is not a US state. Enter a 2-letter code such as MI or a full name such as Michigan.`,
    );
  }
  return { city, state };
}

function missingCityStateError(fileName: string, header: string[], streetIndex: number, defaults: LocalityDefaults): UploadError {
  const column = (header[streetIndex] ?? "").trim();
  const streetsFound = `"${fileName}" has street addresses in column "${column}"`;

  if (defaults.city !== null) {
    return new UploadError(
      "missing_city_state",
      `${streetsFound} and the city "${defaults.city}" but no state. Enter the state for the whole file, such as MD, and upload again.`,
    );
  }

  if (defaults.state !== null) {
    return new UploadError(
      "missing_city_state",
      `${streetsFound} and the state ${defaults.state} but no city. Enter the city for the whole file, such as Baltimore, and upload again.`,
    );
  }

  return new UploadError(
    "missing_city_state",
    `${streetsFound} but no city or state. Enter the city and state for the whole file, such as Baltimore, MD, and upload again.`,
  );
}

function emptyFileError(fileName: string): UploadError {
  return new UploadError(
    "empty_file",
    `"${fileName}" is empty. Export the list again with a header row and one row per address, then upload it.`,
  );
}

function fitToWidth(record: string[], width: number): string[] {
  if (record.length === width) {
    return record;
  }
  if (record.length > width) {
    return record.slice(0, width);
  }
  return [...record, ...Array<string>(width - record.length).fill("")];
}

function isBlankRecord(record: string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}
