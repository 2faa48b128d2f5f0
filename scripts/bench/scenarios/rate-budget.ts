import { latencyKnobs, type BenchOptions } from "../bench-options";
import { payCampaign, readPipelineIntervals, uploadList, waitForCompletion, type BenchCampaign } from "../bench-campaigns";
import { withBenchStack, type BenchStack } from "../bench-stack";
import { writeAddressList } from "../generate-list";
import { maxInAnyWindow, meanConcurrency, median, steadyRatePerMinute } from "../metrics";
import { sampleStepTimings, type StepTimings } from "../inspect-step-timings";
import { readEmulatorStats } from "../../stack/campaign-driver";
import { compareMetric, infoMetric, type DetailTable, type Metric, type ScenarioOutcome } from "../scenario-result";

const geminiRpm = 300;
const quotaWindowMs = 60_000;
/** Runs per function whose traces are read for the step timing tables. */
const timedRuns = 40;

/**
 * Scenario rate-budget: how much of the Gemini budget one campaign, then two campaigns together,
 * actually use, and whether any 60-second window goes over it.
 */
export async function runRateBudget(options: BenchOptions): Promise<ScenarioOutcome> {
  const size = options.quick ? 200 : 1000;
  // A quick run's calls last well under two minutes, so it trims 10 s at each end instead of 60 s.
  const trimMs = options.quick ? 10_000 : 60_000;
  const notes: string[] = [];

  const fileOne = writeAddressList(options.workDir, "budget-one", size, options.seed + 200);
  const fileTwoA = writeAddressList(options.workDir, "budget-two-a", size, options.seed + 201);
  const fileTwoB = writeAddressList(options.workDir, "budget-two-b", size, options.seed + 202);

  return withBenchStack(options, { geminiRpm, emulatorKnobs: latencyKnobs(options.latencies) }, async (stack) => {
    const alone = await uploadList(stack, fileOne, "alone");
    const twoA = await uploadList(stack, fileTwoA, "two-a");
    const twoB = await uploadList(stack, fileTwoB, "two-b");

    options.log(`rate-budget: one campaign of ${alone.propertyCount}`);
    const single = await measureBudgetUse(stack, [alone], trimMs, options);
    options.log(`rate-budget: two campaigns of ${twoA.propertyCount} and ${twoB.propertyCount}`);
    const pair = await measureBudgetUse(stack, [twoA, twoB], trimMs, options);

    for (const [label, use] of [["one campaign", single], ["two campaigns", pair]] as const) {
      if (use.steady === null) notes.push(`${label}: the calls lasted under ${2 * trimMs / 1000 + 10} s, too short for a steady-state rate.`);
    }

    return {
      id: "rate-budget",
      title: "Use of the Gemini budget",
      description:
        `GEMINI_RPM=${geminiRpm}, with the emulator's quota at the same value. One ${size}-property campaign runs to completion, then two ` +
        `${size}-property campaigns are paid together. The steady-state rate counts the emulator's accepted Gemini calls between ` +
        `${trimMs / 1000} s after the first call and ${trimMs / 1000} s before the last; the maximum counts accepted calls in any trailing 60 s window.`,
      quick: options.quick,
      settings: { geminiRpm, propertiesPerCampaign: size, trimSeconds: trimMs / 1000, ...options.latencies },
      metrics: [...budgetMetrics("one campaign", single), ...budgetMetrics("two campaigns", pair)],
      tables: [stepTimingTable("one campaign", single), stepTimingTable("two campaigns", pair)],
      details: { single, pair },
      notes,
    };
  });
}

type BudgetUse = {
  campaigns: number;
  calls: number;
  steady: { perMinute: number; count: number; spanMs: number } | null;
  maxIn60s: number;
  rateLimited: number;
  secondsToComplete: number;
  /** Time-averaged properties of one campaign between release and outcome, averaged over the campaigns. */
  meanInFlightPerCampaign: number;
  /** Mean and median seconds from a property's release to its outcome. */
  meanPipelineSeconds: number | null;
  medianPipelineSeconds: number | null;
  propertyTimings: StepTimings;
  geminiTimings: StepTimings;
  /** Finishes per minute of single-call properties in the steady window, by throttle slot. */
};

/** Pays the campaigns together, waits for all of them and reads the Gemini calls made since the payment. */
async function measureBudgetUse(stack: BenchStack, campaigns: BenchCampaign[], trimMs: number, options: BenchOptions): Promise<BudgetUse> {
  const before = await readEmulatorStats(stack.emulatorUrl);
  const startMs = Date.now();
  for (const campaign of campaigns) await payCampaign(stack, campaign);

  const total = campaigns.reduce((sum, campaign) => sum + campaign.propertyCount, 0);
  await waitForCompletion(stack.db, campaigns.map((campaign) => campaign.campaignId), {
    timeoutMs: Math.max(600_000, (total / geminiRpm) * 60_000 * 3),
  });

  const after = await readEmulatorStats(stack.emulatorUrl);
  const calls = after.gemini.acceptedCallTimes.filter((time) => time >= startMs);
  const intervals = await Promise.all(campaigns.map((campaign) => readPipelineIntervals(stack.db, campaign.campaignId)));
  const pipelineSeconds = intervals.flat().map((interval) => (interval.end - interval.start) / 1000);
  const use: BudgetUse = {
    campaigns: campaigns.length,
    calls: calls.length,
    steady: steadyRatePerMinute(calls, trimMs),
    maxIn60s: maxInAnyWindow(calls, quotaWindowMs),
    rateLimited: after.gemini.rateLimitedCount - before.gemini.rateLimitedCount,
    secondsToComplete: (Date.now() - startMs) / 1000,
    meanInFlightPerCampaign: intervals.map(meanConcurrency).reduce((sum, value) => sum + value, 0) / intervals.length,
    meanPipelineSeconds: pipelineSeconds.length ? pipelineSeconds.reduce((sum, value) => sum + value, 0) / pipelineSeconds.length : null,
    medianPipelineSeconds: median(pipelineSeconds),
    // Most properties are prepared in the Gemini run that released them, so score-property runs are
    // mostly the first wave, before the steady state.
    propertyTimings: await sampleStepTimings(stack.engineUrl, "score-property", startMs, timedRuns),
    geminiTimings: await sampleStepTimings(stack.engineUrl, "score-image-with-gemini", startMs + trimMs, timedRuns),
  };
  options.log(`rate-budget: ${use.calls} calls, steady ${use.steady?.perMinute.toFixed(1) ?? "n/a"}/min, max ${use.maxIn60s} in 60 s, ${use.rateLimited} × 429`);
  return use;
}

function budgetMetrics(label: string, use: BudgetUse): Metric[] {
  return [
    infoMetric(`${label}: steady-state Gemini calls`, "per min", use.steady?.perMinute ?? null),
    compareMetric(`${label}: steady-state share of the budget`, "%", use.steady ? (use.steady.perMinute / geminiRpm) * 100 : null, ">=", 95),
    compareMetric(`${label}: max calls in any 60 s window`, "calls", use.maxIn60s, "<=", geminiRpm),
    compareMetric(`${label}: Gemini 429 responses`, "responses", use.rateLimited, "=", 0),
    infoMetric(`${label}: accepted Gemini calls`, "calls", use.calls),
    infoMetric(`${label}: payment to completion`, "s", use.secondsToComplete),
    infoMetric(`${label}: properties in flight per campaign, time average`, "properties", use.meanInFlightPerCampaign),
    infoMetric(`${label}: release to outcome per property, mean`, "s", use.meanPipelineSeconds),
    infoMetric(`${label}: release to outcome per property, median`, "s", use.medianPipelineSeconds),
    // Little's law: to keep B calls per second busy while each property takes T seconds, B × T must be in flight.
    infoMetric(`${label}: properties in flight the budget needs at that time per property`, "properties", inFlightNeeded(use)),
  ];
}

/** Budget per second × mean seconds per property, or null without a mean. */
function inFlightNeeded(use: BudgetUse): number | null {
  if (!use.meanPipelineSeconds) return null;
  return (geminiRpm / 60) * use.meanPipelineSeconds;
}

function stepTimingTable(label: string, use: BudgetUse): DetailTable {
  const rows = [
    ...use.propertyTimings.steps.map((step) => ["score-property", step.name, String(step.count), formatMs(step.medianWaitMs), formatMs(step.medianDurationMs)]),
    ...use.geminiTimings.steps.map((step) => ["score-image-with-gemini", step.name, String(step.count), formatMs(step.medianWaitMs), formatMs(step.medianDurationMs)]),
  ];
  return {
    title:
      `Step timings, ${label} (medians over ${use.propertyTimings.runsInspected} score-property runs of median length ` +
      `${formatMs(use.propertyTimings.medianRunMs)} ms, from the payment on, and ${use.geminiTimings.runsInspected} Gemini runs, ` +
      "from the steady state on)",
    header: ["Function", "Step", "Steps", "Wait before it (ms)", "Duration (ms)"],
    rows,
  };
}

function formatMs(ms: number | null): string {
  return ms === null ? "n/a" : String(Math.round(ms));
}
