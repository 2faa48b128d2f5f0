import { latencyKnobs, type BenchOptions } from "../bench-options";
import { countByStatus, payCampaign, readCampaign, readFirstScoredAt, sleep, uploadList, waitFor } from "../bench-campaigns";
import { benchPorts, withBenchStack, type BenchStack } from "../bench-stack";
import { writeAddressList } from "../generate-list";
import { sampleRunLimits } from "../inspect-engine-runs";
import { median, percentile } from "../metrics";
import { findListeningPid } from "../../stack/listening-addresses";
import { readCommandLine } from "../process-usage";
import { sampleMemory } from "../sample-memory";
import { compareMetric, infoMetric, type ScenarioOutcome } from "../scenario-result";

const geminiRpm = 300;
/** Limits of the Inngest server v1.43.0 (pkg/consts/consts.go: DefaultMaxStepLimit, MaxEvents per send request, MaxStepOutputSize). */
const inngestLimits = { stepsPerRun: 1000, eventsPerSend: 5000, stepOutputBytes: 4 * 1024 * 1024 };

type StatusSample = { atMs: number; queued: number; pending: number; finished: number };

/**
 * Scenario large: a 50,000-property list from upload through the first minutes of processing.
 * Measures upload and start-up times, how many properties are in flight, the app's memory, the
 * campaign page's response time and how close the runs come to Inngest's limits.
 */
export async function runLarge(options: BenchOptions): Promise<ScenarioOutcome> {
  const size = options.quick ? 5000 : 50_000;
  const processingMs = options.quick ? 60_000 : 180_000;
  const pageIntervalMs = 1500;
  const runsPerFunction = 50;
  const file = writeAddressList(options.workDir, "large", size, options.seed + 400);

  return withBenchStack(options, { geminiRpm, emulatorKnobs: latencyKnobs(options.latencies) }, async (stack) => {
    const appPid = findListeningPid(benchPorts.app);
    if (appPid === null) throw new Error(`No process listens on port ${benchPorts.app}, where the app should be.`);
    const memory = sampleMemory(appPid, 500);
    const idleMiB = memory.peakSampledMiB();

    try {
      const campaign = await uploadList(stack, file, "large");
      const uploadPeakMiB = memory.peakSampledMiB();
      options.log(`large: uploaded ${campaign.propertyCount} properties in ${(campaign.uploadMs / 1000).toFixed(1)} s`);

      const payStartedMs = Date.now();
      await payCampaign(stack, campaign);
      const paid = await readCampaign(stack.db, campaign.campaignId);
      const paidMs = paid.paidAtMs!;
      const endMs = paidMs + processingMs;

      const token = encodeURIComponent(campaign.token);
      const [requestTimes, statusSamples, processingStartedMs, firstScoredMs] = await Promise.all([
        timeRequests(
          { page: `${stack.appUrl}/campaigns/${campaign.campaignId}?t=${token}`, progress: `${stack.appUrl}/api/campaigns/${campaign.campaignId}/progress?t=${token}` },
          pageIntervalMs,
          endMs,
        ),
        sampleStatuses(stack, campaign.campaignId, 5000, endMs),
        waitFor(async () => (await readCampaign(stack.db, campaign.campaignId)).processingStartedAtMs, { timeoutMs: 120_000, intervalMs: 250, what: "processing to start" }),
        waitFor(() => readFirstScoredAt(stack.db, campaign.campaignId), { timeoutMs: 120_000, intervalMs: 250, what: "the first scored property" }),
      ]);
      const memoryUse = memory.stop();
      options.log("large: reading runs from the Inngest engine");
      const runLimits = await sampleRunLimits(stack.engineUrl, payStartedMs - 60_000, ["start-campaign", "score-property", "score-image-with-gemini"], runsPerFunction);

      const pageTimes = requestTimes.page;
      const okTimes = pageTimes.filter((request) => request.status === 200).map((request) => request.ms);
      const progressTimes = requestTimes.progress.filter((request) => request.status === 200).map((request) => request.ms);
      const maxQueued = Math.max(...statusSamples.map((sample) => sample.queued));
      const consistent = statusSamples.every((sample) => sample.queued + sample.pending + sample.finished === campaign.propertyCount);
      const last = statusSamples[statusSamples.length - 1]!;

      return {
        id: "large",
        title: "Large list",
        description:
          `A ${campaign.propertyCount}-property list is uploaded and paid with GEMINI_RPM=${geminiRpm}; the run stops ${processingMs / 1000} s after ` +
          `the payment. The campaign page (HTML, with the token) is fetched every ${pageIntervalMs / 1000} s over those minutes, one request at a time, ` +
          "each followed by one request to the progress endpoint the page polls, to separate the page's own cost. " +
          "Memory is the app's listening process (next-server): VmRSS sampled every 0.5 s and the kernel's VmHWM at the end. " +
          "Step counts, step output sizes and events per send come from the Inngest engine's GraphQL API over the oldest completed runs " +
          "of each function (up to 50 each).",
        quick: options.quick,
        settings: { geminiRpm, properties: campaign.propertyCount, processingSeconds: processingMs / 1000, ...options.latencies },
        metrics: [
          infoMetric("Upload request until the draft campaign exists", "s", campaign.uploadMs / 1000),
          infoMetric("Payment to processing", "s", (processingStartedMs - paidMs) / 1000),
          compareMetric("Payment to first scored property", "s", (firstScoredMs - paidMs) / 1000, "<=", 10),
          infoMetric("Properties queued at once, max over samples", "properties", maxQueued),
          infoMetric(`Properties still pending at ${processingMs / 1000} s`, "properties", last.pending),
          infoMetric("Every sample: queued + pending + finished = list size", "", consistent ? "yes" : "no"),
          compareMetric("App memory, VmHWM at the end", "MiB", memoryUse.highWaterMarkMiB, "<=", 600),
          infoMetric("App memory, max sampled VmRSS", "MiB", memoryUse.peakSampledMiB),
          infoMetric("App memory, max sampled VmRSS up to the end of the upload", "MiB", uploadPeakMiB),
          infoMetric("App memory, VmRSS before the upload", "MiB", idleMiB),
          infoMetric("Campaign page requests (HTTP 200 of all)", "requests", `${okTimes.length} of ${pageTimes.length}`),
          compareMetric("Campaign page response time, p95", "ms", percentile(okTimes, 95), "<=", 300),
          infoMetric("Campaign page response time, median", "ms", median(okTimes)),
          infoMetric("Campaign page response time, max", "ms", okTimes.length ? Math.max(...okTimes) : null),
          infoMetric("Progress endpoint (JSON) response time, p95", "ms", percentile(progressTimes, 95)),
          infoMetric("Progress endpoint (JSON) response time, median", "ms", median(progressTimes)),
          compareMetric("Max steps in one run (engine API)", "steps", runLimits.maxStepsInOneRun, "<=", inngestLimits.stepsPerRun),
          compareMetric("Max events in one step.sendEvent (engine API)", "events", runLimits.maxEventsInOneSend, "<=", inngestLimits.eventsPerSend),
          compareMetric("Max step output (engine API)", "bytes", runLimits.maxStepOutputBytes, "<=", inngestLimits.stepOutputBytes),
        ],
        tables: [],
        details: { appProcess: { pid: appPid, command: readCommandLine(appPid) }, statusSamples, runLimits, requestTimes },
        notes: [
          `Runs inspected: ${Object.entries(runLimits.runsByFunction).map(([name, count]) => `${count} ${name}`).join(", ")}. ` +
            `The most steps were in ${runLimits.maxStepsFunction ?? "none"}, the largest output in ${runLimits.maxStepOutputStep ?? "none"}. ` +
            "A Gemini retry is a run of its own, so no run grows with retries. score-property's code allows at most 4 steps: " +
            "2 lookups, the outcome with the next property's preparation, and 1 send. score-image-with-gemini's allows at most 3: " +
            "the call, the outcome with the next property's preparation and 1 send, or the call, a wait and 1 send.",
        ],
      };
    } finally {
      memory.stop();
    }
  });
}

type TimedRequest = { status: number; ms: number };

/**
 * Fetches each URL of `urls` in turn every `intervalMs` until `endMs`, one request at a time, and
 * returns each request's status (0 when it failed) and duration per URL name.
 */
async function timeRequests<Name extends string>(urls: Record<Name, string>, intervalMs: number, endMs: number): Promise<Record<Name, TimedRequest[]>> {
  const names = Object.keys(urls) as Name[];
  const times = Object.fromEntries(names.map((name) => [name, [] as TimedRequest[]])) as Record<Name, TimedRequest[]>;
  while (Date.now() < endMs) {
    const round = performance.now();
    for (const name of names) times[name].push(await timeOneRequest(urls[name]));
    await sleep(Math.max(0, intervalMs - (performance.now() - round)));
  }
  return times;
}

async function timeOneRequest(url: string): Promise<TimedRequest> {
  const started = performance.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await response.text();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

async function sampleStatuses(stack: BenchStack, campaignId: string, intervalMs: number, endMs: number): Promise<StatusSample[]> {
  const samples: StatusSample[] = [];
  while (Date.now() < endMs) {
    const counts = await countByStatus(stack.db, campaignId);
    const queued = counts.queued ?? 0;
    const pending = counts.pending ?? 0;
    const finished = Object.entries(counts).reduce((sum, [status, count]) => (status === "queued" || status === "pending" ? sum : sum + count), 0);
    samples.push({ atMs: Date.now(), queued, pending, finished });
    await sleep(intervalMs);
  }
  return samples;
}
