import type { ExcludedRowKind, PropertyStatus } from "@prisma/client";
import { resultColumns } from "@/lib/export/export-columns";
import { locationPrecisionLabel, notImportedStatus, repeatStatus, statusLabels, tierLabel } from "@/lib/labels/customer-labels";

/** The stored fields of a property that the export writes. */
export type ExportProperty = {
  rowNumber: number;
  originalRow: string[];
  status: PropertyStatus;
  score: number | null;
  tier: string | null;
  confidence: string | null;
  indicators: string[];
  reasoning: string | null;
  imageQualityIssues: string | null;
  imageryDate: string | null;
  latitude: number | null;
  longitude: number | null;
  locationType: string | null;
  failureReason: string | null;
  /** Set when the result is a free copy of an earlier scoring; finishedAt is then that scoring's date. */
  reusedFromPropertyId?: string | null;
  finishedAt?: Date | null;
};

/** An upload row that did not become a property. */
export type ExportExcludedRow = {
  rowNumber: number;
  kind: ExcludedRowKind;
  reason: string | null;
  duplicateOfRow: number | null;
  originalRow: string[];
};

/** A run of consecutive file rows, first to last inclusive, and what is known about each. */
export type ExportWindow = {
  firstRow: number;
  lastRow: number;
  properties: readonly ExportProperty[];
  excluded: readonly ExportExcludedRow[];
  /** Properties that repeated rows of this window point to, by row number, wherever they lie. */
  repeatedProperties?: ReadonlyMap<number, ExportProperty>;
  /**
   * True when every invalid and duplicate row of the upload is stored, so a row number with
   * neither a property nor an excluded row is a blank record. False for uploads stored before
   * the excluded rows were kept in full, where such a gap may also be an unlisted rejected row.
   */
  excludedRowsComplete: boolean;
};

/**
 * Lays out the export rows of one window in file order, one per row number: the row number,
 * the customer's cells (width `columnCount`), then the result cells. Cells are raw text, not
 * yet neutralized or quoted.
 */
export function layOutExportRows(window: ExportWindow, columnCount: number): string[][] {
  const properties = new Map(window.properties.map((property) => [property.rowNumber, property]));
  const excluded = new Map(window.excluded.map((row) => [row.rowNumber, row]));
  const rows: string[][] = [];

  for (let rowNumber = window.firstRow; rowNumber <= window.lastRow; rowNumber += 1) {
    const property = properties.get(rowNumber);
    const excludedRow = excluded.get(rowNumber);
    if (property) {
      rows.push([String(rowNumber), ...fitCells(property.originalRow, columnCount), ...propertyResultCells(property)]);
    } else if (excludedRow) {
      rows.push([String(rowNumber), ...fitCells(excludedRow.originalRow, columnCount), ...excludedResultCells(excludedRow, window.repeatedProperties)]);
    } else {
      const status = window.excludedRowsComplete ? notImportedStatus({ kind: "blank" }) : "Not imported: blank row, or a rejected row whose details were not kept";
      rows.push([String(rowNumber), ...fitCells([], columnCount), ...statusOnlyCells(status)]);
    }
  }
  return rows;
}

/** Lists the result cells of a property, in the order of `resultColumns`. */
export function propertyResultCells(property: ExportProperty): string[] {
  return [
    statusLabels[property.status],
    property.score === null ? "" : String(property.score),
    property.tier ? tierLabel(property.tier) : "",
    property.confidence ?? "",
    property.indicators.join("; "),
    property.reasoning ?? "",
    property.imageQualityIssues ?? "",
    property.imageryDate ?? "",
    property.latitude === null ? "" : property.latitude.toFixed(6),
    property.longitude === null ? "" : property.longitude.toFixed(6),
    locationPrecisionLabel(property.locationType),
    property.locationType ?? "",
    property.failureReason ?? "",
    property.reusedFromPropertyId && property.finishedAt ? property.finishedAt.toISOString().slice(0, 10) : "",
  ];
}

/** Lists the result cells of a row that is not a property: a repeat carries the result of the row it repeats. */
function excludedResultCells(row: ExportExcludedRow, repeatedProperties: ReadonlyMap<number, ExportProperty> | undefined): string[] {
  const original = row.kind === "duplicate" && row.duplicateOfRow !== null ? repeatedProperties?.get(row.duplicateOfRow) : undefined;
  if (!original) return statusOnlyCells(excludedStatus(row));

  const [status, ...results] = propertyResultCells(original);
  return [`${status} (${repeatStatus(row.duplicateOfRow!, chargeFor(original))})`, ...results];
}

/** Tells what the customer paid for a property's house. Unscored properties are refunded, and reused ones are free. */
function chargeFor(property: ExportProperty): "charged" | "refunded" | "free" | "unfinished" {
  if (property.reusedFromPropertyId) return "free";
  if (property.status === "scored") return "charged";
  if (property.status === "pending" || property.status === "queued") return "unfinished";
  return "refunded";
}

function excludedStatus(row: ExportExcludedRow): string {
  if (row.kind === "duplicate") {
    return row.duplicateOfRow === null ? "Not imported: repeat of an earlier row" : notImportedStatus({ kind: "duplicate", duplicateOfRow: row.duplicateOfRow });
  }
  return notImportedStatus({ kind: "invalid", reason: row.reason ?? "no usable property address" });
}

/** Pads a status with empty result cells, for a row that was never scored. */
function statusOnlyCells(status: string): string[] {
  return [status, ...Array<string>(resultColumns.length - 1).fill("")];
}

function fitCells(cells: readonly string[], columnCount: number): string[] {
  return Array.from({ length: columnCount }, (_, index) => cells[index] ?? "");
}
