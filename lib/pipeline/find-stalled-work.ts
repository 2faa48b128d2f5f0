import { getDb } from "@/lib/db";

export type StalledWork =
  | { kind: "start"; campaignId: string; stalledSince: number }
  | { kind: "score"; campaignId: string; propertyIds: string[]; stalledSince: number }
  | { kind: "finish"; campaignId: string; stalledSince: number };

/** Queued properties re-sent per campaign and sweep. The shared scoring window bounds it in practice. */
const maxResentPerCampaign = 1000;

/**
 * Finds campaigns whose work stopped: paid but never started, processing with no property
 * finished or released for `stalledAfterMinutes`, or completed with no email. `stalledSince` is
 * the time of the campaign's last progress, so it stays the same until something moves, and
 * event ids built from it make a repeated sweep send nothing new.
 */
export async function findStalledWork(stalledAfterMinutes: number, now = new Date()): Promise<StalledWork[]> {
  const db = getDb();
  const cutoff = new Date(now.getTime() - stalledAfterMinutes * 60_000);
  const work: StalledWork[] = [];

  const unstarted = await db.campaign.findMany({ where: { status: "paid", paidAt: { lt: cutoff } }, select: { id: true, paidAt: true } });
  for (const campaign of unstarted) work.push({ kind: "start", campaignId: campaign.id, stalledSince: campaign.paidAt!.getTime() });

  const unmailed = await db.campaign.findMany({
    where: { status: "completed", completionEmailSentAt: null, completedAt: { lt: cutoff } },
    select: { id: true, completedAt: true },
  });
  for (const campaign of unmailed) work.push({ kind: "finish", campaignId: campaign.id, stalledSince: campaign.completedAt!.getTime() });

  const processing = await db.$queryRaw<{ id: string; lastProgress: Date }[]>`
    SELECT c.id, GREATEST(c."processingStartedAt", max(p."finishedAt"), max(p."queuedAt")) AS "lastProgress"
    FROM "Campaign" c JOIN "Property" p ON p."campaignId" = c.id
    WHERE c.status = 'processing'
    GROUP BY c.id
    HAVING GREATEST(c."processingStartedAt", max(p."finishedAt"), max(p."queuedAt")) < ${cutoff}`;
  for (const campaign of processing) {
    const queued = await db.property.findMany({
      where: { campaignId: campaign.id, status: "queued" },
      select: { id: true },
      orderBy: { rowNumber: "asc" },
      take: maxResentPerCampaign,
    });
    work.push({ kind: "score", campaignId: campaign.id, propertyIds: queued.map((row) => row.id), stalledSince: campaign.lastProgress.getTime() });
  }
  return work;
}
