import Stripe from "stripe";
import { describe, expect, it } from "vitest";

// The webhook route verifies with the Stripe SDK's constructEvent; these cases pin the behaviour it relies on.
const stripe = new Stripe("sk_test_unit", { telemetry: false });
const secret = "whsec_unit_test_secret";
const payload = JSON.stringify({ id: "evt_1", object: "event", type: "checkout.session.completed", data: { object: { id: "cs_test_1" } } });

describe("stripe webhook signature", () => {
  it("accepts a correctly signed payload", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe("evt_1");
  });

  it("rejects a payload changed after signing", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    expect(() => stripe.webhooks.constructEvent(payload.replace("cs_test_1", "cs_test_2"), header, secret)).toThrow();
  });

  it("rejects another secret", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" });
    expect(() => stripe.webhooks.constructEvent(payload, header, secret)).toThrow();
  });

  it("rejects a stale timestamp", () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(() => stripe.webhooks.constructEvent(payload, header, secret)).toThrow(/tolerance/i);
  });
});
