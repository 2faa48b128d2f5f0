"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { formatCount } from "@/lib/format/format-numbers";

const uploadAnswer = z.union([
  z.object({ campaignId: z.string(), pageUrl: z.string() }),
  z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.object({ reason: z.string(), field: z.string() }).partial().optional() }) }),
]);

/** The upload form: a CSV plus an optional city and state for lists that have street lines only. */
export function UploadForm({ maxRows, maxBytesLabel, reuseDays }: { maxRows: number; maxBytesLabel: string; reuseDays: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsCityState, setNeedsCityState] = useState(false);
  const [badEmail, setBadEmail] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);

    try {
      const response = await fetch("/api/uploads", { method: "POST", body: new FormData(event.currentTarget) });
      const answer = uploadAnswer.parse(await response.json());
      if ("error" in answer) {
        setError(answer.error.message);
        setNeedsCityState(answer.error.details?.reason === "missing_city_state");
        setBadEmail(answer.error.details?.field === "email");
        return;
      }
      router.push(new URL(answer.pageUrl).pathname + new URL(answer.pageUrl).search);
    } catch {
      setError("The upload failed before the server answered. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Upload a property list">
      <label htmlFor="file">Property list (CSV)</label>
      <input id="file" name="file" type="file" accept=".csv,text/csv" required />
      <p className="hint">
        Up to {formatCount(maxRows)} rows and {maxBytesLabel}.
      </p>

      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="hint">
          Only street lines in your file? Enter the city and state that apply to every row.
        </legend>
        <label htmlFor="defaultCity">City for the whole file</label>
        <input id="defaultCity" name="defaultCity" type="text" autoComplete="address-level2" aria-invalid={needsCityState} />
        <label htmlFor="defaultState">State for the whole file</label>
        <input id="defaultState" name="defaultState" type="text" placeholder="e.g. MD" autoComplete="address-level1" aria-invalid={needsCityState} />
      </fieldset>

      {reuseDays > 0 && (
        <>
          <label htmlFor="email">Your email (optional)</label>
          <input id="email" name="email" type="text" inputMode="email" autoComplete="email" aria-invalid={badEmail} aria-describedby="email-hint" />
          <p className="hint" id="email-hint">
            Scored some of these addresses with Curbscore in the last {reuseDays} days? We email you a link to this list with those
            properties included free.
          </p>
        </>
      )}

      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <p>
        <button type="submit" disabled={busy}>
          {busy ? "Reading your list…" : "Upload and review"}
        </button>
      </p>
    </form>
  );
}
