import { Prisma } from "@prisma/client";
import type Stripe from "stripe";
import { z } from "zod";
import { inngest } from "@/inngest/client";
import { campaignPaid, eventIds } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { getDb, transactionOptions } from "@/lib/db";
import { logger } from "@/lib/logger";
import { refundUnusedPayment } from "@/lib/payments/refund-unused-payment";
import { getStripe } from "@/lib/providers/stripe-client";
import { planScoreReuse, reuseCutoff } from "@/lib/reuse/score-reuse";

/** Stripe event types that can mark a campaign paid; every other type is acknowledged and ignored. */
export const handledEventTypes = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);

const sessionReference = z.object({ id: z.string().startsWith("cs_") });
const sessionMetadata = z.object({ campaignId: z.uuid(), reuseEmail: z.string().optional() });

/**
 * Handles one verified Stripe event and returns a one-sentence outcome for the log. Only the
 * session id is taken from the event: the session is read again from Stripe, so a replayed,
 * reordered or stale event cannot mark anything paid that Stripe does not report as paid.
 * Idempotent by Stripe event id (a stored row) and by campaign state (a conditional update), and
 * the Inngest event id is derived from the campaign, so a replay starts nothing twice.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<string> {
  if (!handledEventTypes.has(event.type)) return `ignored ${event.type}`;

  const db = getDb();
  const seen = await db.stripeEvent.findUnique({ where: { id: event.id } });
  if (seen) return `duplicate of an event already handled (${seen.outcome})`;

  const { id: sessionId } = sessionReference.parse(event.data.object);
  const session = await getStripe().checkout.sessions.retrieve(sessionId);
  const metadata = sessionMetadata.safeParse(session.metadata);
  if (!metadata.success) return record(event, null, "ignored: session has no campaign id");
  const { campaignId } = metadata.data;

  if (session.payment_status !== "paid") return record(event, campaignId, `waiting: session is ${session.payment_status}`);
  return settlePaidSession(event, campaignId, session);
}

/** The state Stripe reports for the Checkout Session a customer returned from. */
export type ReturnedSession = "paid" | "processing" | "not_paid" | "not_this_campaign";

/**
 * Reads the Checkout Session whose success URL brought the customer back to `campaignId`, and
 * applies it when Stripe reports it paid, as its webhook would. The campaign then starts
 * even when the webhook is late or lost. The applied session is recorded under the
 * id `return_<session id>`, so the later webhook finds the campaign paid and changes nothing.
 */
export async function confirmReturnedSession(campaignId: string, sessionId: string): Promise<ReturnedSession> {
  if (!sessionReference.safeParse({ id: sessionId }).success) return "not_this_campaign";

  let session: Stripe.Checkout.Session;
  try {
    session = await getStripe().checkout.sessions.retrieve(sessionId);
  } catch (error) {
    // An id Stripe does not know, such as one edited in the address bar, paid for nothing.
    if (error instanceof Error && "code" in error && error.code === "resource_missing") return "not_this_campaign";
    throw error;
  }
  const metadata = sessionMetadata.safeParse(session.metadata);
  if (!metadata.success || metadata.data.campaignId !== campaignId) return "not_this_campaign";
  if (session.payment_status !== "paid") return session.status === "complete" ? "processing" : "not_paid";

  const applied = { id: `return_${session.id}`, type: "checkout.session.returned" };
  const seen = await getDb().stripeEvent.findUnique({ where: { id: applied.id } });
  if (!seen) {
    const outcome = await settlePaidSession(applied, campaignId, session);
    logger.info({ campaignId, checkoutSessionId: session.id, outcome }, "paid session applied on the customer's return");
  }
  return "paid";
}

/**
 * Marks the campaign paid by `session`, then starts it, or refunds the session when it did not
 * pay for the campaign. `event` names what reported the payment, for the idempotency record.
 */
async function settlePaidSession(event: HandledEvent, campaignId: string, session: Stripe.Checkout.Session): Promise<string> {
  const outcome = await markPaid(event, campaignId, session);
  const campaign = await getDb().campaign.findUnique({ where: { id: campaignId }, select: { status: true, checkoutSessionId: true } });
  // Only the session stored on a paid campaign paid for it. Any other paid session charged the
  // customer for nothing (a second tab, a mismatched amount), so it goes back in full.
  const paidByThisSession = campaign?.checkoutSessionId === session.id && campaign.status !== "draft" && campaign.status !== "awaiting_payment";
  if (!paidByThisSession) return refundUnusedPayment(campaignId, session, outcome);
  if (campaign?.status === "paid") {
    // Sent whenever the campaign is paid but not yet started, which also covers a crash between
    // the database commit above and this send on an earlier delivery.
    await inngest.send(campaignPaid.create({ campaignId }, { id: eventIds.campaignPaid(campaignId) }));
  }
  return outcome;
}

/** The id and type of what reported a payment: a Stripe event, or the customer's return. */
type HandledEvent = { id: string; type: string };

async function markPaid(event: HandledEvent, campaignId: string, session: Stripe.Checkout.Session): Promise<string> {
  const db = getDb();
  try {
    return await db.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type, campaignId, outcome: "processing" } });

      // Locked like checkout locks it, so a checkout starting now cannot change the reuse plan under us.
      await tx.$queryRaw`SELECT id FROM "Campaign" WHERE id = ${campaignId}::uuid FOR UPDATE`;
      const campaign = await tx.campaign.findUnique({ where: { id: campaignId }, select: { amountCents: true, status: true, reuseEmail: true } });
      const sessionReuseEmail = sessionMetadata.parse(session.metadata).reuseEmail || null;
      const paidEmail = (session.customer_details?.email ?? session.customer_email ?? "").trim().toLowerCase() || undefined;
      let outcome: string;
      if (!campaign) {
        outcome = "ignored: campaign not found";
      } else if (session.amount_total !== campaign.amountCents) {
        outcome = `rejected: paid ${session.amount_total} cents but the quote is ${campaign.amountCents} cents`;
        logger.error({ campaignId, checkoutSessionId: session.id, stripeEventId: event.id }, outcome);
      } else {
        let reuseEmail = campaign.reuseEmail;
        const unpaid = campaign.status === "draft" || campaign.status === "awaiting_payment";
        if (unpaid && sessionReuseEmail !== campaign.reuseEmail) {
          // Paid through an older session than the latest checkout, for the same amount (Stripe's
          // minimum): what this session was opened for decides. A session from a plain link reuses
          // nothing; one from the emailed link (its metadata is set by the server) reuses that
          // address's scores.
          const reusedCount = await planScoreReuse(tx, campaignId, sessionReuseEmail, reuseCutoff(getConfig().scoreReuseDays));
          reuseEmail = reusedCount > 0 ? sessionReuseEmail : null;
          await tx.campaign.update({ where: { id: campaignId }, data: { reuseEmail, reusedCount } });
          logger.warn({ campaignId, checkoutSessionId: session.id, reusedCount }, "paid session replaced the campaign's reuse plan with its own");
        }
        const updated = await tx.campaign.updateMany({
          where: { id: campaignId, status: { in: ["draft", "awaiting_payment"] } },
          data: {
            status: "paid",
            paidAt: new Date(),
            amountPaidCents: session.amount_total,
            checkoutSessionId: session.id,
            paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null),
            // With reused scores the results go to the address the reuse link was sent to.
            ownerEmail: reuseEmail ?? paidEmail,
          },
        });
        outcome = updated.count === 1 ? "campaign marked paid" : `no change: campaign already ${campaign.status}`;
      }

      await tx.stripeEvent.update({ where: { id: event.id }, data: { outcome } });
      return outcome;
    }, transactionOptions);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return "duplicate: the same event is being handled by a concurrent delivery";
    }
    throw error;
  }
}

async function record(event: HandledEvent, campaignId: string | null, outcome: string): Promise<string> {
  await getDb().stripeEvent.upsert({
    where: { id: event.id },
    create: { id: event.id, type: event.type, campaignId, outcome },
    update: {},
  });
  return outcome;
}
