/** Emulated provider latencies in milliseconds; the emulator adds a uniform ±jitterMs to each. */
export type Latencies = { geocodeMs: number; metadataMs: number; imageMs: number; geminiMs: number; jitterMs: number };

/** Settings shared by every scenario of one benchmark run. */
export type BenchOptions = {
  /** Small sizes for a smoke run of a few minutes; the figures are not comparable with a full run. */
  quick: boolean;
  latencies: Latencies;
  /** Seed of the generated address lists, so two runs score the same addresses. */
  seed: number;
  /** Temporary folder for the generated lists. */
  workDir: string;
  log: (line: string) => void;
};

/** Emulator knobs for a latency profile. */
export function latencyKnobs(latencies: Latencies): Record<string, number> {
  return {
    geocodeLatencyMs: latencies.geocodeMs,
    streetViewMetadataLatencyMs: latencies.metadataMs,
    streetViewImageLatencyMs: latencies.imageMs,
    geminiLatencyMs: latencies.geminiMs,
    latencyJitterMs: latencies.jitterMs,
  };
}

export const zeroLatencies: Latencies = { geocodeMs: 0, metadataMs: 0, imageMs: 0, geminiMs: 0, jitterMs: 0 };
