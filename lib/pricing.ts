/** Stripe's minimum charge for a USD payment, in cents (stripe.com/docs/currencies#minimum-and-maximum-charge-amounts). */
export const stripeMinimumChargeCents = 50;

export type Quote = {
  propertyCount: number;
  /** Properties whose earlier score for the same customer is reused, at no charge. */
  reusedCount: number;
  /** Properties that are scored and charged: `propertyCount - reusedCount`. */
  chargeableCount: number;
  pricePerPropertyCents: number;
  subtotalCents: number;
  /** What the customer pays: the subtotal, or Stripe's minimum when the subtotal is below it; 0 when nothing is charged. */
  amountCents: number;
  minimumApplied: boolean;
};

/**
 * Prices a campaign from its stored property count; the browser never supplies an amount. Reused
 * properties are free, so only the others count, and a campaign whose every property is reused
 * costs nothing (no payment at all, rather than Stripe's minimum).
 */
export function quoteCampaign(propertyCount: number, pricePerPropertyCents: number, reusedCount = 0): Quote {
  if (!Number.isInteger(propertyCount) || propertyCount < 0) {
    throw new RangeError(`propertyCount must be a non-negative integer, got ${propertyCount}`);
  }
  if (!Number.isInteger(pricePerPropertyCents) || pricePerPropertyCents < 1) {
    throw new RangeError(`pricePerPropertyCents must be a positive integer, got ${pricePerPropertyCents}`);
  }
  if (!Number.isInteger(reusedCount) || reusedCount < 0 || reusedCount > propertyCount) {
    throw new RangeError(`reusedCount must be an integer from 0 to propertyCount (${propertyCount}), got ${reusedCount}`);
  }

  const chargeableCount = propertyCount - reusedCount;
  const subtotalCents = chargeableCount * pricePerPropertyCents;
  const minimumApplied = chargeableCount > 0 && subtotalCents < stripeMinimumChargeCents;
  return {
    propertyCount,
    reusedCount,
    chargeableCount,
    pricePerPropertyCents,
    subtotalCents,
    amountCents: minimumApplied ? stripeMinimumChargeCents : subtotalCents,
    minimumApplied,
  };
}
