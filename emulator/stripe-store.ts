import type { CheckoutSession, LineItem, Metadata, PaymentIntent, Refund, StripeEvent } from "./stripe-objects";

/** One attempt to deliver an event to the webhook endpoint. */
export interface DeliveryAttempt {
  at: string;
  /** HTTP status of the endpoint's response, or null when the request itself failed. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Outcome of one delivery (a first send or a redelivery) including its retries. */
export interface DeliveryOutcome {
  eventId: string;
  url: string | null;
  delivered: boolean;
  attempts: DeliveryAttempt[];
}

export interface StoredSession {
  session: CheckoutSession;
  lineItems: LineItem[];
  /** `payment_intent_data` of the create request, applied to the payment intent on payment. */
  paymentIntentData: { metadata: Metadata; description: string | null };
  apiVersion: string;
  /** The checkout.session.completed event, once paid. */
  completedEventId: string | null;
}

export interface StoredEvent {
  event: StripeEvent;
  /** The exact JSON sent on every delivery, so redeliveries carry identical bytes. */
  payload: string;
  deliveries: DeliveryOutcome[];
}

/** In-memory state of the emulated Stripe account. */
export class StripeStore {
  readonly sessions = new Map<string, StoredSession>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly refunds = new Map<string, Refund>();
  readonly events = new Map<string, StoredEvent>();

  /** Returns the refunds of a payment intent, newest first. */
  refundsOf(paymentIntentId: string): Refund[] {
    return [...this.refunds.values()].filter((refund) => refund.payment_intent === paymentIntentId).reverse();
  }

  reset(): void {
    this.sessions.clear();
    this.paymentIntents.clear();
    this.refunds.clear();
    this.events.clear();
  }
}
