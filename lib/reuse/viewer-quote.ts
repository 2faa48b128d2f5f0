import type { Campaign } from "@prisma/client";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { quoteCampaign, type Quote } from "@/lib/pricing";
import { countReusableScores, reuseCutoff, reuseNotice } from "@/lib/reuse/score-reuse";

export type ViewerQuote = Quote & {
  currency: string;
  /** The email whose earlier scores are priced in: the one the viewer's link was sent to. */
  reuseEmail: string | null;
  reuseDays: number;
  /** e.g. "12 properties already scored for you in the last 90 days are included free.", or null. */
  reuseNotice: string | null;
};

type QuotedCampaign = Pick<Campaign, "id" | "status" | "propertyCount" | "pricePerPropertyCents" | "currency" | "reusedCount" | "reuseEmail" | "amountCents">;

/**
 * The price as the holder of a given link sees it. Before payment, earlier scores are priced in
 * only for a link that proves access to the reuse email (`reuseEmail`, from the signed token);
 * any other link sees the full price. After payment the stored figures are shown.
 */
export async function quoteForViewer(campaign: QuotedCampaign, reuseEmail: string | null, now = new Date()): Promise<ViewerQuote> {
  const days = getConfig().scoreReuseDays;

  if (campaign.status !== "draft" && campaign.status !== "awaiting_payment") {
    const quote = quoteCampaign(campaign.propertyCount, campaign.pricePerPropertyCents, Math.min(campaign.reusedCount, campaign.propertyCount));
    return {
      ...quote,
      amountCents: campaign.amountCents,
      currency: campaign.currency,
      reuseEmail: campaign.reuseEmail,
      reuseDays: days,
      reuseNotice: campaign.reusedCount > 0 ? reuseNotice(campaign.reusedCount, days) : null,
    };
  }

  const reusedCount = await countReusableScores(getDb(), campaign.id, reuseEmail, reuseCutoff(days, now));
  return {
    ...quoteCampaign(campaign.propertyCount, campaign.pricePerPropertyCents, reusedCount),
    currency: campaign.currency,
    reuseEmail,
    reuseDays: days,
    reuseNotice: reusedCount > 0 ? reuseNotice(reusedCount, days) : null,
  };
}
