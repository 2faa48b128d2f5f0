import type { Prisma } from "@prisma/client";

/**
 * Marks up to `limit` of a campaign's pending properties as queued, lowest row numbers first,
 * and returns their ids. Rows another transaction is claiming are skipped rather than waited
 * for, so concurrent finishes each take different properties. `releasedById` records the
 * finished property that made room for them (null for a campaign's first or reopened window).
 */
export async function claimPendingProperties(
  tx: Prisma.TransactionClient,
  campaignId: string,
  limit: number,
  releasedById: string | null = null,
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Property" SET status = 'queued', "queuedAt" = now(), "releasedById" = ${releasedById}::uuid
    WHERE id IN (
      SELECT id FROM "Property"
      WHERE "campaignId" = ${campaignId}::uuid AND status = 'pending'
      ORDER BY "rowNumber"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map((row) => row.id);
}
