import { z } from "zod";
import { listRunIds, queryEngine } from "./inspect-engine-runs";
import { median } from "./metrics";

/** Median time a sample of runs spent in each step, and between steps, read from the engine's traces. */
export type StepTimings = {
  runsInspected: number;
  /** Median run length, from the run's queue time to its end, in ms. */
  medianRunMs: number | null;
  /** Per step name: median ms from the end of the step before (or the run's queue time) to the step's start, and median ms the step took. */
  steps: Array<{ name: string; count: number; medianWaitMs: number | null; medianDurationMs: number | null }>;
};

const timedSpanSchema = z.object({
  name: z.string(),
  stepOp: z.string().nullable(),
  queuedAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
const traceSchema = z.object({
  data: z.object({ runTrace: timedSpanSchema.extend({ childrenSpans: z.array(timedSpanSchema) }) }),
});

/**
 * Reads up to `runs` completed runs of the function whose slug ends with `functionSuffix`,
 * queued at or after `sinceMs`, and summarises their step timings. Steps named with an attempt
 * number (score-image-attempt-2) are grouped under one name.
 */
export async function sampleStepTimings(engineUrl: string, functionSuffix: string, sinceMs: number, runs: number): Promise<StepTimings> {
  const runIds = await listRunIds(engineUrl, functionSuffix, sinceMs, runs);
  const runLengths: number[] = [];
  const waits = new Map<string, number[]>();
  const durations = new Map<string, number[]>();
  const offsets = new Map<string, number[]>();

  for (const runId of runIds) {
    const trace = traceSchema.parse(
      await queryEngine(
        engineUrl,
        "query($id: String!) { runTrace(runID: $id) { name stepOp queuedAt startedAt endedAt childrenSpans { name stepOp queuedAt startedAt endedAt } } }",
        { id: runId },
      ),
    ).data.runTrace;
    const runQueued = Date.parse(trace.queuedAt);
    if (trace.endedAt) runLengths.push(Date.parse(trace.endedAt) - runQueued);

    let previousEnd = runQueued;
    for (const span of trace.childrenSpans) {
      if (span.stepOp === null || !span.startedAt || !span.endedAt) continue;
      const name = span.name.replace(/-\d+$/, "-N");
      const started = Date.parse(span.startedAt);
      const ended = Date.parse(span.endedAt);
      push(waits, name, started - previousEnd);
      push(durations, name, ended - started);
      push(offsets, name, started - runQueued);
      previousEnd = ended;
    }
  }

  // Steps are listed in the order they usually start, whichever run happened to show them first.
  const names = [...durations.keys()].sort((a, b) => median(offsets.get(a)!)! - median(offsets.get(b)!)!);
  return {
    runsInspected: runIds.length,
    medianRunMs: median(runLengths),
    steps: names.map((name) => ({
      name,
      count: durations.get(name)!.length,
      medianWaitMs: median(waits.get(name) ?? []),
      medianDurationMs: median(durations.get(name)!),
    })),
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  map.set(key, [...(map.get(key) ?? []), value]);
}
