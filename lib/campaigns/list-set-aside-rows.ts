import { getDb } from "@/lib/db";

/** Maximum rows of each kind that the review screen lists. The screen's counts come from the Campaign row and cover every row. */
export const maxListedRows = 1000;

export type SetAsideRows = {
  invalid: Array<{ rowNumber: number; reason: string | null }>;
  duplicates: Array<{ rowNumber: number; duplicateOfRow: number | null }>;
};

/**
 * Lists the first `maxListedRows` invalid rows and the first `maxListedRows` duplicate rows of a
 * campaign's upload, each in file order, for the review screen. The export reads every row.
 */
export async function listSetAsideRows(campaignId: string): Promise<SetAsideRows> {
  const db = getDb();
  const [invalid, duplicates] = await Promise.all([
    db.excludedRow.findMany({
      where: { campaignId, kind: "invalid" },
      orderBy: { rowNumber: "asc" },
      take: maxListedRows,
      select: { rowNumber: true, reason: true },
    }),
    db.excludedRow.findMany({
      where: { campaignId, kind: "duplicate" },
      orderBy: { rowNumber: "asc" },
      take: maxListedRows,
      select: { rowNumber: true, duplicateOfRow: true },
    }),
  ]);

  return { invalid, duplicates };
}
