import type { EmulatorContext } from "./context";
import { createStripeId, toUnixSeconds, type CheckoutSession, type PaymentIntent, type StripeEvent } from "./stripe-objects";
import type { DeliveryOutcome, StoredEvent, StoredSession, StripeStore } from "./stripe-store";
import { deliverEvent } from "./stripe-webhook";

export type PaymentResult =
  | { kind: "not-found" }
  | { kind: "expired"; session: CheckoutSession }
  | { kind: "already-paid"; session: CheckoutSession; eventId: string | null }
  | { kind: "paid"; session: CheckoutSession; eventId: string; delivery: DeliveryOutcome };

/**
 * Pays an open Checkout Session as the hosted page's Pay button does: marks it complete and
 * paid, creates its payment intent, then sends one signed `checkout.session.completed` event.
 * Paying a session that is already paid sends nothing, so the event goes out once per session.
 */
export async function payCheckoutSession(context: EmulatorContext, store: StripeStore, sessionId: string): Promise<PaymentResult> {
  const stored = readSession(context, store, sessionId);
  if (!stored) {
    return { kind: "not-found" };
  }
  if (stored.session.status === "complete") {
    return { kind: "already-paid", session: stored.session, eventId: stored.completedEventId };
  }
  if (stored.session.status === "expired") {
    return { kind: "expired", session: stored.session };
  }

  // Every change happens before the first await, so a concurrent second Pay finds the session paid.
  const paymentIntent = createPaymentIntent(context, store, stored);
  stored.session = {
    ...stored.session,
    status: "complete",
    payment_status: "paid",
    payment_intent: paymentIntent.id,
    customer_details: {
      email: stored.session.customer_email ?? "customer@example.com",
      name: "Test Customer",
      phone: null,
      address: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    url: null,
  };
  context.stats.countStripe("sessionsPaid");

  const event = storeEvent(context, store, stored, "checkout.session.completed");
  stored.completedEventId = event.event.id;

  const delivery = await deliverEvent(context, event);
  return { kind: "paid", session: stored.session, eventId: event.event.id, delivery };
}

/** Sends a stored event again with the same id and body and a fresh signature. */
export async function redeliverEvent(context: EmulatorContext, store: StripeStore, eventId: string): Promise<DeliveryOutcome | null> {
  const stored = store.events.get(eventId);
  return stored ? deliverEvent(context, stored) : null;
}

/** Returns a session, first marking it expired when its `expires_at` has passed unpaid. */
export function readSession(context: EmulatorContext, store: StripeStore, sessionId: string): StoredSession | null {
  const stored = store.sessions.get(sessionId);
  if (!stored) {
    return null;
  }

  if (stored.session.status === "open" && toUnixSeconds(context.now()) >= stored.session.expires_at) {
    stored.session = { ...stored.session, status: "expired", url: null };
  }
  return stored;
}

function createPaymentIntent(context: EmulatorContext, store: StripeStore, stored: StoredSession): PaymentIntent {
  const paymentIntent: PaymentIntent = {
    id: createStripeId("pi"),
    object: "payment_intent",
    amount: stored.session.amount_total,
    amount_capturable: 0,
    amount_received: stored.session.amount_total,
    capture_method: "automatic_async",
    created: toUnixSeconds(context.now()),
    currency: stored.session.currency,
    customer: null,
    description: stored.paymentIntentData.description,
    latest_charge: createStripeId("ch"),
    livemode: false,
    metadata: stored.paymentIntentData.metadata,
    payment_method_types: ["card"],
    receipt_email: stored.session.customer_email,
    status: "succeeded",
  };
  store.paymentIntents.set(paymentIntent.id, paymentIntent);
  return paymentIntent;
}

function storeEvent(context: EmulatorContext, store: StripeStore, stored: StoredSession, type: string): StoredEvent {
  const event: StripeEvent = {
    id: createStripeId("evt"),
    object: "event",
    api_version: stored.apiVersion,
    created: toUnixSeconds(context.now()),
    data: { object: stored.session },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  const record: StoredEvent = { event, payload: JSON.stringify(event, null, 2), deliveries: [] };
  store.events.set(event.id, record);
  return record;
}
