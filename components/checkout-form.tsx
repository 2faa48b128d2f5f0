"use client";

import { useState, type FormEvent } from "react";
import { z } from "zod";

const checkoutAnswer = z.union([
  z.object({ checkoutUrl: z.string().nullable(), pageUrl: z.string() }),
  z.object({ error: z.object({ message: z.string() }) }),
]);

/**
 * Collects the email for results and sends the customer to Stripe Checkout, or straight to the
 * results when every property reuses an earlier score. From the emailed reuse link the email is
 * fixed: the reused results belong to that address.
 */
export function CheckoutForm(props: { campaignId: string; token: string; defaultEmail: string; lockedEmail: string | null; free: boolean }) {
  const { campaignId, token, defaultEmail, lockedEmail, free } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);

    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    try {
      const response = await fetch(`/api/campaigns/${campaignId}/checkout`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, token }),
      });
      const answer = checkoutAnswer.parse(await response.json());
      if ("error" in answer) {
        setError(answer.error.message);
        setBusy(false);
        return;
      }
      window.location.assign(answer.checkoutUrl ?? new URL(answer.pageUrl).pathname + new URL(answer.pageUrl).search);
    } catch {
      setError("Could not reach the server to start checkout. Check your connection and try again.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Pay and start scoring">
      <label htmlFor="email">Email for the results</label>
      <input id="email" name="email" type="email" required defaultValue={defaultEmail} readOnly={lockedEmail !== null} autoComplete="email" />
      <p className="hint">
        We email a link to the results when every property is done.
        {lockedEmail !== null && <> The free properties were scored for this address, so the results go to it.</>}
      </p>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" disabled={busy}>
        {submitButtonLabel(free, busy)}
      </button>
    </form>
  );
}

/** Button text for a campaign with nothing to pay and for one that opens Stripe Checkout. */
const submitButtonLabels = {
  free: { idle: "Get the results, nothing to pay", busy: "Starting…" },
  paid: { idle: "Pay and start scoring", busy: "Opening checkout…" },
} as const;

function submitButtonLabel(free: boolean, busy: boolean): string {
  const labels = free ? submitButtonLabels.free : submitButtonLabels.paid;
  return busy ? labels.busy : labels.idle;
}
