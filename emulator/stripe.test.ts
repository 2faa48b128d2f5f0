import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "./server";

const webhookSecret = "whsec_test_emulator_secret";

interface ReceivedWebhook {
  rawBody: string;
  signature: string;
}

/** A local webhook endpoint that records every delivery and can fail the first few. */
class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  failuresLeft = 0;
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        this.received.push({ rawBody: Buffer.concat(chunks).toString("utf8"), signature: String(request.headers["stripe-signature"] ?? "") });
        if (this.failuresLeft > 0) {
          this.failuresLeft -= 1;
          response.writeHead(500).end("temporarily failing");
          return;
        }
        response.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/stripe/webhook`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

let emulator: RunningEmulator;
let receiver: WebhookReceiver;
let stripe: Stripe;

beforeAll(async () => {
  receiver = new WebhookReceiver();
  await receiver.start();
  emulator = await startEmulator({ knobs: { stripeWebhookUrl: receiver.url, stripeWebhookSecret: webhookSecret } });
  const { hostname, port } = new URL(emulator.url);
  stripe = new Stripe("sk_test_emulator", { host: hostname, port: Number(port), protocol: "http", telemetry: false, maxNetworkRetries: 0 });
});

afterAll(async () => {
  await emulator.close();
  await receiver.stop();
});

beforeEach(() => {
  receiver.received.length = 0;
  receiver.failuresLeft = 0;
});

async function createSession(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Promise<Stripe.Checkout.Session> {
  return stripe.checkout.sessions.create({
    mode: "payment",
    customer_email: "investor@example.com",
    client_reference_id: "campaign-123",
    line_items: [
      {
        quantity: 1,
        price_data: { currency: "usd", unit_amount: 1_750, product_data: { name: "Distress scoring for 350 properties" } },
      },
    ],
    metadata: { campaignId: "campaign-123" },
    payment_intent_data: { metadata: { campaignId: "campaign-123" } },
    success_url: "http://127.0.0.1:3000/campaigns/campaign-123?checkout=success&session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://127.0.0.1:3000/campaigns/campaign-123?checkout=cancelled",
    ...overrides,
  });
}

async function payOnPage(session: Stripe.Checkout.Session): Promise<Response> {
  return fetch(session.url ?? "", { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" });
}

describe("stripe checkout sessions", () => {
  it("creates an open session through the SDK", async () => {
    const session = await createSession();

    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(session.object).toBe("checkout.session");
    expect(session.status).toBe("open");
    expect(session.payment_status).toBe("unpaid");
    expect(session.payment_intent).toBeNull();
    expect(session.amount_total).toBe(1_750);
    expect(session.currency).toBe("usd");
    expect(session.customer_email).toBe("investor@example.com");
    expect(session.client_reference_id).toBe("campaign-123");
    expect(session.metadata).toEqual({ campaignId: "campaign-123" });
    expect(session.livemode).toBe(false);
    expect(session.url).toBe(`${emulator.url}/checkout/pay/${session.id}`);
    expect(session.expires_at - session.created).toBe(86_400);
  });

  it("retrieves a created session", async () => {
    const session = await createSession();
    const retrieved = await stripe.checkout.sessions.retrieve(session.id);

    expect(retrieved).toMatchObject({ id: session.id, amount_total: 1_750, status: "open" });
  });

  it("expands line items on retrieve", async () => {
    const session = await createSession();
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items"] });

    expect(retrieved.line_items?.data[0]?.description).toBe("Distress scoring for 350 properties");
    expect(retrieved.line_items?.data[0]?.amount_total).toBe(1_750);
  });

  it("returns 404 for unknown sessions", async () => {
    const error = await stripe.checkout.sessions.retrieve("cs_test_unknown").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(404);
    expect((error as Stripe.errors.StripeError).code).toBe("resource_missing");
  });

  it("rejects an unknown parameter with 400", async () => {
    const error = await createSession({ colour: "blue" } as Partial<Stripe.Checkout.SessionCreateParams>).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((error as Stripe.errors.StripeError).param).toBe("colour");
  });

  it("rejects a total under Stripe's minimum charge", async () => {
    const error = await createSession({
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 49, product_data: { name: "Tiny list" } } }],
    }).catch((caught: unknown) => caught);

    expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((error as Stripe.errors.StripeError).message).toContain("0.50 usd");
  });

  it("rejects a request without an API key with 401", async () => {
    const response = await fetch(new URL("/v1/checkout/sessions", emulator.url), { method: "POST", body: "mode=payment" });
    const body = await response.json();

    expect(response.status).toBe(401);
    expect(body.error.type).toBe("invalid_request_error");
  });

  it("replays the first response for a reused idempotency key", async () => {
    const key = `checkout-${Date.now()}`;
    const unrelated = await createSession();
    const params = {
      mode: "payment" as const,
      line_items: [{ quantity: 2, price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Two properties" } } }],
      success_url: "http://127.0.0.1:3000/done",
    };
    const original = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    const replayed = await stripe.checkout.sessions.create(params, { idempotencyKey: key });

    expect(replayed.id).toBe(original.id);
    expect(replayed.id).not.toBe(unrelated.id);
  });

  it("rejects a reused idempotency key with other parameters", async () => {
    const key = `checkout-mismatch-${Date.now()}`;
    const lineItem = (unitAmount: number) => ({ quantity: 1, price_data: { currency: "usd", unit_amount: unitAmount, product_data: { name: "A" } } });
    await stripe.checkout.sessions.create({ mode: "payment", line_items: [lineItem(900)] }, { idempotencyKey: key });
    const error = await stripe.checkout.sessions
      .create({ mode: "payment", line_items: [lineItem(901)] }, { idempotencyKey: key })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe("stripe hosted checkout page", () => {
  it("shows the order and a Pay button", async () => {
    const session = await createSession();
    const html = await (await fetch(session.url ?? "")).text();

    expect(html).toContain("Curbscore (test mode)");
    expect(html).toContain("Distress scoring for 350 properties");
    expect(html).toContain("$17.50");
    expect(html).toContain("investor@example.com");
    expect(html).toContain('<button type="submit">Pay</button>');
    expect(html).toContain('href="http://127.0.0.1:3000/campaigns/campaign-123?checkout=cancelled"');
  });

  it("redirects to the success URL", async () => {
    const session = await createSession();
    const response = await payOnPage(session);

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://127.0.0.1:3000/campaigns/campaign-123?checkout=success&session_id=${session.id}`);
  });

  it("delivers a verifiable completed event", async () => {
    const session = await createSession();
    await payOnPage(session);

    expect(receiver.received).toHaveLength(1);
    const delivery = receiver.received[0] ?? { rawBody: "", signature: "" };
    const event = stripe.webhooks.constructEvent(delivery.rawBody, delivery.signature, webhookSecret);
    const paid = event.data.object as Stripe.Checkout.Session;
    expect(event.type).toBe("checkout.session.completed");
    expect(event.id).toMatch(/^evt_/);
    expect(paid.id).toBe(session.id);
    expect(paid.status).toBe("complete");
    expect(paid.payment_status).toBe("paid");
    expect(paid.payment_intent).toMatch(/^pi_/);
    expect(paid.metadata).toEqual({ campaignId: "campaign-123" });
  });

  it("rejects the webhook under a different secret", async () => {
    const session = await createSession();
    await payOnPage(session);
    const delivery = receiver.received[0] ?? { rawBody: "", signature: "" };

    expect(() => stripe.webhooks.constructEvent(delivery.rawBody, delivery.signature, "whsec_other")).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("sends no second event for a second Pay", async () => {
    const session = await createSession();
    await payOnPage(session);
    const second = await payOnPage(session);

    expect(second.status).toBe(303);
    expect(receiver.received).toHaveLength(1);
  });

  it("sends one event for two concurrent Pays", async () => {
    const session = await createSession();
    await Promise.all([payOnPage(session), payOnPage(session)]);

    expect(receiver.received).toHaveLength(1);
  });

  it("shows a paid session as complete on retrieve", async () => {
    const session = await createSession();
    await payOnPage(session);
    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
    const paymentIntent = retrieved.payment_intent as Stripe.PaymentIntent;

    expect(retrieved.status).toBe("complete");
    expect(retrieved.url).toBeNull();
    expect(paymentIntent.status).toBe("succeeded");
    expect(paymentIntent.amount_received).toBe(1_750);
    expect(paymentIntent.metadata).toEqual({ campaignId: "campaign-123" });
  });

  it("retries a failed delivery and records each attempt", async () => {
    receiver.failuresLeft = 2;
    const session = await createSession();
    const response = await fetch(new URL(`/_emulator/stripe/sessions/${session.id}/pay`, emulator.url), { method: "POST" });
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body.delivery.delivered).toBe(true);
    expect(body.delivery.attempts.map((attempt: { status: number }) => attempt.status)).toEqual([500, 500, 200]);
    expect(receiver.received).toHaveLength(3);
  });
});

describe("stripe test helpers", () => {
  it("pays a session and returns the event id", async () => {
    const session = await createSession();
    const response = await fetch(new URL(`/_emulator/stripe/sessions/${session.id}/pay`, emulator.url), { method: "POST" });
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body.eventId).toMatch(/^evt_/);
    expect(body.alreadyPaid).toBe(false);
    expect(body.redirectUrl).toContain(session.id);
  });

  it("redelivers the same event with a fresh signature", async () => {
    const session = await createSession();
    const paid = await (await fetch(new URL(`/_emulator/stripe/sessions/${session.id}/pay`, emulator.url), { method: "POST" })).json();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const redelivered = await fetch(new URL(`/_emulator/stripe/events/${paid.eventId}/redeliver`, emulator.url), { method: "POST" });

    expect(redelivered.status).toBe(200);
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second?.rawBody).toBe(first?.rawBody);
    expect(second?.signature).not.toBe(first?.signature);
    expect(stripe.webhooks.constructEvent(second?.rawBody ?? "", second?.signature ?? "", webhookSecret).id).toBe(paid.eventId);
  });

  it("returns 404 for unknown events", async () => {
    const response = await fetch(new URL("/_emulator/stripe/events/evt_unknown/redeliver", emulator.url), { method: "POST" });

    expect(response.status).toBe(404);
  });
});

describe("stripe refunds", () => {
  async function paidPaymentIntent(): Promise<string> {
    const session = await createSession();
    await payOnPage(session);
    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    return String(retrieved.payment_intent);
  }

  it("refunds part of a payment through the SDK", async () => {
    const paymentIntent = await paidPaymentIntent();
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 500, reason: "requested_by_customer", metadata: { campaignId: "campaign-123" } });

    expect(refund.id).toMatch(/^re_/);
    expect(refund.status).toBe("succeeded");
    expect(refund.amount).toBe(500);
    expect(refund.payment_intent).toBe(paymentIntent);
    expect(refund.metadata).toEqual({ campaignId: "campaign-123" });
  });

  it("refunds the remaining amount when no amount is given", async () => {
    const paymentIntent = await paidPaymentIntent();
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 250 });
    const rest = await stripe.refunds.create({ payment_intent: paymentIntent });

    expect(rest.amount).toBe(1_500);
  });

  it("rejects a refund above the unrefunded amount", async () => {
    const paymentIntent = await paidPaymentIntent();
    await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1_000 });
    const error = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 751 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((error as Stripe.errors.StripeError).param).toBe("amount");
  });

  it("rejects any refund of a fully refunded payment", async () => {
    const paymentIntent = await paidPaymentIntent();
    await stripe.refunds.create({ payment_intent: paymentIntent });
    const error = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 1 }).catch((caught: unknown) => caught);

    expect((error as Stripe.errors.StripeError).code).toBe("charge_already_refunded");
  });

  it("lists the refunds of a payment intent, newest first", async () => {
    const paymentIntent = await paidPaymentIntent();
    const first = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 100 });
    const second = await stripe.refunds.create({ payment_intent: paymentIntent, amount: 200 });
    const list = await stripe.refunds.list({ payment_intent: paymentIntent });

    expect(list.data.map((refund) => refund.id)).toEqual([second.id, first.id]);
  });

  it("rejects a refund of an unknown payment intent", async () => {
    const error = await stripe.refunds.create({ payment_intent: "pi_unknown" }).catch((caught: unknown) => caught);

    expect((error as Stripe.errors.StripeError).code).toBe("resource_missing");
    expect((error as Stripe.errors.StripeError).param).toBe("payment_intent");
  });
});
