import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { campaignNotFound } from "@/lib/links/authorize-campaign";
import { campaignPageUrl } from "@/lib/links/campaign-links";
import { logger } from "@/lib/logger";
import { quoteCampaign } from "@/lib/pricing";
import { getStripe } from "@/lib/providers/stripe-client";

/**
 * Creates a Stripe Checkout Session for a draft campaign. The amount is recomputed here from the
 * stored properties; the browser only supplies the email address.
 */
export async function startCheckout(campaignId: string, email: string): Promise<{ checkoutUrl: string }> {
  const db = getDb();
  const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw campaignNotFound();
  if (campaign.status !== "draft" && campaign.status !== "awaiting_payment") {
    throw new AppError("conflict", `This campaign is already ${campaign.status.replace("_", " ")}; it cannot be paid again.`);
  }

  const propertyCount = await db.property.count({ where: { campaignId } });
  if (propertyCount === 0) throw new AppError("conflict", "This campaign has no properties to score.");
  const quote = quoteCampaign(propertyCount, campaign.pricePerPropertyCents);

  const pageUrl = campaignPageUrl(campaignId);
  // The same campaign, amount and email give the same session for 24 hours, so a double click
  // or a retried request does not open a second payment.
  const idempotencyKey = `checkout-${campaignId}-${quote.amountCents}-${createHash("sha256").update(email).digest("hex").slice(0, 16)}`;
  const session = await getStripe().checkout.sessions.create(
    {
      mode: "payment",
      customer_email: email,
      client_reference_id: campaignId,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: campaign.currency,
            unit_amount: quote.amountCents,
            product_data: {
              name: `Distress scoring for ${propertyCount} ${propertyCount === 1 ? "property" : "properties"}`,
              description: quote.minimumApplied
                ? `Stripe's minimum charge applies to this small list (${campaign.fileName}).`
                : `${campaign.fileName}, ${quote.pricePerPropertyCents}¢ per property`,
            },
          },
        },
      ],
      metadata: { campaignId },
      payment_intent_data: { metadata: { campaignId } },
      success_url: `${pageUrl}&checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${pageUrl}&checkout=cancelled`,
    },
    { idempotencyKey },
  );
  if (!session.url) throw new AppError("provider_error", "Stripe did not return a checkout page. Please try again.");

  await db.campaign.update({
    where: { id: campaignId },
    data: {
      status: "awaiting_payment",
      ownerEmail: email,
      amountCents: quote.amountCents,
      checkoutSessionId: session.id,
      checkoutStartedAt: new Date(),
    },
  });
  logger.info({ campaignId, checkoutSessionId: session.id, amountCents: quote.amountCents }, "checkout started");
  return { checkoutUrl: session.url };
}
