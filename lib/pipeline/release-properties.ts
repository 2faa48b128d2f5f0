import type { Prisma } from "@prisma/client";
import { claimPendingProperties } from "@/lib/pipeline/claim-pending-properties";

/** A property moved from pending to queued, with what its score-property event needs. */
export type ReleasedProperty = { campaignId: string; propertyId: string; run: number };

/** Arbitrary constant naming the one advisory lock that orders every release of properties. */
const releaseLockKey = 720_431_905;

/**
 * Takes the transaction-scoped lock that every transaction releasing properties holds while it
 * counts and releases, so two releases never both fill the same free place. Take it last, after
 * any campaign row lock, and lock campaign rows FOR NO KEY UPDATE. A holder then waits on no lock
 * held by a transaction that waits for it: it claims with SKIP LOCKED, and its ReleaseTurn writes
 * need only a key-share lock on the campaign, which FOR NO KEY UPDATE does not block.
 */
export async function lockReleases(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${releaseLockKey}::bigint)`;
}

/** Properties queued in the pipeline across every processing campaign. */
async function countPropertiesInFlight(tx: Prisma.TransactionClient): Promise<number> {
  const [row] = await tx.$queryRaw<{ inFlight: number }[]>`
    SELECT count(*)::int AS "inFlight"
    FROM "Property" p JOIN "Campaign" c ON c.id = p."campaignId"
    WHERE c.status = 'processing' AND p.status = 'queued'`;
  return row?.inFlight ?? 0;
}

/**
 * Campaigns that have properties waiting, in the order they take their next turn: the one whose
 * property was released longest ago first, a campaign never served before all others.
 */
async function campaignsWaiting(tx: Prisma.TransactionClient): Promise<{ id: string; run: number }[]> {
  return tx.$queryRaw<{ id: string; run: number }[]>`
    SELECT c.id, c."rerunCount" AS run
    FROM "Campaign" c LEFT JOIN "ReleaseTurn" t ON t."campaignId" = c.id
    WHERE c.status = 'processing'
      AND EXISTS (SELECT 1 FROM "Property" p WHERE p."campaignId" = c.id AND p.status = 'pending')
    ORDER BY t."lastReleasedAt" ASC NULLS FIRST, c."processingStartedAt" ASC, c.id`;
}

/**
 * Fills the pipeline up to `window` properties in flight, one property per campaign per turn, in
 * round-robin order across every campaign with properties waiting. Each campaign therefore gets the
 * same share of the releases, and of the Gemini budget, whatever its size or when it was paid.
 * `releasedById` names the finished property that made room. Call after `lockReleases`.
 *
 * `replaceFor` names the campaign of a finished property that never reached Gemini (no imagery, no
 * geocode). The first free place goes back to that campaign, and its turn stays where it was. A
 * turn thus stands for a share of the Gemini budget, and a list with many addresses Street View
 * does not cover is not slowed behind the others for calls it never made.
 */
export async function releaseInTurn(
  tx: Prisma.TransactionClient,
  window: number,
  releasedById: string | null,
  replaceFor: { campaignId: string; run: number } | null = null,
): Promise<ReleasedProperty[]> {
  let free = window - (await countPropertiesInFlight(tx));
  const released: ReleasedProperty[] = [];

  if (replaceFor && free > 0) {
    const [propertyId] = await claimPendingProperties(tx, replaceFor.campaignId, 1, releasedById);
    if (propertyId !== undefined) {
      released.push({ campaignId: replaceFor.campaignId, propertyId, run: replaceFor.run });
      free--;
    }
  }

  while (free > 0) {
    const before = released.length;
    for (const campaign of (await campaignsWaiting(tx)).slice(0, free)) {
      const [propertyId] = await claimPendingProperties(tx, campaign.id, 1, releasedById);
      if (propertyId === undefined) continue;
      await markReleased(tx, campaign.id);
      released.push({ campaignId: campaign.id, propertyId, run: campaign.run });
      free--;
    }
    if (released.length === before) break;
  }
  return released;
}

/**
 * Releases the first wave of a campaign that has just started (or restarts after stalling), outside
 * the turns. The wave is the campaign's equal share of the window among the campaigns with work
 * waiting, itself included, or all of the window's free room when that is more. A campaign paid
 * while others run thus starts at once, and a campaign alone fills the pipeline. Takes the lock.
 */
export async function releaseAtStart(tx: Prisma.TransactionClient, campaignId: string, window: number): Promise<string[]> {
  await lockReleases(tx);
  const share = Math.ceil(window / Math.max(1, (await campaignsWaiting(tx)).length));
  const room = window - (await countPropertiesInFlight(tx));

  const propertyIds = await claimPendingProperties(tx, campaignId, Math.max(1, share, room));
  if (propertyIds.length > 0) await markReleased(tx, campaignId);
  return propertyIds;
}

async function markReleased(tx: Prisma.TransactionClient, campaignId: string): Promise<void> {
  // clock_timestamp, not now(): several releases in one transaction must still order the turns.
  await tx.$executeRaw`
    INSERT INTO "ReleaseTurn" ("campaignId", "lastReleasedAt") VALUES (${campaignId}::uuid, clock_timestamp())
    ON CONFLICT ("campaignId") DO UPDATE SET "lastReleasedAt" = EXCLUDED."lastReleasedAt"`;
}
