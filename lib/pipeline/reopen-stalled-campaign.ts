import { getDb, transactionOptions } from "@/lib/db";
import { releaseAtStart } from "@/lib/pipeline/release-properties";

export type ReopenedCampaign = { propertyIds: string[]; completed: boolean };

/**
 * Repairs a processing campaign that has no queued property left to carry it: releases a new first
 * wave of pending properties, or completes the campaign when nothing is left to score. Both changes are
 * conditional updates, so calling it again after it worked changes nothing.
 */
export async function reopenStalledCampaign(campaignId: string, window: number): Promise<ReopenedCampaign> {
  return getDb().$transaction(async (tx) => {
    const [campaign] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Campaign" WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
    if (campaign?.status !== "processing") return { propertyIds: [], completed: false };

    const queued = await tx.property.count({ where: { campaignId, status: "queued" } });
    if (queued > 0) return { propertyIds: [], completed: false };

    const claimed = await releaseAtStart(tx, campaignId, window);
    if (claimed.length > 0) return { propertyIds: claimed, completed: false };

    const completed = await tx.campaign.updateMany({
      where: { id: campaignId, status: "processing" },
      data: { status: "completed", completedAt: new Date() },
    });
    return { propertyIds: [], completed: completed.count === 1 };
  }, transactionOptions);
}
