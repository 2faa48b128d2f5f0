import { describe, expect, it } from "vitest";
import { resultColumns } from "@/lib/export/export-columns";
import { type ExportExcludedRow, type ExportProperty, layOutExportRows } from "@/lib/export/export-rows";

const statusIndex = 1 + 2;
const locationPrecisionIndex = statusIndex + resultColumns.indexOf("Curbscore location precision");
const locationCodeIndex = statusIndex + resultColumns.indexOf("Curbscore location code");

function property(rowNumber: number, changes: Partial<ExportProperty> = {}): ExportProperty {
  return {
    rowNumber,
    originalRow: [`${rowNumber} Main St`, "Baltimore"],
    status: "scored",
    score: 72,
    tier: "strong_candidate",
    confidence: "high",
    indicators: ["boarded windows", "overgrown lawn"],
    reasoning: "Plywood over two windows.",
    imageQualityIssues: null,
    imageryDate: "2019-07",
    latitude: 39.29,
    longitude: -76.61,
    locationType: "ROOFTOP",
    failureReason: null,
    ...changes,
  };
}

function excluded(rowNumber: number, changes: Partial<ExportExcludedRow>): ExportExcludedRow {
  return { rowNumber, kind: "invalid", reason: null, duplicateOfRow: null, originalRow: [`row ${rowNumber}`, ""], ...changes };
}

describe("layOutExportRows", () => {
  const rows = layOutExportRows(
    {
      firstRow: 1,
      lastRow: 5,
      properties: [property(1), property(5, { status: "geocode_failed", score: null, tier: null, locationType: "GEOMETRIC_CENTER" })],
      excluded: [
        excluded(2, { kind: "invalid", reason: "missing city" }),
        excluded(4, { kind: "duplicate", duplicateOfRow: 1, originalRow: ["1 MAIN STREET", "Baltimore"] }),
      ],
      excludedRowsComplete: true,
    },
    2,
  );

  it("writes every row in file order", () => {
    expect(rows.map((row) => row[0])).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("gives every row the same width", () => {
    for (const row of rows) {
      expect(row).toHaveLength(1 + 2 + resultColumns.length);
    }
  });

  it("keeps the cells of a rejected row", () => {
    expect(rows[1]?.slice(1, 3)).toEqual(["row 2", ""]);
    expect(rows[3]?.slice(1, 3)).toEqual(["1 MAIN STREET", "Baltimore"]);
  });

  it("says why a row was not imported", () => {
    expect(rows[1]?.[statusIndex]).toBe("Not imported: missing city");
    expect(rows[2]?.[statusIndex]).toBe("Not imported: blank row");
    expect(rows[3]?.[statusIndex]).toBe("Not imported: repeat of row 1");
  });

  it("gives a repeat the result of its row", () => {
    const [repeat] = layOutExportRows(
      {
        firstRow: 1500,
        lastRow: 1500,
        properties: [],
        excluded: [excluded(1500, { kind: "duplicate", duplicateOfRow: 7 })],
        repeatedProperties: new Map([[7, property(7)]]),
        excludedRowsComplete: true,
      },
      2,
    );
    expect(repeat?.slice(statusIndex, statusIndex + 3)).toEqual(["Scored (same house as row 7, charged once)", "72", "Strong candidate"]);
    expect(repeat?.slice(1, 3)).toEqual(["row 1500", ""]);
  });

  it("marks a repeat of an unscored house refunded", () => {
    const layOutRepeatOf = (original: ReturnType<typeof property>) =>
      layOutExportRows(
        {
          firstRow: 10,
          lastRow: 10,
          properties: [],
          excluded: [excluded(10, { kind: "duplicate", duplicateOfRow: 9 })],
          repeatedProperties: new Map([[9, original]]),
          excludedRowsComplete: true,
        },
        2,
      )[0]?.[statusIndex];
    expect(layOutRepeatOf({ ...property(9), status: "unassessable", score: null, tier: null })).toBe(
      "Unable to assess from the image (same house as row 9, refunded with it)",
    );
    expect(layOutRepeatOf({ ...property(9), reusedFromPropertyId: "3f1c9e7a-0000-4000-8000-000000000009" })).toContain("reused at no charge");
    expect(layOutRepeatOf({ ...property(9), status: "queued", score: null, tier: null })).toBe("In progress (same house as row 9)");
  });

  it("writes results of scored properties", () => {
    expect(rows[0]?.slice(statusIndex, statusIndex + 3)).toEqual(["Scored", "72", "Strong candidate"]);
    expect(rows[4]?.[statusIndex]).toBe("Address not located precisely");
  });

  it("names location precision in plain words", () => {
    expect(rows[0]?.[locationPrecisionIndex]).toBe("Exact address");
    expect(rows[0]?.[locationCodeIndex]).toBe("ROOFTOP");
    expect(rows[4]?.[locationPrecisionIndex]).toBe("Center of the street or area");
  });

  it("marks gaps as unknown for legacy uploads", () => {
    const legacy = layOutExportRows({ firstRow: 7, lastRow: 7, properties: [], excluded: [], excludedRowsComplete: false }, 2);

    expect(legacy[0]?.[0]).toBe("7");
    expect(legacy[0]?.[statusIndex]).toMatch(/^Not imported: blank row, or a rejected row/);
  });
});
