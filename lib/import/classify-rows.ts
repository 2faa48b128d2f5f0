import type { ParsedProperty, ParsedUpload } from "@/lib/import/parsed-upload";
import { type RowContext, resolveRow } from "@/lib/import/resolve-row";

export type ClassifiedRows = Pick<ParsedUpload, "properties" | "invalid" | "duplicates" | "excludedCells" | "blankRows"> & {
  /** Whether any row gives its own city or state, which a street-only file never does. */
  fileGivesLocality: boolean;
  /** Rows invalid only because no city or state was found for them. */
  rowsMissingLocality: number;
};

/**
 * Resolves every data record and sorts it into properties, invalid rows, duplicates and
 * blank rows. A property whose street key matches an earlier property in the same ZIP5, or
 * in the same city and state, is a duplicate of that earlier row.
 */
export function classifyRows(dataRecords: string[][], context: RowContext): ClassifiedRows {
  const properties: ParsedProperty[] = [];
  const invalid: ParsedUpload["invalid"] = [];
  const duplicates: ParsedUpload["duplicates"] = [];
  const excludedCells: ParsedUpload["excludedCells"] = [];
  const firstRowByKey = new Map<string, number>();
  let blankRows = 0;
  let fileGivesLocality = false;
  let rowsMissingLocality = 0;

  dataRecords.forEach((cells, index) => {
    const rowNumber = index + 1;
    const outcome = resolveRow(cells, context);
    fileGivesLocality ||= outcome.ownLocality;

    if (outcome.kind === "blank") {
      blankRows += 1;
      return;
    }
    if (outcome.kind === "invalid") {
      invalid.push({ rowNumber, reason: outcome.reason });
      excludedCells.push({ rowNumber, cells });
      if (outcome.missingLocality) {
        rowsMissingLocality += 1;
      }
      return;
    }

    const { duplicateKeys, ...address } = outcome.address;
    const duplicateOfRow = duplicateKeys.map((key) => firstRowByKey.get(key)).find((row) => row !== undefined);
    const firstRow = duplicateOfRow ?? rowNumber;

    // Every key of the row points to the first row, so a third spelling that matches only
    // the second one still finds the first.
    for (const key of duplicateKeys) {
      if (!firstRowByKey.has(key)) {
        firstRowByKey.set(key, firstRow);
      }
    }

    if (duplicateOfRow !== undefined) {
      duplicates.push({ rowNumber, duplicateOfRow });
      excludedCells.push({ rowNumber, cells });
      return;
    }
    properties.push({ rowNumber, cells, ...address, addressKey: duplicateKeys[0]! });
  });

  return { properties, invalid, duplicates, excludedCells, blankRows, fileGivesLocality, rowsMissingLocality };
}
