import { getDb } from "@/lib/db";
import { formatCsvRow, neutralizeFormula } from "@/lib/export/csv-cells";
import { buildExportHeader } from "@/lib/export/export-columns";
import { layOutExportRows } from "@/lib/export/export-rows";

/** Property fields the export writes. */
const exportedPropertyFields = {
  rowNumber: true,
  originalRow: true,
  status: true,
  score: true,
  tier: true,
  confidence: true,
  indicators: true,
  reasoning: true,
  imageQualityIssues: true,
  imageryDate: true,
  latitude: true,
  longitude: true,
  locationType: true,
  failureReason: true,
  reusedFromPropertyId: true,
  finishedAt: true,
} as const;

/** File rows read per database round trip. */
const windowSize = 1000;

export type ExportSource = {
  campaignId: string;
  sourceColumns: string[];
  invalidCount: number;
  duplicateCount: number;
};

/**
 * Streams a campaign's export as CSV with one line per data row of the upload, in file order:
 * a row-number column, the customer's original columns, then Curbscore's result columns.
 * Properties carry their results; rejected, repeated and blank rows carry a status that states
 * why they were not imported. Every cell goes through formula neutralising, and nothing is
 * converted to a number, so ZIPs keep their leading zeros.
 *
 * NOTE: blank rows after the last non-blank row of the file are not listed, because the upload
 * does not store how many there were.
 */
export function exportCampaignCsv(source: ExportSource): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const db = getDb();
  let nextRow = 1;
  let layout: { lastRow: number; excludedRowsComplete: boolean } | undefined;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!layout) {
        layout = await readLayout(source);
        // A byte order mark makes spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${row(buildExportHeader(source.sourceColumns))}`));
        return;
      }
      if (nextRow > layout.lastRow) {
        controller.close();
        return;
      }

      const firstRow = nextRow;
      const lastRow = Math.min(layout.lastRow, firstRow + windowSize - 1);
      const rowRange = { gte: firstRow, lte: lastRow };
      const [properties, excluded] = await Promise.all([
        db.property.findMany({
          where: { campaignId: source.campaignId, rowNumber: rowRange },
          select: exportedPropertyFields,
        }),
        db.excludedRow.findMany({
          where: { campaignId: source.campaignId, rowNumber: rowRange },
          select: { rowNumber: true, kind: true, reason: true, duplicateOfRow: true, originalRow: true },
        }),
      ]);

      // A repeated row shows the result of the row it repeats, which may lie in an earlier window.
      const repeatedRows = [...new Set(excluded.flatMap((entry) => (entry.duplicateOfRow === null ? [] : [entry.duplicateOfRow])))];
      const repeated = repeatedRows.length
        ? await db.property.findMany({ where: { campaignId: source.campaignId, rowNumber: { in: repeatedRows } }, select: exportedPropertyFields })
        : [];

      nextRow = lastRow + 1;
      const lines = layOutExportRows(
        {
          firstRow,
          lastRow,
          properties,
          excluded,
          repeatedProperties: new Map(repeated.map((property) => [property.rowNumber, property])),
          excludedRowsComplete: layout.excludedRowsComplete,
        },
        source.sourceColumns.length,
      );
      controller.enqueue(encoder.encode(lines.map(row).join("")));
    },
  });
}

/** Finds the last stored row number and whether every rejected and repeated row is stored. */
async function readLayout(source: ExportSource): Promise<{ lastRow: number; excludedRowsComplete: boolean }> {
  const db = getDb();
  const [lastProperty, lastExcluded, excludedCount] = await Promise.all([
    db.property.aggregate({ where: { campaignId: source.campaignId }, _max: { rowNumber: true } }),
    db.excludedRow.aggregate({ where: { campaignId: source.campaignId }, _max: { rowNumber: true } }),
    db.excludedRow.count({ where: { campaignId: source.campaignId } }),
  ]);

  return {
    lastRow: Math.max(lastProperty._max.rowNumber ?? 0, lastExcluded._max.rowNumber ?? 0),
    excludedRowsComplete: excludedCount === source.invalidCount + source.duplicateCount,
  };
}

function row(cells: string[]): string {
  return formatCsvRow(cells.map(neutralizeFormula));
}
