import { randomInt } from "node:crypto";

/**
 * Stripe API objects as the emulator stores and returns them. Field names and value shapes
 * follow the Stripe API reference. Fields the emulator never sets contain their usual null or
 * empty defaults, and rarely used fields are left out.
 */

export type Metadata = Record<string, string>;

export interface LineItem {
  id: string;
  object: "item";
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string;
  price: {
    id: string;
    object: "price";
    active: boolean;
    currency: string;
    product: string;
    type: "one_time";
    unit_amount: number;
  };
  quantity: number;
}

export interface CheckoutSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: string | null;
  customer_creation: "if_required";
  customer_details: { email: string | null; name: string | null; phone: null; address: null; tax_exempt: "none"; tax_ids: [] } | null;
  customer_email: string | null;
  expires_at: number;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: "payment";
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: "hosted";
  url: string | null;
}

export interface PaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  capture_method: "automatic_async";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  latest_charge: string;
  livemode: false;
  metadata: Metadata;
  payment_method_types: string[];
  receipt_email: string | null;
  status: "succeeded";
}

export interface Refund {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: "succeeded";
  transfer_reversal: null;
}

export interface StripeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
}

/** The list envelope of Stripe's list endpoints. */
export interface StripeList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

/** API version the pinned `stripe` SDK (23.2.0) sends; used when a request names none. */
export const defaultStripeApiVersion = "2026-11-18.endive";

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Creates an id such as `pi_3QmT1x...`: the prefix, then random letters and digits. */
export function createStripeId(prefix: string, length = 24): string {
  let suffix = "";
  for (let index = 0; index < length; index += 1) {
    suffix += idAlphabet[randomInt(idAlphabet.length)];
  }
  return `${prefix}_${suffix}`;
}

/** Returns Stripe's timestamp unit, whole seconds since the epoch. */
export function toUnixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
