import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { unscoredStatuses } from "@/lib/pipeline/property-status";
import { ProviderError } from "@/lib/providers/provider-error";
import { getStripe } from "@/lib/providers/stripe-client";

export type RefundResult = { refundedCents: number; propertyCount: number; refundId: string | null; skipped?: string };

/**
 * Refunds a completed campaign's unscored properties, at most once. The amount comes from
 * `unscoredRefundCents`: the unscored properties' price, plus whatever Stripe's minimum charge
 * added above the per-property total. A campaign with every property scored keeps the minimum
 * that its quote showed. Reused properties cost nothing and are never
 * refunded. The Stripe idempotency key is derived from the campaign, so a retry after a lost
 * response returns the first refund instead of making a second one, and the stored `refundedAt`
 * makes later calls no-ops. The refund never exceeds the amount paid.
 */
export async function refundUnscoredProperties(campaignId: string): Promise<RefundResult> {
  const db = getDb();
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  if (campaign.refundedAt) {
    return { refundedCents: campaign.refundedCents ?? 0, propertyCount: campaign.refundedPropertyCount ?? 0, refundId: campaign.refundId, skipped: "already refunded" };
  }
  if (campaign.status !== "completed") return { refundedCents: 0, propertyCount: 0, refundId: null, skipped: `campaign is ${campaign.status}` };

  // Reused properties were free, so they are never refunded (they are all scored in any case).
  const [propertyCount, chargedCount] = await Promise.all([
    db.property.count({ where: { campaignId, status: { in: unscoredStatuses }, reusedFromPropertyId: null } }),
    db.property.count({ where: { campaignId, reusedFromPropertyId: null } }),
  ]);
  const amountCents = unscoredRefundCents(campaign.amountPaidCents ?? 0, campaign.pricePerPropertyCents, chargedCount, propertyCount);
  if (amountCents === 0) {
    await db.campaign.update({ where: { id: campaignId }, data: { refundedAt: new Date(), refundedCents: 0, refundedPropertyCount: propertyCount } });
    return { refundedCents: 0, propertyCount, refundId: null };
  }
  if (!campaign.paymentIntentId) {
    throw new ProviderError("stripe", `Campaign ${campaignId} has no payment intent to refund ${amountCents} cents against`, false);
  }

  const refund = await getStripe().refunds.create(
    {
      payment_intent: campaign.paymentIntentId,
      amount: amountCents,
      reason: "requested_by_customer",
      metadata: { campaignId, unscoredProperties: String(propertyCount) },
    },
    { idempotencyKey: `refund-unscored-${campaignId}` },
  );

  await db.campaign.update({
    where: { id: campaignId },
    data: { refundId: refund.id, refundedCents: refund.amount, refundedPropertyCount: propertyCount, refundedAt: new Date() },
  });
  logger.info({ campaignId, refundId: refund.id, amountCents: refund.amount, propertyCount }, "unscored properties refunded");
  return { refundedCents: refund.amount, propertyCount, refundId: refund.id };
}

/**
 * Computes the refund for `unscoredCount` of the `chargedCount` properties paid for: the amount
 * paid less the scored properties' price, so a minimum charge above the per-property total goes
 * back too. Nothing is refunded when every property was scored.
 */
export function unscoredRefundCents(paidCents: number, pricePerPropertyCents: number, chargedCount: number, unscoredCount: number): number {
  if (unscoredCount <= 0 || paidCents <= 0) return 0;
  const scoredPriceCents = Math.max(0, chargedCount - unscoredCount) * pricePerPropertyCents;
  return Math.min(paidCents, Math.max(unscoredCount * pricePerPropertyCents, paidCents - scoredPriceCents));
}
