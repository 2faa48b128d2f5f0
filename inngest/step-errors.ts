import { NonRetriableError, RetryAfterError } from "inngest";
import { ProviderError } from "@/lib/providers/provider-error";

/**
 * Runs a provider call inside a step and states its retry policy to the engine: a permanent
 * provider failure stops retrying, a provider's Retry-After sets the next attempt, and anything
 * else is retried with the engine's backoff.
 */
export async function withRetryPolicy<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError && !error.retryable) {
      throw new NonRetriableError(error.message, { cause: error });
    }
    if (error instanceof ProviderError && error.retryAfterMs !== undefined) {
      throw new RetryAfterError(error.message, Math.max(1000, error.retryAfterMs), { cause: error });
    }
    throw error;
  }
}
