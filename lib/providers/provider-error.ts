/**
 * A failed call to an external provider. `retryable` separates passing faults (timeouts, 5xx,
 * quota) from permanent ones (a rejected key, a malformed request); `retryAfterMs` carries the
 * provider's Retry-After when it sent one.
 */
export class ProviderError extends Error {
  constructor(
    readonly provider: "google_maps" | "gemini" | "stripe" | "resend",
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** Reads a Retry-After header given in seconds or as an HTTP date; returns milliseconds. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;

  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);

  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Per-request time limit for provider calls, in milliseconds. */
export const providerTimeoutMs = 20_000;
