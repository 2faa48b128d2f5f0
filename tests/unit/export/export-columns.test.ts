import { describe, expect, it } from "vitest";
import { buildExportHeader, resultColumns, rowNumberColumn } from "@/lib/export/export-columns";

describe("buildExportHeader", () => {
  it("puts the row number first and results last", () => {
    const header = buildExportHeader(["Address", "City"]);

    expect(header[0]).toBe(rowNumberColumn);
    expect(header.slice(1, 3)).toEqual(["Address", "City"]);
    expect(header.slice(3)).toEqual([...resultColumns]);
  });

  it("says what the row number counts", () => {
    expect(rowNumberColumn).toMatch(/first row below the header/);
  });

  it("prefixes every added column", () => {
    for (const name of [rowNumberColumn, ...resultColumns]) {
      expect(name.startsWith("Curbscore ")).toBe(true);
    }
  });

  it("keeps customer latitude apart from ours", () => {
    const header = buildExportHeader(["Address", "Latitude", "LATITUDE"]);

    expect(header).toContain("Latitude");
    expect(header).toContain("LATITUDE");
    expect(header).toContain("Curbscore latitude");
  });

  it("renames an added column that a customer column already has", () => {
    const header = buildExportHeader(["Address", "CURBSCORE STATUS ", "Curbscore status (this export)"]);

    expect(header).toContain("CURBSCORE STATUS ");
    expect(header).toContain("Curbscore status (this export 2)");
    expect(header).not.toContain("Curbscore status");
  });

  it("leaves no two columns with one name", () => {
    const previousExport = buildExportHeader(["Address", "Latitude"]);
    const header = buildExportHeader(previousExport);
    const keys = header.map((name) => name.trim().toLowerCase());

    expect(new Set(keys).size).toBe(header.length);
    expect(header.length).toBe(previousExport.length * 2 - 2);
  });
});
