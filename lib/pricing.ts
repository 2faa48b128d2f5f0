/** Stripe's minimum charge for a USD payment, in cents (stripe.com/docs/currencies#minimum-and-maximum-charge-amounts). */
export const stripeMinimumChargeCents = 50;

export type Quote = {
  propertyCount: number;
  pricePerPropertyCents: number;
  subtotalCents: number;
  /** What the customer pays: the subtotal, or Stripe's minimum when the subtotal is below it. */
  amountCents: number;
  minimumApplied: boolean;
};

/** Prices a campaign from its stored property count; the browser never supplies an amount. */
export function quoteCampaign(propertyCount: number, pricePerPropertyCents: number): Quote {
  if (!Number.isInteger(propertyCount) || propertyCount < 0) {
    throw new RangeError(`propertyCount must be a non-negative integer, got ${propertyCount}`);
  }
  if (!Number.isInteger(pricePerPropertyCents) || pricePerPropertyCents < 1) {
    throw new RangeError(`pricePerPropertyCents must be a positive integer, got ${pricePerPropertyCents}`);
  }

  const subtotalCents = propertyCount * pricePerPropertyCents;
  const minimumApplied = propertyCount > 0 && subtotalCents < stripeMinimumChargeCents;
  return {
    propertyCount,
    pricePerPropertyCents,
    subtotalCents,
    amountCents: minimumApplied ? stripeMinimumChargeCents : subtotalCents,
    minimumApplied,
  };
}
