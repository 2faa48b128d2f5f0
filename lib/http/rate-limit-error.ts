import { AppError } from "@/lib/errors";
import { formatDuration } from "@/lib/http/format-duration";

export type RateLimitedAction = "upload" | "quote" | "checkout";

const actionNouns: Record<RateLimitedAction, string> = {
  upload: "uploads",
  quote: "price requests",
  checkout: "checkout attempts",
};

/** Builds the 429 error: how many are allowed per how long, and when to try again, in words and in Retry-After. */
export function rateLimitError(action: RateLimitedAction, limit: number, windowSeconds: number, counted: { windowEndsAt: Date; now: Date }): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((counted.windowEndsAt.getTime() - counted.now.getTime()) / 1000));
  const retryAt = new Date(counted.now.getTime() + retryAfterSeconds * 1000);
  const message =
    `Too many ${actionNouns[action]} from your address: ${limit} ${limit === 1 ? "is" : "are"} allowed per ${formatDuration(windowSeconds).replace(/^1 /, "")}. ` +
    `Try again in ${formatDuration(retryAfterSeconds)} (at ${retryAt.toISOString().slice(11, 19)} UTC).`;
  return new AppError(
    "rate_limited",
    message,
    { limit, windowSeconds, retryAfterSeconds, retryAt: retryAt.toISOString() },
    { "retry-after": String(retryAfterSeconds) },
  );
}
