import type { z } from "zod";

import type { EmulatorContext } from "./context";
import type { FormObject } from "./stripe-form";
import {
  createStripeId,
  toUnixSeconds,
  type CheckoutSession,
  type LineItem,
  type PaymentIntent,
  type Refund,
  type StripeList,
} from "./stripe-objects";
import {
  createRefundSchema,
  createSessionSchema,
  listRefundsSchema,
  retrieveSchema,
  toStripeParamError,
  type StripeErrorBody,
} from "./stripe-params";
import { readSession } from "./stripe-payment";
import type { StripeStore } from "./stripe-store";

/** A Stripe API response: status and JSON body. */
export interface StripeResult {
  status: number;
  body: unknown;
}

/**
 * A request Stripe rejects before doing any work (invalid or unknown parameters, unknown ids).
 * Its response is not saved under the idempotency key, so a corrected retry can reuse the key.
 */
export class StripeRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.error.message);
  }
}

/**
 * Smallest charge per currency in minor units; other currencies use 50.
 * NOTE: the values are recalled from Stripe's minimum-charge table, not checked against it.
 */
const minimumChargeByCurrency: Record<string, number> = { usd: 50, eur: 50, cad: 50, aud: 50, gbp: 30, jpy: 50 };
const defaultSessionLifetimeS = 24 * 60 * 60;
const minSessionLifetimeS = 30 * 60;

export interface StripeOperationContext {
  context: EmulatorContext;
  store: StripeStore;
  apiVersion: string;
}

export function createCheckoutSession({ context, store, apiVersion }: StripeOperationContext, params: FormObject): StripeResult {
  const input = parseParams(createSessionSchema, params);
  if (input.mode !== "payment") {
    throw invalidRequest("The emulator implements only Checkout Sessions with mode=payment.", "mode");
  }
  if (!input.line_items || input.line_items.length === 0) {
    throw invalidRequest("Missing required param: line_items.", "line_items", "parameter_missing");
  }

  const now = toUnixSeconds(context.now());
  const lineItems = input.line_items.map((item, index) => toLineItem(item, index));
  const currency = lineItems[0]?.currency ?? "usd";
  if (lineItems.some((item) => item.currency !== currency)) {
    throw invalidRequest("All line items must use the same currency.", "line_items");
  }

  const amountTotal = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  const minimum = minimumChargeByCurrency[currency] ?? 50;
  if (amountTotal < minimum) {
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${(minimum / 100).toFixed(2)} ${currency}.`,
      "line_items",
      "amount_too_small",
    );
  }

  const expiresAt = input.expires_at ?? now + defaultSessionLifetimeS;
  if (expiresAt < now + minSessionLifetimeS || expiresAt > now + defaultSessionLifetimeS) {
    throw invalidRequest("expires_at must be between 30 minutes and 24 hours from now.", "expires_at");
  }

  const id = createStripeId("cs_test", 58);
  const session: CheckoutSession = {
    id,
    object: "checkout.session",
    amount_subtotal: amountTotal,
    amount_total: amountTotal,
    cancel_url: input.cancel_url ?? null,
    client_reference_id: input.client_reference_id ?? null,
    created: now,
    currency,
    customer: null,
    customer_creation: "if_required",
    customer_details: null,
    customer_email: input.customer_email ?? null,
    expires_at: expiresAt,
    livemode: false,
    locale: null,
    metadata: input.metadata ?? {},
    mode: "payment",
    payment_intent: null,
    payment_method_types: input.payment_method_types ?? ["card"],
    payment_status: "unpaid",
    status: "open",
    success_url: input.success_url ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: `${context.baseUrl()}/checkout/pay/${id}`,
  };

  store.sessions.set(id, {
    session,
    lineItems,
    paymentIntentData: {
      metadata: input.payment_intent_data?.metadata ?? {},
      description: input.payment_intent_data?.description ?? null,
    },
    apiVersion,
    completedEventId: null,
  });
  context.stats.countStripe("sessionsCreated");

  return { status: 200, body: expandSession({ context, store, apiVersion }, session, input.expand) };
}

export function retrieveCheckoutSession(operation: StripeOperationContext, sessionId: string, query: FormObject): StripeResult {
  const input = parseParams(retrieveSchema, query);
  const stored = readSession(operation.context, operation.store, sessionId);
  if (!stored) {
    throw noSuch("checkout.session", sessionId, "session");
  }
  return { status: 200, body: expandSession(operation, stored.session, input.expand) };
}

export function expireCheckoutSession({ context, store }: StripeOperationContext, sessionId: string): StripeResult {
  const stored = readSession(context, store, sessionId);
  if (!stored) {
    throw noSuch("checkout.session", sessionId, "session");
  }
  if (stored.session.status !== "open") {
    return stripeError(
      400,
      `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${stored.session.status}".`,
      "session",
    );
  }

  stored.session = { ...stored.session, status: "expired", url: null };
  return { status: 200, body: stored.session };
}

export function listSessionLineItems({ context, store }: StripeOperationContext, sessionId: string): StripeResult {
  const stored = readSession(context, store, sessionId);
  if (!stored) {
    throw noSuch("checkout.session", sessionId, "session");
  }
  return { status: 200, body: toList(stored.lineItems, `/v1/checkout/sessions/${sessionId}/line_items`) };
}

export function retrievePaymentIntent({ store }: StripeOperationContext, paymentIntentId: string, query: FormObject): StripeResult {
  parseParams(retrieveSchema, query);
  const paymentIntent = store.paymentIntents.get(paymentIntentId);
  if (!paymentIntent) {
    throw noSuch("payment_intent", paymentIntentId, "intent");
  }
  return { status: 200, body: paymentIntent };
}

/** Refunds part or all of a payment; the total refunded never exceeds the amount captured. */
export function createRefund({ context, store }: StripeOperationContext, params: FormObject): StripeResult {
  const input = parseParams(createRefundSchema, params);
  const paymentIntent = findPaymentIntent(store, input.payment_intent, input.charge);

  const refunded = store.refundsOf(paymentIntent.id).reduce((sum, refund) => sum + refund.amount, 0);
  const remaining = paymentIntent.amount_received - refunded;
  if (remaining <= 0) {
    return stripeError(400, `Charge ${paymentIntent.latest_charge} has already been refunded.`, undefined, "charge_already_refunded");
  }

  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    return stripeError(
      400,
      `Refund amount (${formatAmount(amount, paymentIntent.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, paymentIntent.currency)})`,
      "amount",
      "amount_too_large",
    );
  }

  const refund: Refund = {
    id: createStripeId("re"),
    object: "refund",
    amount,
    balance_transaction: createStripeId("txn"),
    charge: paymentIntent.latest_charge,
    created: toUnixSeconds(context.now()),
    currency: paymentIntent.currency,
    metadata: input.metadata ?? {},
    payment_intent: paymentIntent.id,
    reason: input.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
  store.refunds.set(refund.id, refund);
  context.stats.countStripe("refunds");
  context.stats.addRefundedAmount(amount);

  return { status: 200, body: refund };
}

export function listRefunds({ store }: StripeOperationContext, query: FormObject): StripeResult {
  const input = parseParams(listRefundsSchema, query);
  const limit = input.limit ?? 10;
  const matching = [...store.refunds.values()]
    .reverse()
    .filter((refund) => !input.payment_intent || refund.payment_intent === input.payment_intent)
    .filter((refund) => !input.charge || refund.charge === input.charge);

  return { status: 200, body: { ...toList(matching.slice(0, limit), "/v1/refunds"), has_more: matching.length > limit } };
}

export function retrieveRefund({ store }: StripeOperationContext, refundId: string, query: FormObject): StripeResult {
  parseParams(retrieveSchema, query);
  const refund = store.refunds.get(refundId);
  if (!refund) {
    throw noSuch("refund", refundId, "id");
  }
  return { status: 200, body: refund };
}

export function retrieveEvent({ store }: StripeOperationContext, eventId: string, query: FormObject): StripeResult {
  parseParams(retrieveSchema, query);
  const stored = store.events.get(eventId);
  if (!stored) {
    throw noSuch("event", eventId, "id");
  }
  return { status: 200, body: stored.event };
}

type SessionLineItemInput = NonNullable<z.infer<typeof createSessionSchema>["line_items"]>[number];

function toLineItem(item: SessionLineItemInput, index: number): LineItem {
  if (item.price !== undefined) {
    throw new StripeRequestError(400, {
      error: { type: "invalid_request_error", code: "resource_missing", message: `No such price: '${item.price}'`, param: `line_items[${index}][price]` },
    });
  }
  if (!item.price_data) {
    throw invalidRequest(`Missing required param: line_items[${index}][price_data].`, `line_items[${index}][price_data]`, "parameter_missing");
  }

  const amount = item.price_data.unit_amount * item.quantity;
  return {
    id: createStripeId("li"),
    object: "item",
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: item.price_data.currency,
    description: item.price_data.product_data.name,
    price: {
      id: createStripeId("price"),
      object: "price",
      active: false,
      currency: item.price_data.currency,
      product: createStripeId("prod", 14),
      type: "one_time",
      unit_amount: item.price_data.unit_amount,
    },
    quantity: item.quantity,
  };
}

/** Applies `expand[]`: `line_items` adds the item list, `payment_intent` inlines the object. */
function expandSession({ store }: StripeOperationContext, session: CheckoutSession, expand: string[] | undefined): unknown {
  let expanded: Record<string, unknown> = { ...session };

  for (const [index, path] of (expand ?? []).entries()) {
    if (path === "line_items") {
      const stored = store.sessions.get(session.id);
      expanded = { ...expanded, line_items: toList(stored?.lineItems ?? [], `/v1/checkout/sessions/${session.id}/line_items`) };
    } else if (path === "payment_intent") {
      const paymentIntent: PaymentIntent | null = session.payment_intent ? (store.paymentIntents.get(session.payment_intent) ?? null) : null;
      expanded = { ...expanded, payment_intent: paymentIntent };
    } else {
      throw invalidRequest(`This property cannot be expanded (${path}).`, `expand[${index}]`);
    }
  }

  return expanded;
}

function findPaymentIntent(store: StripeStore, paymentIntentId: string | undefined, chargeId: string | undefined): PaymentIntent {
  if (paymentIntentId) {
    const paymentIntent = store.paymentIntents.get(paymentIntentId);
    if (!paymentIntent) {
      throw noSuch("payment_intent", paymentIntentId, "payment_intent", 400);
    }
    return paymentIntent;
  }

  if (chargeId) {
    const paymentIntent = [...store.paymentIntents.values()].find((candidate) => candidate.latest_charge === chargeId);
    if (!paymentIntent) {
      throw noSuch("charge", chargeId, "charge", 400);
    }
    return paymentIntent;
  }

  throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", "payment_intent", "parameter_missing");
}

function parseParams<Schema extends z.ZodType>(schema: Schema, params: FormObject): z.infer<Schema> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    throw new StripeRequestError(400, toStripeParamError(parsed.error));
  }
  return parsed.data;
}

function toList<T>(data: T[], url: string): StripeList<T> {
  return { object: "list", data, has_more: false, url };
}

function formatAmount(amount: number, currency: string): string {
  const value = (amount / 100).toFixed(2);
  return currency === "usd" ? `$${value}` : `${value} ${currency.toUpperCase()}`;
}

function invalidRequest(message: string, param: string, code?: string): StripeRequestError {
  return new StripeRequestError(400, { error: { type: "invalid_request_error", message, param, ...(code ? { code } : {}) } });
}

/** Builds the resource_missing error: 404 for an id in the URL, 400 for an id in a parameter. */
function noSuch(objectName: string, id: string, param: string, status = 404): StripeRequestError {
  return new StripeRequestError(status, {
    error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${objectName}: '${id}'`, param },
  });
}

function stripeError(status: number, message: string, param?: string, code?: string): StripeResult {
  return {
    status,
    body: { error: { type: "invalid_request_error", message, ...(param ? { param } : {}), ...(code ? { code } : {}) } },
  };
}
