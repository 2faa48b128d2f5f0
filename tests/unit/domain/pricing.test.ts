import { describe, expect, it } from "vitest";
import { quoteCampaign, stripeMinimumChargeCents } from "@/lib/pricing";

describe("quoteCampaign", () => {
  it.each([
    { count: 350, price: 5, subtotal: 1750, amount: 1750, minimum: false },
    { count: 10, price: 5, subtotal: 50, amount: 50, minimum: false },
    { count: 9, price: 5, subtotal: 45, amount: stripeMinimumChargeCents, minimum: true },
    { count: 1, price: 5, subtotal: 5, amount: stripeMinimumChargeCents, minimum: true },
    { count: 50_000, price: 5, subtotal: 250_000, amount: 250_000, minimum: false },
    { count: 0, price: 5, subtotal: 0, amount: 0, minimum: false },
  ])("prices $count properties at $price cents", ({ count, price, subtotal, amount, minimum }) => {
    const quote = quoteCampaign(count, price);
    expect(quote.subtotalCents).toBe(subtotal);
    expect(quote.amountCents).toBe(amount);
    expect(quote.minimumApplied).toBe(minimum);
  });

  it.each([
    { count: 20, reused: 12, chargeable: 8, subtotal: 40, amount: stripeMinimumChargeCents, minimum: true },
    { count: 350, reused: 100, chargeable: 250, subtotal: 1250, amount: 1250, minimum: false },
    { count: 3, reused: 3, chargeable: 0, subtotal: 0, amount: 0, minimum: false },
    { count: 10, reused: 0, chargeable: 10, subtotal: 50, amount: 50, minimum: false },
  ])("charges only the $chargeable of $count properties not reused", ({ count, reused, chargeable, subtotal, amount, minimum }) => {
    const quote = quoteCampaign(count, 5, reused);
    expect(quote).toMatchObject({ propertyCount: count, reusedCount: reused, chargeableCount: chargeable, subtotalCents: subtotal, amountCents: amount, minimumApplied: minimum });
  });

  it("rejects a reused count outside 0..propertyCount", () => {
    expect(() => quoteCampaign(3, 5, 4)).toThrow(/reusedCount/);
    expect(() => quoteCampaign(3, 5, -1)).toThrow(/reusedCount/);
    expect(() => quoteCampaign(3, 5, 1.5)).toThrow(/reusedCount/);
  });

  it("rejects fractional and negative inputs", () => {
    expect(() => quoteCampaign(-1, 5)).toThrow(/propertyCount/);
    expect(() => quoteCampaign(2.5, 5)).toThrow(/propertyCount/);
    expect(() => quoteCampaign(10, 0)).toThrow(/pricePerPropertyCents/);
  });
});
