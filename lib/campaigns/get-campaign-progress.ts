import type { CampaignStatus, PropertyStatus } from "@prisma/client";
import { getDb } from "@/lib/db";
import { projectCompletionMinutes } from "@/lib/campaigns/project-completion";
import { terminalStatuses, unscoredStatuses } from "@/lib/pipeline/property-status";
import { maxFreeReruns } from "@/lib/campaigns/free-reruns";

export type CampaignProgress = {
  campaignId: string;
  status: CampaignStatus;
  propertyCount: number;
  finishedCount: number;
  percent: number;
  countsByStatus: Record<PropertyStatus, number>;
  /** Properties finished per minute over the last five minutes of work, or null before there is any. */
  propertiesPerMinute: number | null;
  /**
   * Estimated completion time: all running campaigns' remaining work, released in equal turns at
   * the recent global throughput, plus the time in flight. Null when it cannot be estimated yet.
   */
  estimatedCompletionAt: string | null;
  paidAt: string | null;
  completedAt: string | null;
  completionEmailSentAt: string | null;
  /** Properties whose earlier score for the same customer was reused, free and finished from the start. */
  reusedCount: number;
  /** Free re-runs of the unscored properties made so far, and whether one can be started now. */
  rerunCount: number;
  canRerun: boolean;
  /** The refund for properties without a score, once the campaign is complete. */
  refund: { cents: number; propertyCount: number } | null;
  /** Properties without a score whose refund is still not made a while after the campaign completed; 0 otherwise. */
  refundPendingCount: number;
};

const rateWindowMs = 5 * 60_000;
/** Window for the global throughput behind the ETA: short, so it follows changes in load. */
const globalRateWindowMs = 3 * 60_000;

/** Reads a campaign's progress: counts per status from the properties, rate and ETA from recent finishes. */
export async function getCampaignProgress(campaignId: string, now = new Date()): Promise<CampaignProgress | null> {
  const db = getDb();
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      status: true,
      propertyCount: true,
      finishedCount: true,
      paidAt: true,
      processingStartedAt: true,
      completedAt: true,
      completionEmailSentAt: true,
      refundedCents: true,
      refundedPropertyCount: true,
      reusedCount: true,
      rerunCount: true,
      refundedAt: true,
    },
  });
  if (!campaign) return null;

  // The counts, the rate and the ETA are independent reads, so they run side by side: the page
  // polls this while a large campaign keeps the database busy.
  const windowStart = new Date(Math.max(now.getTime() - rateWindowMs, campaign.processingStartedAt?.getTime() ?? now.getTime()));
  const running = campaign.status === "processing" && campaign.finishedCount < campaign.propertyCount;
  const [grouped, recent, estimatedCompletionAt] = await Promise.all([
    db.property.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } }),
    db.property.count({ where: { campaignId, finishedAt: { gte: windowStart } } }),
    running ? estimateCompletion(campaignId, now) : null,
  ]);

  const countsByStatus = Object.fromEntries(
    (["pending", "queued", ...terminalStatuses] as PropertyStatus[]).map((status) => [status, 0]),
  ) as Record<PropertyStatus, number>;
  for (const row of grouped) countsByStatus[row.status] = row._count._all;

  const finishedCount = terminalStatuses.reduce((sum, status) => sum + countsByStatus[status], 0);
  const unscoredCount = unscoredStatuses.reduce((sum, status) => sum + countsByStatus[status], 0);
  const elapsedMinutes = (now.getTime() - windowStart.getTime()) / 60_000;
  const propertiesPerMinute = recent > 0 && elapsedMinutes > 0.05 ? recent / elapsedMinutes : null;

  return {
    campaignId,
    status: campaign.status,
    propertyCount: campaign.propertyCount,
    finishedCount,
    percent: campaign.propertyCount === 0 ? 0 : Math.floor((finishedCount / campaign.propertyCount) * 100),
    countsByStatus,
    propertiesPerMinute: propertiesPerMinute === null ? null : Math.round(propertiesPerMinute * 10) / 10,
    estimatedCompletionAt,
    paidAt: campaign.paidAt?.toISOString() ?? null,
    completedAt: campaign.completedAt?.toISOString() ?? null,
    completionEmailSentAt: campaign.completionEmailSentAt?.toISOString() ?? null,
    reusedCount: campaign.status === "processing" || campaign.status === "completed" ? campaign.reusedCount : 0,
    rerunCount: campaign.rerunCount,
    canRerun:
      campaign.status === "completed" && campaign.refundedAt !== null && campaign.rerunCount < maxFreeReruns && unscoredCount > 0,
    refund:
      campaign.refundedCents && campaign.refundedPropertyCount
        ? { cents: campaign.refundedCents, propertyCount: campaign.refundedPropertyCount }
        : null,
    refundPendingCount: refundOverdue(campaign, now) ? unscoredCount : 0,
  };
}

/** Time a refund normally takes after completion; only a refund missing for longer is shown as overdue. */
const refundGraceMs = 2 * 60_000;

function refundOverdue(campaign: { status: CampaignStatus; completedAt: Date | null; refundedAt: Date | null }, now: Date): boolean {
  if (campaign.status !== "completed" || campaign.refundedAt !== null || campaign.completedAt === null) return false;
  return now.getTime() - campaign.completedAt.getTime() > refundGraceMs;
}

/**
 * Projects the campaign's finish from every running campaign's remaining work, the properties each
 * has in flight and the recent global rate.
 */
async function estimateCompletion(campaignId: string, now: Date): Promise<string | null> {
  const db = getDb();
  const running = await db.campaign.findMany({
    where: { status: "processing" },
    select: { id: true, propertyCount: true, finishedCount: true, processingStartedAt: true },
  });

  const earliestStart = Math.min(...running.map((row) => row.processingStartedAt?.getTime() ?? now.getTime()));
  const windowStart = new Date(Math.max(now.getTime() - globalRateWindowMs, earliestStart));
  const elapsedMinutes = (now.getTime() - windowStart.getTime()) / 60_000;
  if (elapsedMinutes < 0.25) return null;

  const [recent, inFlight] = await Promise.all([
    db.property.count({ where: { finishedAt: { gte: windowStart } } }),
    db.property.groupBy({ by: ["campaignId"], where: { campaignId: { in: running.map((row) => row.id) }, status: "queued" }, _count: { _all: true } }),
  ]);
  const inFlightByCampaign = new Map(inFlight.map((row) => [row.campaignId, row._count._all]));
  const work = new Map(
    running.map((row) => [row.id, { remaining: row.propertyCount - row.finishedCount, inFlight: inFlightByCampaign.get(row.id) ?? 0 }]),
  );
  const minutes = projectCompletionMinutes(work, recent / elapsedMinutes).get(campaignId);
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000).toISOString();
}
