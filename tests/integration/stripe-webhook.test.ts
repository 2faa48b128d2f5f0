import path from "node:path";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, countsByStatus, mailbox, payCampaign, readCampaign, realListsDir, stack, uploadList, waitForCampaign } from "./helpers/stack-client";

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
});
