"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { maxFreeReruns } from "@/lib/campaigns/free-reruns";
import type { CampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { formatCount, formatCountOf, formatUsd } from "@/lib/format/format-numbers";
import { describeRefund, statusLabels } from "@/lib/labels/customer-labels";

const pollIntervalMs = 2000;
/** How often the results table below is re-rendered while properties keep finishing. */
const refreshResultsEveryMs = 6000;

type Status = keyof CampaignProgress["countsByStatus"];

const finalStatuses: Status[] = ["scored", "unassessable", "no_imagery", "geocode_failed", "failed"];
/** Shown only while the campaign runs, because a complete campaign has no property in these states. */
const unfinishedStatuses: Status[] = ["queued", "pending"];

/** Progress that updates without a reload: polls the progress endpoint while the campaign runs. */
export function LiveProgress({ campaignId, token, initial }: { campaignId: string; token: string; initial: CampaignProgress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const lastRefresh = useRef({ at: 0, finished: initial.finishedCount });
  const running = progress.status === "paid" || progress.status === "processing";
  const [rerunBusy, setRerunBusy] = useState(false);
  const [rerunError, setRerunError] = useState<string | null>(null);
  const unscored = progress.countsByStatus.unassessable + progress.countsByStatus.no_imagery + progress.countsByStatus.geocode_failed + progress.countsByStatus.failed;

  async function rerun() {
    setRerunBusy(true);
    setRerunError(null);
    try {
      const response = await fetch(`/api/campaigns/${campaignId}/rerun`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setRerunError(body?.error?.message ?? "The re-run could not be started. Please try again.");
        return;
      }
      const next = await fetch(`/api/campaigns/${campaignId}/progress?t=${encodeURIComponent(token)}`, { cache: "no-store" });
      if (next.ok) setProgress((await next.json()) as CampaignProgress);
      router.refresh();
    } catch {
      setRerunError("Could not reach the server. Check your connection and try again.");
    } finally {
      setRerunBusy(false);
    }
  }

  useEffect(() => {
    if (!running) return;

    const timer = setInterval(async () => {
      const response = await fetch(`/api/campaigns/${campaignId}/progress?t=${encodeURIComponent(token)}`, { cache: "no-store" });
      if (!response.ok) return;

      const next = (await response.json()) as CampaignProgress;
      setProgress(next);
      const now = Date.now();
      const changed = next.finishedCount !== lastRefresh.current.finished;
      if (next.status === "completed" || (changed && now - lastRefresh.current.at > refreshResultsEveryMs)) {
        lastRefresh.current = { at: now, finished: next.finishedCount };
        router.refresh();
      }
    }, pollIntervalMs);
    return () => clearInterval(timer);
  }, [campaignId, token, running, router]);

  const shownStatuses = running ? [...finalStatuses, ...unfinishedStatuses] : finalStatuses;
  const exportUrl = `/api/campaigns/${campaignId}/export?t=${encodeURIComponent(token)}`;
  return (
    <section className="card" aria-label="Campaign progress">
      <h2>{progressHeading(progress)}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-label="Properties finished"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
      >
        <div style={{ width: `${progress.percent}%` }} />
      </div>
      <p>
        <strong data-testid="progress-percent">{progress.percent}%</strong> — {formatCount(progress.finishedCount)} of{" "}
        {formatCount(progress.propertyCount)} properties finished
        {progress.propertiesPerMinute !== null && running && <> · {progress.propertiesPerMinute} per minute</>}
        {progress.estimatedCompletionAt && running && <> · {formatEta(progress.estimatedCompletionAt)} left</>}
      </p>
      <div className="grid">
        {shownStatuses.map((status) => (
          <div className="stat" key={status}>
            <div className="value">{formatCount(progress.countsByStatus[status])}</div>
            <div className="label">{statusLabels[status]}</div>
          </div>
        ))}
      </div>
      <p>
        <a className="button secondary" href={exportUrl} download>
          Download CSV export
        </a>{" "}
        {progress.completionEmailSentAt && <span className="hint">Results email sent.</span>}
      </p>
      {progress.reusedCount > 0 && (
        <p className="hint" data-testid="reused-notice">
          {progress.reusedCount.toLocaleString("en-US")} {progress.reusedCount === 1 ? "property was" : "properties were"} already scored
          for you: {progress.reusedCount === 1 ? "its result is" : "their results are"} reused at no charge and marked below.
        </p>
      )}
      {progress.canRerun && (
        <p>
          <button type="button" className="button secondary" onClick={rerun} disabled={rerunBusy} data-testid="rerun-unscored">
            {rerunBusy ? "Starting…" : `Try the ${unscored.toLocaleString("en-US")} unscored ${unscored === 1 ? "property" : "properties"} again, free`}
          </button>{" "}
          <span className="hint">
            {unscored === 1 ? "It was" : "They were"} refunded, so a re-run costs nothing. Results appear here; no second email is sent.
          </span>
        </p>
      )}
      {progress.status === "completed" && !progress.canRerun && progress.rerunCount >= maxFreeReruns && (
        <p className="hint" data-testid="reruns-used">
          The unscored properties were re-run {maxFreeReruns} times, the most a campaign gets for free.
        </p>
      )}
      {rerunError && (
        <div className="error" role="alert">
          {rerunError}
        </div>
      )}
      {progress.refundPendingCount > 0 && (
        <p className="notice" data-testid="refund-pending-notice">
          The refund for {formatCountOf(progress.refundPendingCount, "property", "properties")} without a score has not gone through yet,
          so the results email has not been sent either. Curbscore retries both; meanwhile the results are on this page and in the CSV
          export.
        </p>
      )}
      {progress.refund && (
        <p className="notice" data-testid="refund-notice">
          {describeRefund(formatUsd(progress.refund.cents), progress.refund.propertyCount)}
        </p>
      )}
    </section>
  );
}

function progressHeading(progress: CampaignProgress): string {
  if (progress.status === "completed") return "Complete";
  if (progress.rerunCount > 0) return "Re-running the unscored properties";
  return "Scoring in progress";
}

function formatEta(isoTime: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(isoTime) - Date.now()) / 60_000));
  if (minutes < 1) return "less than a minute";
  if (minutes < 90) return `about ${minutes} min`;
  return `about ${Math.round(minutes / 6) / 10} h`;
}
