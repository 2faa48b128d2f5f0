import path from "node:path";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, countsByStatus, db, mailbox, payCampaign, readCampaign, realListsDir, setKnobs, stack, uploadList, waitForCampaign } from "./helpers/stack-client";

afterAll(closeDb);

const webhookUrl = () => `${stack.appUrl}/api/stripe/webhook`;
const stripe = new Stripe("sk_test_unused", { telemetry: false });
const webhookSecret = () => process.env.STRIPE_WEBHOOK_SECRET ?? "";

describe("stripe webhook", () => {
  it("rejects a missing signature with 400", async () => {
    const response = await fetch(webhookUrl(), { method: "POST", body: JSON.stringify({ id: "evt_forged", type: "checkout.session.completed" }) });
    expect(response.status).toBe(400);
  });

  it("rejects a forged signature with 400", async () => {
    const payload = JSON.stringify({ id: "evt_forged", object: "event", type: "checkout.session.completed", data: { object: { id: "cs_test_forged" } } });
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_not_the_app_secret" });
    const response = await fetch(webhookUrl(), { method: "POST", headers: { "stripe-signature": header }, body: payload });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("invalid_signature");
  });

  it("starts a redelivered campaign once", async () => {
    const { campaignId, token } = await uploadList(path.join(realListsDir, "redfin-active-export-detroit-mi.csv"));
    const email = `replay-${campaignId.slice(0, 8)}@example.com`;
    const { eventId, sessionId } = await payCampaign(campaignId, token, email);
    const started = await waitForCampaign(campaignId, (row) => row.processingStartedAt !== null, 60_000);

    const redeliveries = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${stack.emulatorUrl}/_emulator/stripe/events/${eventId}/redeliver`, { method: "POST" })),
    );
    for (const response of redeliveries) expect(response.ok).toBe(true);

    // Out of order: the asynchronous-payment event for the same session, under a new event id.
    const asyncEvent = JSON.stringify({
      id: `evt_async_${campaignId.slice(0, 8)}`,
      object: "event",
      type: "checkout.session.async_payment_succeeded",
      data: { object: { id: sessionId, object: "checkout.session" } },
    });
    const asyncResponse = await fetch(webhookUrl(), {
      method: "POST",
      headers: { "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: asyncEvent, secret: webhookSecret() }) },
      body: asyncEvent,
    });
    expect(asyncResponse.status).toBe(200);
    expect((await asyncResponse.json()).outcome).toMatch(/no change/);

    // A replay of a captured delivery a day later carries a stale signature.
    const staleResponse = await fetch(webhookUrl(), {
      method: "POST",
      headers: {
        "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload: asyncEvent, secret: webhookSecret(), timestamp: Math.floor(Date.now() / 1000) - 86_400 }),
      },
      body: asyncEvent,
    });
    expect(staleResponse.status).toBe(400);

    const finished = await waitForCampaign(campaignId, (row) => row.status === "completed" && row.completionEmailSentAt !== null, 8 * 60_000);
    expect(finished.processingStartedAt?.getTime()).toBe(started.processingStartedAt?.getTime());
    expect(finished.finishedCount).toBe(finished.propertyCount);

    const counts = await countsByStatus(campaignId);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(finished.propertyCount);
    expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);

    // Stripe's own redelivery a day later is signed afresh but carries the same event id.
    const late = await fetch(`${stack.emulatorUrl}/_emulator/stripe/events/${eventId}/redeliver`, { method: "POST" });
    expect(late.ok).toBe(true);
    const again = await readCampaign(campaignId);
    expect(again.status).toBe("completed");
    expect(again.processingStartedAt?.getTime()).toBe(started.processingStartedAt?.getTime());
  });

  it("refunds a second paid session in full", async () => {
    const { campaignId, token } = await uploadList(path.join(__dirname, "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const email = `twice-${campaignId.slice(0, 8)}@example.com`;
    const openCheckout = async () => {
      const response = await fetch(`${stack.appUrl}/api/campaigns/${campaignId}/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, token }),
      });
      expect(response.status).toBe(200);
      const { checkoutUrl } = (await response.json()) as { checkoutUrl: string };
      return new URL(checkoutUrl).pathname.split("/").pop() ?? "";
    };

    // A customer leaves a checkout page open, comes back later and checks out again with the same email.
    const firstSession = await openCheckout();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const secondSession = await openCheckout();
    expect(secondSession).not.toBe(firstSession);

    for (const sessionId of [secondSession, firstSession]) {
      const paid = await fetch(`${stack.emulatorUrl}/_emulator/stripe/sessions/${sessionId}/pay`, { method: "POST" });
      expect(paid.ok).toBe(true);
    }

    const emulatorStripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: Number(new URL(stack.emulatorUrl).port), protocol: "http", telemetry: false });
    const first = await emulatorStripe.checkout.sessions.retrieve(firstSession);
    const refunded = await waitFor(async () => {
      const refunds = await emulatorStripe.refunds.list({ payment_intent: String(first.payment_intent) });
      return refunds.data.length > 0 ? refunds.data : null;
    });
    expect(refunded).toHaveLength(1);
    expect(refunded[0]!.amount).toBe(first.amount_total);

    const { rows } = await db().query<{ checkoutSessionId: string; amountPaidCents: number }>(
      `SELECT "checkoutSessionId", "amountPaidCents" FROM "Campaign" WHERE id = $1`,
      [campaignId],
    );
    expect(rows[0]?.checkoutSessionId).toBe(secondSession);
    expect(rows[0]?.amountPaidCents).toBe(first.amount_total);

    // Back from the checkout that paid for nothing, the customer reads that it is refunded.
    const unusedReturn = await campaignPage(campaignId, token, `&checkout=success&session_id=${firstSession}`);
    expect(unusedReturn).toContain("already paid through another checkout");
    expect(unusedReturn).not.toContain("Payment confirmed");
    const payingReturn = await campaignPage(campaignId, token, `&checkout=success&session_id=${secondSession}`);
    expect(payingReturn).toContain("Payment confirmed");
    expect(payingReturn).not.toContain("already paid through another checkout");

    const finished = await waitForCampaign(campaignId, (row) => row.completionEmailSentAt !== null, 8 * 60_000);
    expect(finished.status).toBe("completed");
    const second = await emulatorStripe.checkout.sessions.retrieve(secondSession);
    const secondRefunds = await emulatorStripe.refunds.list({ payment_intent: String(second.payment_intent) });
    // The paying session is refunded only for unscored properties, never in full.
    for (const refund of secondRefunds.data) expect(refund.amount).toBeLessThan(second.amount_total ?? 0);
    expect((await mailbox()).filter((mail) => mail.to.includes(email))).toHaveLength(1);
  });
});

describe("return from checkout", () => {
  it("starts the campaign when the webhook is late", async () => {
    const { campaignId, token } = await uploadList(path.join(__dirname, "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const knobs = (await (await fetch(`${stack.emulatorUrl}/_emulator/knobs`)).json()) as { stripeWebhookUrl: string | null };
    expect(knobs.stripeWebhookUrl).not.toBeNull();

    // Stripe takes the payment, but its webhook does not reach the app.
    await setKnobs({ stripeWebhookUrl: null });
    let paid: { sessionId: string; eventId: string };
    try {
      paid = await payCampaign(campaignId, token, `late-webhook-${campaignId.slice(0, 8)}@example.com`);
    } finally {
      await setKnobs({ stripeWebhookUrl: knobs.stripeWebhookUrl });
    }
    expect((await readCampaign(campaignId)).status).toBe("awaiting_payment");

    const page = await campaignPage(campaignId, token, `&checkout=success&session_id=${paid.sessionId}`);
    expect(page).toContain("Payment confirmed");
    expect(page).not.toContain("Pay and start scoring");
    await waitForCampaign(campaignId, (row) => row.processingStartedAt !== null, 60_000);

    // The webhook arrives at last and changes nothing.
    const late = await fetch(`${stack.emulatorUrl}/_emulator/stripe/events/${paid.eventId}/redeliver`, { method: "POST" });
    expect(late.ok).toBe(true);
    const { rows } = await db().query<{ id: string; outcome: string }>(`SELECT id, outcome FROM "StripeEvent" WHERE "campaignId" = $1`, [campaignId]);
    expect(rows.find((row) => row.id === `return_${paid.sessionId}`)?.outcome).toBe("campaign marked paid");
    expect(rows.find((row) => row.id === paid.eventId)?.outcome).toMatch(/no change/);
  });

  it("keeps the form for an unknown session", async () => {
    const { campaignId, token } = await uploadList(path.join(__dirname, "fixtures", "baltimore-fifteen.csv"), { defaultCity: "Baltimore", defaultState: "MD" });
    const page = await campaignPage(campaignId, token, "&checkout=success&session_id=cs_test_made_up");
    expect(page).toContain("Stripe has no payment from that checkout");
    expect(page).toContain("Pay and start scoring");
    expect((await readCampaign(campaignId)).status).toBe("draft");
  });
});

/** Fetches the campaign page's server-rendered HTML, failing on any status but 200. */
async function campaignPage(campaignId: string, token: string, extraQuery: string): Promise<string> {
  const response = await fetch(`${stack.appUrl}/campaigns/${campaignId}?t=${encodeURIComponent(token)}${extraQuery}`);
  expect(response.status).toBe(200);
  return response.text();
}

/** Polls `read` every 250 ms until it returns a value, for up to 30 s. */
async function waitFor<T>(read: () => Promise<T | null>): Promise<T> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const value = await read();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("timed out after 30 s");
}
