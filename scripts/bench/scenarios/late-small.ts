import { latencyKnobs, type BenchOptions } from "../bench-options";
import {
  countGeminiWork,
  readCampaign,
  readFinishTimes,
  readFirstScoredAt,
  sleep,
  uploadList,
  payCampaign,
  waitFor,
  type BenchCampaign,
} from "../bench-campaigns";
import { withBenchStack, type BenchStack } from "../bench-stack";
import { writeAddressList } from "../generate-list";
import { countInRange, isRateStable } from "../metrics";
import { compareMetric, infoMetric, type ScenarioOutcome } from "../scenario-result";

const bucketMs = 10_000;
/** Three 10-second buckets: A's finish rate must hold for 30 s before B is paid. */
const stableBuckets = 3;
const stableTolerance = 0.2;

export type LateSmallVariant = { keyQueues: boolean };

/**
 * Scenario late-small: a small campaign B is paid while a large campaign A runs at full speed.
 * Measures how soon B starts, how close it finishes to half the Gemini budget, whether A keeps
 * going, and how much better that is than running the campaigns one after the other.
 */
export async function runLateSmall(options: BenchOptions, variant: LateSmallVariant = { keyQueues: false }): Promise<ScenarioOutcome> {
  const sizes = options.quick ? { a: 250, b: 10 } : { a: 2000, b: 20 };
  const geminiRpm = 120;
  const steadyTimeoutMs = options.quick ? 120_000 : 300_000;
  const notes: string[] = [];

  const fileA = writeAddressList(options.workDir, "late-small-a", sizes.a, options.seed);
  const fileB = writeAddressList(options.workDir, "late-small-b", sizes.b, options.seed + 1);

  return withBenchStack(options, { geminiRpm, emulatorKnobs: latencyKnobs(options.latencies), keyQueues: variant.keyQueues }, async (stack) => {
    const campaignA = await uploadList(stack, fileA, "a");
    const campaignB = await uploadList(stack, fileB, "b");

    await payCampaign(stack, campaignA);
    options.log(`late-small: paid A (${campaignA.propertyCount} properties); waiting for a steady finish rate`);
    const steady = await waitForSteadyRate(stack, campaignA, steadyTimeoutMs, options.log);
    if (!steady) notes.push(`A's finish rate was not stable within ${steadyTimeoutMs / 1000} s; B was paid anyway.`);

    await payCampaign(stack, campaignB);
    const paidB = await readCampaign(stack.db, campaignB.campaignId);
    options.log(`late-small: paid B (${campaignB.propertyCount} properties); waiting for B to complete`);

    const completedB = await waitFor(
      async () => {
        const row = await readCampaign(stack.db, campaignB.campaignId);
        return row.completedAtMs === null ? null : row;
      },
      { timeoutMs: options.quick ? 300_000 : 900_000, intervalMs: 1000, what: "campaign B to complete" },
    );

    const bPaidMs = paidB.paidAtMs!;
    const bDoneMs = completedB.completedAtMs!;
    const finishesA = await readFinishTimes(stack.db, campaignA.campaignId);
    const firstScoredB = await readFirstScoredAt(stack.db, campaignB.campaignId);
    const geminiB = await countGeminiWork(stack.db, campaignB.campaignId);

    const rateWindowMs = stableBuckets * bucketMs;
    const singleRatePerMinute = (countInRange(finishesA, bPaidMs - rateWindowMs, bPaidMs) / rateWindowMs) * 60_000;
    const remainingA = campaignA.propertyCount - finishesA.filter((time) => time < bPaidMs).length;
    const finishesADuringB = countInRange(finishesA, bPaidMs, bDoneMs + 1);

    const actualSeconds = (bDoneMs - bPaidMs) / 1000;
    const idealSeconds = (geminiB.properties / (geminiRpm / 2)) * 60;
    const baselineSeconds = singleRatePerMinute > 0 ? ((remainingA + campaignB.propertyCount) / singleRatePerMinute) * 60 : null;

    return {
      id: variant.keyQueues ? "late-small-key-queues" : "late-small",
      title: "Small campaign paid while a large one runs",
      description:
        `Campaign A (${campaignA.propertyCount} properties) is paid first. Once A's finish rate has held within ±${stableTolerance * 100}% ` +
        `for ${rateWindowMs / 1000} s, campaign B (${campaignB.propertyCount}) is paid. The run stops when B completes. ` +
        `The fair-share ideal gives B half of the ${geminiRpm}/min Gemini budget for its properties that need a Gemini call. ` +
        "The FIFO baseline is one worker that finishes A's remaining properties before starting B, at A's rate over the 30 s before B's payment.",
      quick: options.quick,
      settings: { geminiRpm, propertiesA: campaignA.propertyCount, propertiesB: campaignB.propertyCount, keyQueues: variant.keyQueues, ...options.latencies },
      metrics: [
        compareMetric("B: first scored property after payment", "s", firstScoredB === null ? null : (firstScoredB - bPaidMs) / 1000, "<=", 10),
        infoMetric("B: completion after payment", "s", actualSeconds),
        infoMetric("B: fair-share ideal (Gemini properties at half the budget)", "s", idealSeconds),
        compareMetric("B: completion / fair-share ideal", "ratio", idealSeconds > 0 ? actualSeconds / idealSeconds : null, "<=", 1.25),
        infoMetric("A: properties finished during B's run", "properties", finishesADuringB),
        infoMetric("A: finish rate during B's run", "per min", actualSeconds > 0 ? finishesADuringB / (actualSeconds / 60) : null),
        infoMetric("A: single-campaign finish rate before B", "per min", singleRatePerMinute),
        infoMetric("A: properties remaining at B's payment", "properties", remainingA),
        infoMetric("B: single-worker FIFO baseline completion", "s", baselineSeconds),
        infoMetric("FIFO baseline / actual", "ratio", baselineSeconds === null ? null : baselineSeconds / actualSeconds),
      ],
      tables: [],
      details: {
        campaigns: [campaignSummary(campaignA), campaignSummary(campaignB)],
        geminiB,
        bPaidAt: new Date(bPaidMs).toISOString(),
        bCompletedAt: new Date(bDoneMs).toISOString(),
      },
      notes,
    };
  });
}

/** Polls A's finishes in 10-second buckets until the last three agree, or returns false at the timeout. */
async function waitForSteadyRate(stack: BenchStack, campaign: BenchCampaign, timeoutMs: number, log: (line: string) => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await sleep(2000);
    const finishes = await readFinishTimes(stack.db, campaign.campaignId);
    if (finishes.length === 0) continue;

    const now = Date.now();
    const bucketCount = Math.floor((now - finishes[0]!) / bucketMs);
    const counts = Array.from({ length: bucketCount }, (_, index) => {
      const end = now - (bucketCount - 1 - index) * bucketMs;
      return countInRange(finishes, end - bucketMs, end);
    });
    if (isRateStable(counts, stableBuckets, stableTolerance)) {
      log(`late-small: A is steady, last buckets ${counts.slice(-stableBuckets).join("/")} finishes per 10 s`);
      return true;
    }
  }
  return false;
}

function campaignSummary(campaign: BenchCampaign) {
  return { label: campaign.label, campaignId: campaign.campaignId, properties: campaign.propertyCount, uploadSeconds: campaign.uploadMs / 1000 };
}
