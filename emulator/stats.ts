/** Emulated provider APIs, as counted in the stats. */
export const apiNames = ["geocode", "streetViewMetadata", "streetViewImage", "gemini", "stripe", "resend"] as const;
export type ApiName = (typeof apiNames)[number];

export const defaultQuotaWindowMs = 60_000;

/** Counters of one emulator run, since start or the last reset. */
export interface EmulatorStats {
  /** Requests that reached each API, whatever their outcome. */
  requests: Record<ApiName, number>;
  /** Server errors sent because of the `errorRate` knob. */
  injectedErrors: Record<ApiName, number>;
  gemini: {
    /** Arrival time (ms since the epoch) of every call that passed the quota check, in order. */
    acceptedCallTimes: number[];
    /** 429 RESOURCE_EXHAUSTED responses sent by the quota. */
    rateLimitedCount: number;
    /** Responses made malformed on purpose by the `geminiMalformedRate` knob. */
    malformedCount: number;
    /** Maximum number of accepted calls in any window of `windowMs` (default 60,000 ms). */
    maxCallsInAnyWindow(windowMs?: number): number;
  };
  stripe: {
    sessionsCreated: number;
    sessionsPaid: number;
    refunds: number;
    refundedAmount: number;
    webhookDeliveriesSucceeded: number;
    webhookDeliveriesFailed: number;
  };
  emails: { sent: number };
}

/** JSON form of the stats, as `GET /_emulator/stats` returns them. */
export type EmulatorStatsJson = Omit<EmulatorStats, "gemini"> & {
  gemini: Omit<EmulatorStats["gemini"], "maxCallsInAnyWindow"> & { windowMs: number; maxCallsInAnyWindow: number };
};

/**
 * Returns the maximum number of times that fall in any window (t - windowMs, t].
 * The Gemini quota counts the same trailing window, so for accepted calls the result never
 * exceeds `geminiRpm`.
 */
export function maxCallsInAnyWindow(times: readonly number[], windowMs: number = defaultQuotaWindowMs): number {
  const sorted = [...times].sort((a, b) => a - b);
  let maximum = 0;
  let start = 0;

  for (let end = 0; end < sorted.length; end += 1) {
    const windowEnd = sorted[end] ?? 0;
    while ((sorted[start] ?? 0) <= windowEnd - windowMs) {
      start += 1;
    }
    maximum = Math.max(maximum, end - start + 1);
  }

  return maximum;
}

/** Mutable store of the counters behind `stats()`. */
export class StatsRecorder {
  private data = createEmptyData();

  countRequest(api: ApiName): void {
    this.data.requests[api] += 1;
  }

  countInjectedError(api: ApiName): void {
    this.data.injectedErrors[api] += 1;
  }

  recordGeminiAccepted(arrivalMs: number): void {
    this.data.gemini.acceptedCallTimes.push(arrivalMs);
  }

  countGeminiRateLimited(): void {
    this.data.gemini.rateLimitedCount += 1;
  }

  countGeminiMalformed(): void {
    this.data.gemini.malformedCount += 1;
  }

  countStripe(counter: Exclude<keyof EmulatorStats["stripe"], "refundedAmount">): void {
    this.data.stripe[counter] += 1;
  }

  addRefundedAmount(amount: number): void {
    this.data.stripe.refundedAmount += amount;
  }

  countEmailSent(): void {
    this.data.emails.sent += 1;
  }

  reset(): void {
    this.data = createEmptyData();
  }

  /** Returns a copy that later requests do not change. */
  snapshot(): EmulatorStats {
    const copy = structuredClone(this.data);
    const times = copy.gemini.acceptedCallTimes;
    return {
      ...copy,
      gemini: {
        ...copy.gemini,
        maxCallsInAnyWindow: (windowMs = defaultQuotaWindowMs) => maxCallsInAnyWindow(times, windowMs),
      },
    };
  }

  toJson(windowMs: number = defaultQuotaWindowMs): EmulatorStatsJson {
    const snapshot = this.snapshot();
    return {
      ...snapshot,
      gemini: {
        acceptedCallTimes: snapshot.gemini.acceptedCallTimes,
        rateLimitedCount: snapshot.gemini.rateLimitedCount,
        malformedCount: snapshot.gemini.malformedCount,
        windowMs,
        maxCallsInAnyWindow: snapshot.gemini.maxCallsInAnyWindow(windowMs),
      },
    };
  }
}

function createEmptyData() {
  const zeroPerApi = () => Object.fromEntries(apiNames.map((api) => [api, 0])) as Record<ApiName, number>;
  return {
    requests: zeroPerApi(),
    injectedErrors: zeroPerApi(),
    gemini: { acceptedCallTimes: [] as number[], rateLimitedCount: 0, malformedCount: 0 },
    stripe: {
      sessionsCreated: 0,
      sessionsPaid: 0,
      refunds: 0,
      refundedAmount: 0,
      webhookDeliveriesSucceeded: 0,
      webhookDeliveriesFailed: 0,
    },
    emails: { sent: 0 },
  };
}
