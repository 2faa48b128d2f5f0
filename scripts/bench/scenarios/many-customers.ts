import { latencyKnobs, type BenchOptions } from "../bench-options";
import { payCampaign, readCampaigns, readFinishTimes, readFirstScoredAt, sleep, uploadList, waitForCompletion, type BenchCampaign } from "../bench-campaigns";
import { withBenchStack } from "../bench-stack";
import { writeAddressList } from "../generate-list";
import { consecutiveWindows, fairnessPerWindow, median, remainingTimeError, type CampaignTimeline } from "../metrics";
import { readEmulatorStats } from "../../stack/campaign-driver";
import { compareMetric, infoMetric, rangeMetric, type ScenarioOutcome } from "../scenario-result";
import { startEtaPoller } from "../poll-eta";

/** Campaign sizes in payment order, small and large mixed; 4,545 properties in all. */
export const fullSizes = [1000, 10, 500, 25, 300, 50, 200, 80, 700, 10, 150, 120, 400, 20, 250, 40, 350, 60, 180, 100];
const quickSizes = [200, 10, 100, 20, 60, 40];
const fairnessWindowMs = 30_000;

export type ManyCustomersVariant = { keyQueues: boolean; sizes?: readonly number[] };

/**
 * Scenario many-customers: twenty campaigns of mixed sizes paid over a minute share one Gemini
 * budget. Measures Jain's fairness index of their finish rates per 30-second window and the error
 * of the ETA the campaign page shows at half way.
 */
export async function runManyCustomers(options: BenchOptions, variant: ManyCustomersVariant = { keyQueues: false }): Promise<ScenarioOutcome> {
  const sizes = variant.sizes ?? (options.quick ? quickSizes : fullSizes);
  const geminiRpm = 300;
  const paymentSpreadMs = options.quick ? 20_000 : 60_000;
  const totalProperties = sizes.reduce((sum, size) => sum + size, 0);
  // About 1.1 properties finish per Gemini call; three times that pace bounds a stuck run.
  const completionTimeoutMs = Math.max(600_000, (totalProperties / geminiRpm) * 60_000 * 3);

  const files = sizes.map((size, index) => writeAddressList(options.workDir, `many-${index + 1}`, size, options.seed + 100 + index));

  return withBenchStack(options, { geminiRpm, emulatorKnobs: latencyKnobs(options.latencies), keyQueues: variant.keyQueues }, async (stack) => {
    const campaigns: BenchCampaign[] = [];
    for (const [index, file] of files.entries()) campaigns.push(await uploadList(stack, file, `c${index + 1}`));

    const poller = startEtaPoller(stack.appUrl, { intervalMs: 2000, maxDurationMs: completionTimeoutMs });
    const firstPaymentMs = Date.now();
    let readings: Awaited<ReturnType<typeof poller.stop>>;
    try {
      for (const [index, campaign] of campaigns.entries()) {
        await sleep(Math.max(0, firstPaymentMs + (index * paymentSpreadMs) / (campaigns.length - 1) - Date.now()));
        await payCampaign(stack, campaign);
        poller.watch(campaign);
      }
      options.log(`many-customers: paid ${campaigns.length} campaigns (${totalProperties} properties); waiting for all to complete`);

      let lastLog = Date.now();
      await waitForCompletion(stack.db, campaigns.map((campaign) => campaign.campaignId), {
        timeoutMs: completionTimeoutMs,
        onPoll: (rows) => {
          if (Date.now() - lastLog < 30_000) return;
          lastLog = Date.now();
          const finished = rows.reduce((sum, row) => sum + row.finishedCount, 0);
          options.log(`many-customers: ${finished}/${totalProperties} finished, ${rows.filter((row) => row.completedAtMs !== null).length} campaigns complete`);
        },
      });
    } finally {
      readings = await poller.stop();
    }

    const rows = await readCampaigns(stack.db, campaigns.map((campaign) => campaign.campaignId));
    const timelines: CampaignTimeline[] = [];
    for (const row of rows) timelines.push({ id: row.id, startMs: row.paidAtMs!, endMs: row.completedAtMs, finishTimes: await readFinishTimes(stack.db, row.id) });

    const start = Math.min(...timelines.map((timeline) => timeline.startMs));
    const end = Math.max(...timelines.map((timeline) => timeline.endMs!));
    const windows = fairnessPerWindow(timelines, consecutiveWindows(start, end, fairnessWindowMs));
    const jains = windows.map((window) => window.jain);
    const longJains = fairnessPerWindow(timelines, consecutiveWindows(start, end, 2 * fairnessWindowMs)).map((window) => window.jain);
    // Equal Poisson counts of mean m give an expected Jain's index of about m / (m + 1), so few finishes per window cap the index.
    const noiseJains = windows.map((window) => {
      const mean = window.finishes.reduce((sum, count) => sum + count, 0) / window.finishes.length;
      return mean / (mean + 1);
    });

    const firstScored = await Promise.all(campaigns.map((campaign) => readFirstScoredAt(stack.db, campaign.campaignId)));
    const perCampaign = campaigns.map((campaign, index) => {
      const row = rows[index]!;
      const reading = readings.get(campaign.campaignId);
      const error =
        reading?.estimatedCompletionMs != null ? remainingTimeError(reading.estimatedCompletionMs, reading.pollMs, row.completedAtMs!) : null;
      return { campaign, row, reading, error, firstScoredMs: firstScored[index] ?? null };
    });
    const firstScoredDelays = perCampaign.flatMap((entry) => (entry.firstScoredMs === null ? [] : [(entry.firstScoredMs - entry.row.paidAtMs!) / 1000]));
    const errors = perCampaign.flatMap((entry) => (entry.error === null ? [] : [entry.error]));
    const worstError = errors.length === 0 ? null : errors.reduce((worst, error) => (Math.abs(error) > Math.abs(worst) ? error : worst));
    const withinTarget = errors.filter((error) => Math.abs(error) <= 0.2).length;
    const stats = await readEmulatorStats(stack.emulatorUrl);

    return {
      id: variant.keyQueues ? "many-customers-key-queues" : "many-customers",
      title: "Many customers at once",
      description:
        `${campaigns.length} campaigns (${sizes.join(", ")} properties; ${totalProperties} in all) are paid in that order, evenly over ` +
        `${paymentSpreadMs / 1000} s, with GEMINI_RPM=${geminiRpm}. Fairness: for each consecutive 30-second window from the first payment ` +
        "in which two or more campaigns were running for the whole window (paid before it starts, completed after it ends), Jain's index " +
        "over the properties each finished in the window. ETA: the progress endpoint of each campaign is polled every 2 s, and the ETA of " +
        "the first response at 50% or more is compared with the actual completion: (ETA − poll) / (completion − poll) − 1.",
      quick: options.quick,
      settings: { geminiRpm, campaigns: campaigns.length, properties: totalProperties, paymentSpreadSeconds: paymentSpreadMs / 1000, keyQueues: variant.keyQueues, ...options.latencies },
      metrics: [
        infoMetric("30 s windows with ≥ 2 campaigns running throughout", "windows", windows.length),
        compareMetric("Jain's index, median over windows", "", median(jains), ">=", 0.95),
        compareMetric("Jain's index, minimum over windows", "", jains.length === 0 ? null : Math.min(...jains), ">=", 0.85),
        infoMetric("Jain's index expected from counting noise alone, median over windows (estimate)", "", median(noiseJains)),
        infoMetric("Jain's index over 60 s windows, median", "", median(longJains)),
        infoMetric("Jain's index over 60 s windows, minimum", "", longJains.length === 0 ? null : Math.min(...longJains)),
        rangeMetric("ETA error at half way, median", "fraction", median(errors), -0.2, 0.2),
        rangeMetric("ETA error at half way, worst", "fraction", worstError, -0.2, 0.2),
        infoMetric("Campaigns with an ETA error within ±20%", "campaigns", `${withinTarget} of ${errors.length}`),
        infoMetric("Campaigns without an ETA at half way", "campaigns", campaigns.length - errors.length),
        infoMetric("First scored property after payment, median over campaigns", "s", median(firstScoredDelays)),
        infoMetric("First scored property after payment, max over campaigns", "s", firstScoredDelays.length ? Math.max(...firstScoredDelays) : null),
        infoMetric("Gemini 429 responses", "responses", stats.gemini.rateLimitedCount),
        compareMetric("Gemini calls in any 60 s window", "calls", stats.gemini.maxCallsInAnyWindow, "<=", geminiRpm),
        infoMetric("Progress requests that failed", "requests", poller.failedRequests()),
      ],
      tables: [
        {
          title: "Per campaign (times in seconds from the first payment)",
          header: ["Campaign", "Properties", "Paid", "First scored after payment", "Completed", "Half-way poll", "ETA shown", "ETA error"],
          rows: perCampaign.map(({ campaign, row, reading, error, firstScoredMs }) => [
            campaign.label,
            String(campaign.propertyCount),
            seconds(row.paidAtMs! - start),
            firstScoredMs === null ? "none" : seconds(firstScoredMs - row.paidAtMs!),
            seconds(row.completedAtMs! - start),
            reading ? `${seconds(reading.pollMs - start)} (${reading.percent}%)` : "none",
            reading?.estimatedCompletionMs != null ? seconds(reading.estimatedCompletionMs - start) : "none",
            error === null ? "n/a" : `${(error * 100).toFixed(0)}%`,
          ]),
        },
        {
          title: "Jain's index per 30 s window (finishes per running campaign)",
          header: ["Window start (s)", "Campaigns", "Jain", "Finishes"],
          rows: windows.map((window) => [seconds(window.start - start), String(window.campaignIds.length), window.jain.toFixed(3), window.finishes.join(" ")]),
        },
      ],
      details: { windows, readings: [...readings.values()] },
      notes: [],
    };
  });
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
