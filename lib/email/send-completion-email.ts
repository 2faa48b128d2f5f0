import { render } from "@react-email/render";
import CampaignCompletedEmail, { campaignCompletedPropsSchema, describeScoredCount } from "@/emails/campaign-completed";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { campaignPageUrl } from "@/lib/links/campaign-links";
import { logger } from "@/lib/logger";
import { formatUsd } from "@/lib/format/format-numbers";
import { ProviderError } from "@/lib/providers/provider-error";
import { getResend } from "@/lib/providers/resend-client";

export type CompletionEmailResult = { sent: boolean; emailId: string | null; reason?: string };

/**
 * Sends the completion email for a completed campaign at most once. Resend's idempotency key is
 * derived from the campaign, so a retry after a lost response does not send a second copy, and
 * the stored `completionEmailSentAt` makes later calls no-ops.
 */
export async function sendCompletionEmail(campaignId: string): Promise<CompletionEmailResult> {
  const db = getDb();
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  if (campaign.completionEmailSentAt) return { sent: false, emailId: campaign.completionEmailId, reason: "already sent" };
  if (campaign.status !== "completed") return { sent: false, emailId: null, reason: `campaign is ${campaign.status}` };
  if (!campaign.ownerEmail) return { sent: false, emailId: null, reason: "campaign has no owner email" };

  const counts = await db.property.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } });
  const count = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const strongCandidates = await db.property.count({ where: { campaignId, status: "scored", score: { gte: 70 } } });

  const config = getConfig();
  const props = campaignCompletedPropsSchema.parse({
    fileName: campaign.fileName,
    propertyCount: campaign.propertyCount,
    scored: count("scored"),
    strongCandidates,
    unassessable: count("unassessable"),
    noImagery: count("no_imagery"),
    notLocated: count("geocode_failed"),
    failed: count("failed"),
    reused: campaign.reusedCount,
    refund:
      campaign.refundedCents && campaign.refundedPropertyCount
        ? { amount: formatUsd(campaign.refundedCents), propertyCount: campaign.refundedPropertyCount }
        : null,
    resultsUrl: campaignPageUrl(campaignId),
    linkExpiresInDays: config.resultsLinkTtlDays,
  });
  const element = CampaignCompletedEmail(props);

  const { data, error } = await getResend().emails.send(
    {
      from: config.resend.from,
      to: [campaign.ownerEmail],
      subject: `Curbscore: ${describeScoredCount(props.scored, props.propertyCount)} in ${campaign.fileName}`,
      html: await render(element),
      text: await render(element, { plainText: true }),
      tags: [{ name: "campaign", value: campaignId.replace(/-/g, "_") }],
    },
    { idempotencyKey: `campaign-completed-${campaignId}` },
  );
  if (error || !data) {
    throw new ProviderError("resend", `Resend rejected the completion email: ${error?.message ?? "no answer"}`, true);
  }

  await db.campaign.update({ where: { id: campaignId }, data: { completionEmailSentAt: new Date(), completionEmailId: data.id } });
  logger.info({ campaignId, emailId: data.id }, "completion email sent");
  return { sent: true, emailId: data.id };
}
