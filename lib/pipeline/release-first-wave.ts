import { getDb, transactionOptions } from "@/lib/db";
import { releaseAtStart } from "@/lib/pipeline/release-properties";
import { applyPlannedReuse } from "@/lib/reuse/score-reuse";

export type FirstWave = {
  started: boolean;
  propertyIds: string[];
  /** True when nothing was left to score once reused results were copied in, so the campaign is complete. */
  completed: boolean;
  /** The campaign's run: 0 when paid, n for its n-th free re-run of unscored properties (names events). */
  run: number;
};

/**
 * Moves a paid campaign to `processing`, copies in the results it reuses (terminal from the
 * start, never sent to the pipeline), and releases its first wave: its share of the pipeline's
 * `window` (see firstWaveSize). Its later properties are released in turn with every other
 * campaign's. A campaign with nothing left to score completes here. Idempotent: when the campaign
 * is already processing or completed, returns what the first call did, so a retried step sends
 * the same events.
 */
export async function releaseFirstWave(campaignId: string, window: number): Promise<FirstWave> {
  return getDb().$transaction(async (tx) => {
    // The database clock sets both processingStartedAt and queuedAt, so the wave of this run is
    // exactly the properties queued at or after processingStartedAt (a re-run's campaign has
    // older ones).
    const started = await tx.$executeRaw`
      UPDATE "Campaign" SET status = 'processing', "processingStartedAt" = now(), "updatedAt" = now()
      WHERE id = ${campaignId}::uuid AND status = 'paid'`;
    const [state] = await tx.$queryRaw<{ rerunCount: number }[]>`SELECT "rerunCount" FROM "Campaign" WHERE id = ${campaignId}::uuid`;
    const run = state?.rerunCount ?? 0;

    if (started === 1) {
      if (run === 0) await applyPlannedReuse(tx, campaignId);
      const propertyIds = await releaseAtStart(tx, campaignId, window);
      if (propertyIds.length > 0) return { started: true, propertyIds, completed: false, run };

      const completed = await tx.campaign.updateMany({
        where: { id: campaignId, status: "processing" },
        data: { status: "completed", completedAt: new Date() },
      });
      return { started: true, propertyIds: [], completed: completed.count === 1, run };
    }

    const campaign = await tx.campaign.findUnique({ where: { id: campaignId }, select: { status: true, processingStartedAt: true } });
    if (campaign?.status === "completed") {
      // Completed by the first call when every property was reused and none was ever queued.
      const queuedEver = await tx.property.count({ where: { campaignId, queuedAt: { not: null } } });
      return { started: false, propertyIds: [], completed: queuedEver === 0, run };
    }
    if (campaign?.status !== "processing" || !campaign.processingStartedAt) return { started: false, propertyIds: [], completed: false, run };

    const firstWave = await tx.property.findMany({
      where: { campaignId, releasedById: null, status: { not: "pending" }, queuedAt: { gte: campaign.processingStartedAt } },
      select: { id: true },
      orderBy: { rowNumber: "asc" },
      take: window,
    });
    return { started: false, propertyIds: firstWave.map((row) => row.id), completed: false, run };
  }, transactionOptions);
}
