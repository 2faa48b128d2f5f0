/** Shortest throttle period planned; see planGeminiThrottle. */
const minPeriodSeconds = 2;

/**
 * Splits a Gemini budget of `requestsPerMinute` into `keys` throttle buckets that each admit one
 * call per `periodSeconds`. A bucket with limit 1 has no burst, so in any 60-second window the
 * buckets together admit at most keys × 60 / periodSeconds calls, which never exceeds the budget.
 * A single bucket with a larger limit is no substitute: after an idle spell it admits `limit` calls
 * at once, which overshoots a sliding window, and the engine's throttle periods are whole seconds.
 * Periods start at two seconds: the engine admits each run some tens of milliseconds after its
 * bucket frees (measured about 50 ms on the benchmark machine), which costs 5% of a 1 s period.
 */
export function planGeminiThrottle(requestsPerMinute: number): { keys: number; periodSeconds: number; callsPerMinute: number } {
  if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1) {
    throw new RangeError(`requestsPerMinute must be a positive integer, got ${requestsPerMinute}`);
  }

  let best = { keys: 1, periodSeconds: 60, callsPerMinute: 1 };
  for (let periodSeconds = minPeriodSeconds; periodSeconds <= 60; periodSeconds++) {
    const keys = Math.floor((requestsPerMinute * periodSeconds) / 60);
    if (keys < 1) continue;

    const callsPerMinute = (keys * 60) / periodSeconds;
    if (callsPerMinute > best.callsPerMinute + 1e-9) best = { keys, periodSeconds, callsPerMinute };
  }
  return best;
}
