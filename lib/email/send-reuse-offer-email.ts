import { render } from "@react-email/render";
import ReuseOfferEmail, { reuseOfferPropsSchema } from "@/emails/reuse-offer";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { campaignPageUrl } from "@/lib/links/campaign-links";
import { logger } from "@/lib/logger";
import { ProviderError } from "@/lib/providers/provider-error";
import { getResend } from "@/lib/providers/resend-client";

/**
 * Emails `email` the link that prices its earlier scores into the campaign. The link carries the
 * address, signed, so only someone who reads that mailbox gets the reuse. Resend's idempotency key
 * is derived from the campaign, so a retry sends no second copy.
 */
export async function sendReuseOfferEmail(campaignId: string, email: string, reusedCount: number): Promise<{ emailId: string }> {
  const campaign = await getDb().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { fileName: true, propertyCount: true } });
  const config = getConfig();
  const props = reuseOfferPropsSchema.parse({
    fileName: campaign.fileName,
    propertyCount: campaign.propertyCount,
    reusedCount,
    days: config.scoreReuseDays,
    reviewUrl: campaignPageUrl(campaignId, { reuseEmail: email }),
    linkExpiresInDays: config.resultsLinkTtlDays,
  });
  const element = ReuseOfferEmail(props);

  const { data, error } = await getResend().emails.send(
    {
      from: config.resend.from,
      to: [email],
      subject: `Curbscore: ${reusedCount} of ${campaign.propertyCount} properties in ${campaign.fileName} already scored for you`,
      html: await render(element),
      text: await render(element, { plainText: true }),
      tags: [{ name: "campaign", value: campaignId.replace(/-/g, "_") }],
    },
    { idempotencyKey: `score-reuse-offer-${campaignId}` },
  );
  if (error || !data) throw new ProviderError("resend", `Resend rejected the reuse offer email: ${error?.message ?? "no answer"}`, true);

  logger.info({ campaignId, emailId: data.id, reusedCount }, "score reuse offer emailed");
  return { emailId: data.id };
}
