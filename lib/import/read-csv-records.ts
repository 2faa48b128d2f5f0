import { CsvError, parse } from "csv-parse/sync";
import { UploadError } from "@/lib/import/upload-error";

/** Limits checked while records are read, so an oversized file stops at the first record past them. */
export type RecordLimits = {
  /** Maximum number of non-blank records after the header. */
  maxDataRows: number;
  /** Maximum number of cells in the header or in any data record. */
  maxColumns: number;
};

/**
 * Splits decoded CSV text into records of cells, keeping empty records so that blank rows
 * can be counted.
 *
 * Records may end in CRLF, LF or a bare CR, mixed in one file, and a quoted value may
 * contain any of them. Quotes inside an unquoted value (`5" pipe`) are kept as text. The
 * delimiter is a comma unless the first line contains no comma but a tab or a semicolon,
 * as in Excel's "Unicode Text" export or a CSV saved in a European locale.
 * Throws `malformed_csv` for a quote that is never closed or is followed by text. With
 * `limits`, throws `too_many_columns` at the first record wider than `maxColumns` and
 * `too_many_rows` at the first non-blank record past `maxDataRows`, so at most
 * `maxDataRows` records are ever held, however long the file.
 */
export function readCsvRecords(text: string, fileName: string, limits?: RecordLimits): string[][] {
  const delimiter = detectDelimiter(text);
  let headerSeen = false;
  let dataRecords = 0;
  let filledDataRecords = 0;

  const checkLimits = (record: string[]): string[] => {
    if (limits === undefined) {
      return record;
    }

    const blank = record.every((cell) => cell.trim() === "");
    if (!headerSeen) {
      headerSeen = !blank;
      if (record.length > limits.maxColumns) {
        throw tooManyColumnsError(fileName, "the header row", record.length, limits.maxColumns);
      }
      return record;
    }

    dataRecords += 1;
    if (record.length > limits.maxColumns) {
      throw tooManyColumnsError(fileName, `data row ${formatCount(dataRecords)}`, record.length, limits.maxColumns);
    }
    if (!blank) {
      filledDataRecords += 1;
    }
    if (filledDataRecords > limits.maxDataRows) {
      throw tooManyRowsError(fileName, countFilledLinesAfterHeader(text, delimiter), limits.maxDataRows);
    }
    return record;
  };

  try {
    return parse(text, {
      delimiter,
      // csv-parse 6 takes the first line ending it meets as the only one unless given a list.
      // "\r\n" comes first so that a CRLF is not read as a bare CR followed by an empty line.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: checkLimits,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw toUploadError(error, fileName);
    }
    throw error;
  }
}

function tooManyColumnsError(fileName: string, where: string, columns: number, maxColumns: number): UploadError {
  return new UploadError(
    "too_many_columns",
    `"${fileName}" has ${formatCount(columns)} columns in ${where}, more than the limit of ${formatCount(maxColumns)}. ` +
      "Delete the columns you do not need and upload again.",
  );
}

function tooManyRowsError(fileName: string, lineCount: number, maxRows: number): UploadError {
  return new UploadError(
    "too_many_rows",
    `"${fileName}" has about ${formatCount(lineCount)} address rows, more than the limit of ${formatCount(maxRows)} per upload. ` +
      `Split it into files of at most ${formatCount(maxRows)} rows and upload each one.`,
  );
}

/**
 * Counts the lines after the first non-blank one that hold anything besides whitespace and
 * delimiters. It reads characters without building records, so a file of millions of rows
 * costs one pass. A quoted line break counts as a new line, so the count is never below the
 * number of non-blank records.
 */
function countFilledLinesAfterHeader(text: string, delimiter: string): number {
  const delimiterCode = delimiter.charCodeAt(0);
  let lines = 0;
  let lineFilled = false;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0x0a;
    if (code === 0x0a || code === 0x0d) {
      if (lineFilled) {
        lines += 1;
      }
      lineFilled = false;
    } else if (code !== delimiterCode && code !== 0x20 && code !== 0x09) {
      lineFilled = true;
    }
  }
  return Math.max(0, lines - 1);
}

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
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
