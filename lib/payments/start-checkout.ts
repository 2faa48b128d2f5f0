import { createHash } from "node:crypto";
import { inngest } from "@/inngest/client";
import { campaignPaid, eventIds } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getDb, transactionOptions } from "@/lib/db";
import { campaignNotFound } from "@/lib/links/authorize-campaign";
import { campaignPageUrl } from "@/lib/links/campaign-links";
import { logger } from "@/lib/logger";
import { quoteCampaign } from "@/lib/pricing";
import { getStripe } from "@/lib/providers/stripe-client";
import { planScoreReuse, reuseCutoff } from "@/lib/reuse/score-reuse";

export type CheckoutStart =
  /** Pay on Stripe Checkout. */
  | { checkoutUrl: string; free: false; pageUrl: string }
  /** Every property reuses an earlier score: nothing to pay, the campaign has started. */
  | { checkoutUrl: null; free: true; pageUrl: string };

/**
 * Starts payment for a draft campaign. The amount is recomputed here from the stored properties;
 * the browser only supplies the email address. `reuseEmail` comes from the signed link, never from
 * the browser: when set, the earlier scores of that address are planned into the campaign at no
 * charge and the email is fixed to it. Without it any earlier plan is cleared, so a plain link
 * always pays for every property. A campaign whose every property is reused starts without payment.
 */
export async function startCheckout(campaignId: string, email: string, reuseEmail: string | null = null): Promise<CheckoutStart> {
  if (reuseEmail && email !== reuseEmail) {
    throw new AppError(
      "invalid_request",
      `This link includes the scores of ${reuseEmail}, so the results go to ${reuseEmail}, not ${email}. Pay with ${reuseEmail}, or open the list from the link you got after uploading to pay for every property with another address.`,
    );
  }

  const db = getDb();
  const cutoff = reuseCutoff(getConfig().scoreReuseDays);
  const planned = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Campaign" WHERE id = ${campaignId}::uuid FOR UPDATE`;
    if (!locked) throw campaignNotFound();
    if (locked.status !== "draft" && locked.status !== "awaiting_payment") {
      throw new AppError("conflict", `This campaign is already ${locked.status.replace("_", " ")}; it cannot be paid again.`);
    }
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const propertyCount = await tx.property.count({ where: { campaignId } });
    if (propertyCount === 0) throw new AppError("conflict", "This campaign has no properties to score.");

    const reusedCount = await planScoreReuse(tx, campaignId, reuseEmail, cutoff);
    const quote = quoteCampaign(propertyCount, campaign.pricePerPropertyCents, reusedCount);
    const reuse = { reuseEmail: reusedCount > 0 ? reuseEmail : null, reusedCount };

    if (quote.amountCents === 0) {
      // Everything is reused: nothing to charge, so the campaign is paid (zero) and starts now.
      await tx.campaign.update({
        where: { id: campaignId },
        data: { ...reuse, status: "paid", ownerEmail: reuseEmail, amountCents: 0, amountPaidCents: 0, paidAt: new Date(), checkoutStartedAt: new Date() },
      });
    }
    return { campaign, quote, ...reuse };
  }, transactionOptions);

  const { campaign, quote } = planned;
  const pageUrl = campaignPageUrl(campaignId, { reuseEmail: planned.reuseEmail });

  if (quote.amountCents === 0) {
    await inngest.send(campaignPaid.create({ campaignId }, { id: eventIds.campaignPaid(campaignId) }));
    logger.info({ campaignId, reusedCount: quote.reusedCount }, "every property reuses an earlier score: started without payment");
    return { checkoutUrl: null, free: true, pageUrl };
  }

  // The key covers every parameter, return links included, because Stripe rejects a key reused with
  // other parameters. A double click gets one session. A later attempt gets a new one, and the
  // webhook refunds a second payment.
  const fingerprint = createHash("sha256").update(`${email}|${planned.reuseEmail ?? ""}|${quote.reusedCount}|${pageUrl}`).digest("hex").slice(0, 16);
  const idempotencyKey = `checkout-${campaignId}-${quote.amountCents}-${fingerprint}`;
  const chargeable = quote.chargeableCount;
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
              name: `Distress scoring for ${chargeable} ${chargeable === 1 ? "property" : "properties"}`,
              description: [
                quote.minimumApplied
                  ? `Stripe's minimum charge applies to this small list (${campaign.fileName}).`
                  : `${campaign.fileName}, ${quote.pricePerPropertyCents}¢ per property`,
                quote.reusedCount > 0 ? `${quote.reusedCount} already scored for you, included free.` : "",
              ]
                .filter(Boolean)
                .join(" "),
            },
          },
        },
      ],
      // The webhook accepts the payment only if this still matches the campaign's plan.
      metadata: { campaignId, reuseEmail: planned.reuseEmail ?? "", reusedCount: String(quote.reusedCount) },
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
      reuseEmail: planned.reuseEmail,
      reusedCount: quote.reusedCount,
      checkoutSessionId: session.id,
      checkoutStartedAt: new Date(),
    },
  });
  logger.info({ campaignId, checkoutSessionId: session.id, amountCents: quote.amountCents, reusedCount: quote.reusedCount }, "checkout started");
  return { checkoutUrl: session.url, free: false, pageUrl };
}
