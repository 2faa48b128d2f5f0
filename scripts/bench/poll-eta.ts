import { z } from "zod";
import { sleep } from "./bench-campaigns";

/** The estimate the campaign page showed at the first poll at or past half way. */
export type EtaReading = {
  campaignId: string;
  pollMs: number;
  percent: number;
  status: string;
  /** The displayed ETA in epoch ms, or null when the page showed none (for example, already completed). */
  estimatedCompletionMs: number | null;
};

const progressSchema = z.object({
  status: z.string(),
  percent: z.number(),
  estimatedCompletionAt: z.string().nullable(),
});

export type EtaPoller = {
  /** Adds a paid campaign to the polling rounds. */
  watch: (campaign: { campaignId: string; token: string }) => void;
  /** Stops polling and returns the readings, one per campaign that reached half way. */
  stop: () => Promise<Map<string, EtaReading>>;
  failedRequests: () => number;
};

/**
 * Polls the progress endpoint of each watched campaign every `intervalMs`, as the campaign page
 * does, until the first response at 50% or more, and keeps that response's ETA. Stops by itself
 * after `maxDurationMs`.
 */
export function startEtaPoller(appUrl: string, settings: { intervalMs: number; maxDurationMs: number }): EtaPoller {
  const watched: Array<{ campaignId: string; token: string }> = [];
  const readings = new Map<string, EtaReading>();
  let failures = 0;
  let stopped = false;
  const deadline = Date.now() + settings.maxDurationMs;

  const pollOne = async (campaign: { campaignId: string; token: string }) => {
    const pollMs = Date.now();
    try {
      const response = await fetch(`${appUrl}/api/campaigns/${campaign.campaignId}/progress?t=${encodeURIComponent(campaign.token)}`, {
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        failures++;
        return;
      }
      const progress = progressSchema.parse(await response.json());
      if (progress.percent < 50) return;

      readings.set(campaign.campaignId, {
        campaignId: campaign.campaignId,
        pollMs,
        percent: progress.percent,
        status: progress.status,
        estimatedCompletionMs: progress.estimatedCompletionAt === null ? null : Date.parse(progress.estimatedCompletionAt),
      });
    } catch {
      failures++;
    }
  };

  const loop = (async () => {
    while (!stopped && Date.now() < deadline) {
      const round = Date.now();
      await Promise.all(watched.filter((campaign) => !readings.has(campaign.campaignId)).map(pollOne));
      await sleep(Math.max(0, settings.intervalMs - (Date.now() - round)));
    }
  })();

  return {
    watch: (campaign) => watched.push(campaign),
    stop: async () => {
      stopped = true;
      await loop;
      return readings;
    },
    failedRequests: () => failures,
  };
}
