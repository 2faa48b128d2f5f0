/** The first column of the export: the row's position in the customer's file. */
export const rowNumberColumn = "Curbscore row (1 = first row below the header)";

/** Columns Curbscore appends after the customer's own, in this order. */
export const resultColumns = [
  "Curbscore status",
  "Curbscore distress score",
  "Curbscore tier",
  "Curbscore confidence",
  "Curbscore indicators",
  "Curbscore reasoning",
  "Curbscore image quality issues",
  "Curbscore imagery date",
  "Curbscore latitude",
  "Curbscore longitude",
  "Curbscore location precision",
  "Curbscore location code",
  "Curbscore reason not scored",
  "Curbscore reused from",
] as const;

/**
 * Builds the export header: the row-number column, the customer's columns as written, then
 * the result columns. Every added column starts with "Curbscore", and one whose name a
 * customer column already has (ignoring case and outer spaces, as spreadsheets do) gets a
 * " (this export)" suffix, numbered when needed, so both stay distinguishable. A re-uploaded
 * export is the usual way this happens.
 */
export function buildExportHeader(sourceColumns: readonly string[]): string[] {
  const usedKeys = new Set(sourceColumns.map(columnKey));
  const added = [rowNumberColumn, ...resultColumns].map((name) => {
    const unique = uniqueName(name, usedKeys);
    usedKeys.add(columnKey(unique));
    return unique;
  });

  const [rowNumber, ...results] = added;
  return [rowNumber!, ...sourceColumns, ...results];
}

function uniqueName(name: string, usedKeys: ReadonlySet<string>): string {
  if (!usedKeys.has(columnKey(name))) return name;

  for (let suffix = 1; ; suffix += 1) {
    const candidate = suffix === 1 ? `${name} (this export)` : `${name} (this export ${suffix})`;
    if (!usedKeys.has(columnKey(candidate))) return candidate;
  }
}

function columnKey(name: string): string {
  return name.trim().toLowerCase();
}
