import { getDb } from "@/lib/db";
import { formatCsvRow, neutralizeFormula } from "@/lib/export/csv-cells";
import { statusLabels } from "@/lib/pipeline/property-status";
import { tierLabels, type Tier } from "@/lib/scoring/score-contract";

/** Columns appended after the customer's own, in this order. */
export const resultColumns = [
  "Curbscore status",
  "Distress score",
  "Tier",
  "Confidence",
  "Indicators",
  "Reasoning",
  "Image quality issues",
  "Imagery date",
  "Latitude",
  "Longitude",
  "Location precision",
  "Reason not scored",
  "Reused from",
] as const;

const pageSize = 1000;

/**
 * Streams a campaign's export as CSV: the customer's original columns followed by the result
 * columns, one row per property in upload order. Every cell goes through formula neutralising,
 * and nothing is converted to a number, so ZIPs keep their leading zeros.
 */
export function exportCampaignCsv(campaignId: string, sourceColumns: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterRow = 0;
  let headerSent = false;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte order mark makes spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${row([...sourceColumns, ...resultColumns])}`));
        return;
      }

      const properties = await getDb().property.findMany({
        where: { campaignId, rowNumber: { gt: afterRow } },
        orderBy: { rowNumber: "asc" },
        take: pageSize,
        select: {
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
        },
      });
      if (properties.length === 0) {
        controller.close();
        return;
      }

      afterRow = properties[properties.length - 1]!.rowNumber;
      const lines = properties.map((property) => {
        const original = sourceColumns.map((_, index) => property.originalRow[index] ?? "");
        const results = [
          statusLabels[property.status],
          property.score === null ? "" : String(property.score),
          property.tier ? (tierLabels[property.tier as Tier] ?? property.tier) : "",
          property.confidence ?? "",
          property.indicators.join("; "),
          property.reasoning ?? "",
          property.imageQualityIssues ?? "",
          property.imageryDate ?? "",
          property.latitude === null ? "" : property.latitude.toFixed(6),
          property.longitude === null ? "" : property.longitude.toFixed(6),
          property.locationType ?? "",
          property.failureReason ?? "",
          // The date of the earlier scoring this result was reused from, free.
          property.reusedFromPropertyId && property.finishedAt ? property.finishedAt.toISOString().slice(0, 10) : "",
        ];
        return row([...original, ...results]);
      });
      controller.enqueue(encoder.encode(lines.join("")));
    },
  });
}

function row(cells: string[]): string {
  return formatCsvRow(cells.map(neutralizeFormula));
}
