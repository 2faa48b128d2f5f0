import type { Prisma } from "@prisma/client";

/**
 * Queues up to `limit` of a campaign's pending properties, lowest rows first, skipping rows another
 * transaction holds. `releasedById` names the finished property that made room (null otherwise).
 * `queuedAt` is the clock at the claim, not at the transaction's start, so it orders the releases
 * as the release lock let them happen.
 */
export async function claimPendingProperties(
  tx: Prisma.TransactionClient,
  campaignId: string,
  limit: number,
  releasedById: string | null = null,
): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Property" SET status = 'queued', "queuedAt" = clock_timestamp(), "releasedById" = ${releasedById}::uuid
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
