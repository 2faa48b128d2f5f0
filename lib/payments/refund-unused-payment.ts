import type Stripe from "stripe";
import { logger } from "@/lib/logger";
import { getStripe } from "@/lib/providers/stripe-client";

/**
 * Refunds in full a paid Checkout Session that did not pay for its campaign (a second tab, a
 * mismatched amount, a deleted campaign). The session's idempotency key makes redeliveries safe.
 */
export async function refundUnusedPayment(campaignId: string, session: Stripe.Checkout.Session, webhookOutcome: string): Promise<string> {
  const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  if (!paymentIntentId || !session.amount_total) {
    logger.error({ campaignId, checkoutSessionId: session.id }, `paid session did not pay for the campaign (${webhookOutcome}) and has no payment to refund`);
    return `${webhookOutcome}; nothing to refund`;
  }

  const refund = await getStripe().refunds.create(
    {
      payment_intent: paymentIntentId,
      reason: "duplicate",
      metadata: { campaignId, checkoutSessionId: session.id },
    },
    { idempotencyKey: `refund-unused-session-${session.id}` },
  );
  logger.warn({ campaignId, checkoutSessionId: session.id, refundId: refund.id, amountCents: refund.amount }, `refunded a payment that did not pay for the campaign (${webhookOutcome})`);
  return `${webhookOutcome}; refunded ${refund.amount} cents (${refund.id})`;
}
