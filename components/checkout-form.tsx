"use client";

import { useState, type FormEvent } from "react";
import { z } from "zod";

const checkoutAnswer = z.union([z.object({ checkoutUrl: z.string() }), z.object({ error: z.object({ message: z.string() }) })]);

/** Collects the email for results and sends the customer to Stripe Checkout. */
export function CheckoutForm({ campaignId, token, defaultEmail }: { campaignId: string; token: string; defaultEmail: string }) {
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
      window.location.assign(answer.checkoutUrl);
    } catch {
      setError("Could not reach the server to start checkout. Check your connection and try again.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Pay and start scoring">
      <label htmlFor="email">Email for the results</label>
      <input id="email" name="email" type="email" required defaultValue={defaultEmail} autoComplete="email" />
      <p className="hint">We email a link to the results when every property is done.</p>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Opening checkout…" : "Pay and start scoring"}
      </button>
    </form>
  );
}
