import { getDb, transactionOptions } from "@/lib/db";
import { claimPendingProperties } from "@/lib/pipeline/claim-pending-properties";

export type FirstWave = { started: boolean; propertyIds: string[] };

/**
 * Moves a paid campaign to `processing` and claims its first `windowSize` properties. Idempotent:
 * when the campaign is already processing, returns the first wave claimed before, so a retried
 * step sends the same events.
 */
export async function releaseFirstWave(campaignId: string, windowSize: number): Promise<FirstWave> {
  return getDb().$transaction(async (tx) => {
    const started = await tx.campaign.updateMany({
      where: { id: campaignId, status: "paid" },
      data: { status: "processing", processingStartedAt: new Date() },
    });

    if (started.count === 1) {
      const propertyIds = await claimPendingProperties(tx, campaignId, windowSize);
      return { started: true, propertyIds };
    }

    const campaign = await tx.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
    if (campaign?.status !== "processing") return { started: false, propertyIds: [] };

    const firstWave = await tx.property.findMany({
      where: { campaignId, releasedById: null, status: { not: "pending" } },
      select: { id: true },
      orderBy: { rowNumber: "asc" },
      take: windowSize,
    });
    return { started: false, propertyIds: firstWave.map((row) => row.id) };
  }, transactionOptions);
}
