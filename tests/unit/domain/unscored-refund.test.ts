import { describe, expect, it } from "vitest";
import { unscoredRefundCents } from "@/lib/payments/refund-unscored-properties";

describe("unscoredRefundCents", () => {
  it("refunds the unscored properties' price", () => {
    // 20 properties at 5¢ paid 100¢; 3 got no score.
    expect(unscoredRefundCents(100, 5, 20, 3)).toBe(15);
  });

  it("refunds nothing when every property is scored", () => {
    expect(unscoredRefundCents(100, 5, 20, 0)).toBe(0);
  });

  it("keeps the minimum charge when every property is scored", () => {
    // 2 properties at 5¢ were charged Stripe's 50¢ minimum.
    expect(unscoredRefundCents(50, 5, 2, 0)).toBe(0);
  });

  it("refunds the minimum above the scored price", () => {
    // One of two properties scored: the customer keeps paying 5¢ and gets 45¢ back.
    expect(unscoredRefundCents(50, 5, 2, 1)).toBe(45);
  });

  it("refunds everything when nothing is scored", () => {
    expect(unscoredRefundCents(50, 5, 1, 1)).toBe(50);
    expect(unscoredRefundCents(100, 5, 20, 20)).toBe(100);
  });

  it("never refunds more than was paid", () => {
    // A campaign charged less than its per-property total, such as one priced before a change.
    expect(unscoredRefundCents(30, 5, 10, 8)).toBe(30);
  });

  it("refunds nothing without a payment", () => {
    expect(unscoredRefundCents(0, 5, 3, 3)).toBe(0);
  });
});
