import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";

import type { Knobs } from "./knobs";
import type { ApiName, StatsRecorder } from "./stats";

/** Shared services that every emulated API receives from the server. */
export interface EmulatorContext {
  knobs(): Knobs;
  stats: StatsRecorder;
  logger: Logger;
  /** Current time in ms since the epoch; injectable so quota tests need not wait. */
  now(): number;
  /** Source of the non-deterministic choices: injected errors, malformed responses, jitter. */
  random(): number;
  /** Base URL of the running emulator, such as http://127.0.0.1:4010. */
  baseUrl(): string;
  /** Aborted when the emulator closes, so pending delays and deliveries stop. */
  shutdownSignal: AbortSignal;
}

const latencyKnobs: Record<ApiName, keyof Knobs> = {
  geocode: "geocodeLatencyMs",
  streetViewMetadata: "streetViewMetadataLatencyMs",
  streetViewImage: "streetViewImageLatencyMs",
  gemini: "geminiLatencyMs",
  stripe: "stripeLatencyMs",
  resend: "resendLatencyMs",
};

/**
 * Waits for the API's configured latency plus uniform jitter in ±latencyJitterMs, never
 * less than 0 ms. Rejects with an AbortError when the emulator closes meanwhile.
 */
export async function simulateLatency(context: EmulatorContext, api: ApiName): Promise<void> {
  const knobs = context.knobs();
  const base = Number(knobs[latencyKnobs[api]]);
  const jitter = knobs.latencyJitterMs * (2 * context.random() - 1);
  const delayMs = Math.max(0, Math.round(base + jitter));

  if (delayMs > 0) {
    await sleep(delayMs, undefined, { signal: context.shutdownSignal });
  }
}

/**
 * Returns true when this request should fail with a server error under the `errorRate`
 * knob, and counts it.
 */
export function shouldInjectError(context: EmulatorContext, api: ApiName): boolean {
  const errorRate = context.knobs().errorRate;
  if (errorRate <= 0 || context.random() >= errorRate) {
    return false;
  }

  context.stats.countInjectedError(api);
  return true;
}
