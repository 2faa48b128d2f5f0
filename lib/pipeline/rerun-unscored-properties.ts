import { inngest } from "@/inngest/client";
import { campaignRerunRequested, eventIds } from "@/inngest/events";
import { maxFreeReruns } from "@/lib/campaigns/free-reruns";
import { getDb, transactionOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { unscoredStatuses } from "@/lib/pipeline/property-status";


export type Rerun = { run: number; propertyCount: number };

/**
 * Sends a completed campaign's unscored properties (no imagery, address not located, unable to
 * assess, scoring failed) through the pipeline again, free: they were refunded when the campaign
 * completed, so the re-run charges nothing and refunds nothing. Reused and scored properties are
 * untouched. The campaign goes back to `paid` and starts as after a payment, under a new run number
 * that names its events; the completion email is not sent again. Conditional on the campaign's
 * state under its row lock, so a double click starts one re-run.
 */
export async function rerunUnscoredProperties(campaignId: string): Promise<Rerun> {
  const rerun = await getDb().$transaction(async (tx) => {
    const [campaign] = await tx.$queryRaw<{ status: string; refundedAt: Date | null; rerunCount: number }[]>`
      SELECT status, "refundedAt", "rerunCount" FROM "Campaign" WHERE id = ${campaignId}::uuid FOR UPDATE`;
    if (!campaign) throw new AppError("not_found", "Campaign not found.");
    if (campaign.status !== "completed") throw new AppError("conflict", notCompleteMessage(campaign.status, campaign.rerunCount));
    if (!campaign.refundedAt) throw new AppError("conflict", "The refund for the unscored properties is still being made. Try again in a minute.");
    if (campaign.rerunCount >= maxFreeReruns) {
      throw new AppError("conflict", `The unscored properties were already re-run ${maxFreeReruns} times, the most a campaign gets for free.`);
    }

    const reset = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Property" SET
        status = 'pending', "failureReason" = NULL,
        score = NULL, tier = NULL, confidence = NULL, indicators = '{}', reasoning = NULL, "imageQualityIssues" = NULL,
        latitude = NULL, longitude = NULL, "locationType" = NULL,
        "panoId" = NULL, "panoLatitude" = NULL, "panoLongitude" = NULL, "imageryDate" = NULL, heading = NULL,
        "scoringAttempts" = 0, "releasedById" = NULL, "queuedAt" = NULL, "finishedAt" = NULL
      WHERE "campaignId" = ${campaignId}::uuid
        AND status::text = ANY(${unscoredStatuses as string[]})
        AND "reusedFromPropertyId" IS NULL
      RETURNING id`;
    if (reset.length === 0) throw new AppError("conflict", "Every property of this campaign has a score: there is nothing to re-run.");

    await tx.propertyImage.deleteMany({ where: { propertyId: { in: reset.map((row) => row.id) } } });
    const run = campaign.rerunCount + 1;
    await tx.campaign.update({
      where: { id: campaignId },
      data: { status: "paid", finishedCount: { decrement: reset.length }, rerunCount: run, completedAt: null },
    });
    return { run, propertyCount: reset.length };
  }, transactionOptions);

  await inngest.send(campaignRerunRequested.create({ campaignId }, { id: eventIds.campaignRerun(campaignId, rerun.run) }));
  logger.info({ campaignId, ...rerun }, "unscored properties re-run, free");
  return rerun;
}

/** Says why a campaign that is not complete cannot be re-run yet, in the customer's words. */
function notCompleteMessage(status: string, rerunCount: number): string {
  if ((status === "paid" || status === "processing") && rerunCount > 0) {
    return "A re-run of the unscored properties is already running. Its results appear on the campaign page as they finish.";
  }
  if (status === "paid" || status === "processing") return "Unscored properties can be re-run once the campaign is complete; it is still being scored.";
  return "Unscored properties can be re-run once the campaign is paid for and complete.";
}
