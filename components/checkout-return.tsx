"use client";

import { useEffect, useState } from "react";

/** Query parameters that Stripe Checkout's return URLs add to the campaign page. */
const checkoutParams = ["checkout", "session_id"];

/**
 * Shows the payment confirmation once after Stripe returns the customer to a paid campaign,
 * then removes Stripe's query parameters from the address bar with `history.replaceState`,
 * keeping the results token and any filter. The notice lives in component state, so it stays
 * up when the page re-renders from the cleaned URL. A return from a second checkout of a campaign
 * that another checkout already paid shows that this payment is refunded instead.
 */
export function CheckoutReturn({ justPaid, paidByOtherCheckout = false }: { justPaid: boolean; paidByOtherCheckout?: boolean }) {
  const [showConfirmation] = useState(justPaid);
  const [showSecondPayment] = useState(paidByOtherCheckout);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (!checkoutParams.some((name) => url.searchParams.has(name))) return;

    for (const name of checkoutParams) url.searchParams.delete(name);
    // Next.js keeps its router in step with replaceState when the state argument is null.
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, []);

  if (showSecondPayment) {
    return (
      <div className="notice" role="status" data-testid="second-payment-notice">
        This campaign was already paid through another checkout, so it is scored once. If this checkout charged you as well, that
        payment is refunded in full, with no action needed from you.
      </div>
    );
  }
  if (!showConfirmation) return null;
  return (
    <div className="notice" role="status">
      Payment confirmed. Scoring has started: this page updates as properties finish, and we email you when every property is done.
    </div>
  );
}
