/** Shortest throttle period planned; see planGeminiThrottle. */
const minPeriodSeconds = 3;

/**
 * Splits a Gemini budget of `requestsPerMinute` into `keys` throttle buckets that each admit one
 * call per `periodSeconds`. A bucket with limit 1 has no burst, so in any 60-second window the
 * buckets together admit at most keys × 60 / periodSeconds calls, which never exceeds the budget.
 * A single bucket with a larger limit is no substitute: after an idle spell it admits `limit` calls
 * at once, which overshoots a sliding window, and the engine's throttle periods are whole seconds.
 * Periods start at three seconds. The engine admits each run some tens of milliseconds after its
 * bucket frees, and the bucket's next turn counts from that admission. A short period therefore
 * loses a share of the budget, and two seconds used 95% of it in the rate-budget benchmark. Under a full queue
 * the keys admit in step, once a period, so a property that just misses its key's turn waits a
 * whole period; four seconds made a late small campaign's finish vary by that much.
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
