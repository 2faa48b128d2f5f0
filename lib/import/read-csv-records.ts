import { CsvError, parse } from "csv-parse/sync";
import { UploadError } from "@/lib/import/upload-error";

/**
 * Splits decoded CSV text into records of cells, keeping empty records so that blank rows
 * can be counted.
 *
 * Records may end in CRLF, LF or a bare CR, mixed in one file, and a quoted value may
 * contain any of them. Quotes inside an unquoted value (`5" pipe`) are kept as text. The
 * delimiter is a comma unless the first line contains no comma but a tab or a semicolon,
 * as in Excel's "Unicode Text" export or a CSV saved in a European locale.
 * Throws `malformed_csv` for a quote that is never closed or is followed by text.
 */
export function readCsvRecords(text: string, fileName: string): string[][] {
  try {
    return parse(text, {
      delimiter: detectDelimiter(text),
      // csv-parse 6 takes the first line ending it meets as the only one unless given a list.
      // "\r\n" comes first so that a CRLF is not read as a bare CR followed by an empty line.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw toUploadError(error, fileName);
    }
    throw error;
  }
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  if (firstLine.includes(",")) {
    return ",";
  }

  if (firstLine.includes("\t")) {
    return "\t";
  }

  if (firstLine.includes(";")) {
    return ";";
  }

  return ",";
}

function toUploadError(error: CsvError, fileName: string): UploadError {
  // `records` counts the records read before the failing one, the header included, so it is
  // also the 1-based data row number of the failing record.
  const records = typeof error.records === "number" ? error.records : null;
  const where = records !== null && records > 0 ? `data row ${records}` : "the header row";

  if (error.code === "CSV_QUOTE_NOT_CLOSED") {
    return new UploadError(
      "malformed_csv",
      `"${fileName}" cannot be read: a quoted value starting in ${where} is never closed. ` +
        'Add the missing closing quote (") or remove the opening one, then upload again.',
    );
  }

  return new UploadError(
    "malformed_csv",
    `"${fileName}" cannot be read: ${where} has a quoted value followed by more text before the next comma. ` +
      "Open the file in a spreadsheet, save it again as CSV and upload it.",
  );
}
