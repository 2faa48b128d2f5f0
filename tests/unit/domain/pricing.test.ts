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

  it("rejects fractional and negative inputs", () => {
    expect(() => quoteCampaign(-1, 5)).toThrow(/propertyCount/);
    expect(() => quoteCampaign(2.5, 5)).toThrow(/propertyCount/);
    expect(() => quoteCampaign(10, 0)).toThrow(/pricePerPropertyCents/);
  });
});
