import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { clientKeyOf } from "@/lib/http/client-address";
import { logger } from "@/lib/logger";
import { rateLimitError, type RateLimitedAction } from "@/lib/http/rate-limit-error";

export type { RateLimitedAction };

export type RateLimitCount = {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the current window ends, by the database clock. */
  windowEndsAt: Date;
  /** The database clock when this request was counted. */
  now: Date;
};

/** Set after the first request without a usable client address was logged, so the warning is not repeated. */
let warnedUnknownClient = false;

/**
 * Counts one `action` by the client that sent `request` and throws a 429 with Retry-After once
 * the client is over its limit in the current fixed window (RATE_LIMIT_WINDOW_SECONDS long,
 * aligned to the epoch). Requests over the limit are counted too.
 */
export async function enforceRateLimit(request: Request, action: RateLimitedAction): Promise<void> {
  const config = getConfig();
  const limit = config.rateLimits[action];
  const windowSeconds = config.rateLimits.windowSeconds;
  const clientKey = clientKeyOf(request, config.trustedProxyHops);
  if (clientKey === "unknown" && !warnedUnknownClient) {
    warnedUnknownClient = true;
    logger.warn({ action, trustedProxyHops: config.trustedProxyHops }, "request without a client address counts under the shared key \"unknown\"");
  }

  const counted = await countRequest(action, clientKey, windowSeconds);
  if (counted.count <= limit) return;

  // One line per client and window, not one per rejected request.
  if (counted.count === limit + 1) logger.warn({ action, clientKey, limit, windowSeconds }, "rate limit reached; rejecting until the window ends");
  throw rateLimitError(action, limit, windowSeconds, counted);
}

/**
 * Adds one to the client's counter for the current window in one statement. The insert creates
 * the window's row, and a later or concurrent request's conflict increments it under the row
 * lock, so requests from any number of app instances are counted exactly. Window boundaries come
 * from the database clock, so instances with skewed clocks agree on them.
 */
export async function countRequest(bucket: string, clientKey: string, windowSeconds: number): Promise<RateLimitCount> {
  const db = getDb();
  const rows = await db.$queryRaw<Array<{ count: number; windowEndsAt: Date; now: Date }>>`
    INSERT INTO "RateLimitWindow" ("bucket", "clientKey", "windowSeconds", "windowStart", "expiresAt", "count")
    SELECT ${bucket}, ${clientKey}, ${windowSeconds}::integer, w.start, w.start + ${windowSeconds}::integer * interval '1 second', 1
    FROM (
      SELECT to_timestamp(floor(extract(epoch FROM statement_timestamp())::double precision / ${windowSeconds}::integer) * ${windowSeconds}::integer) AS start
    ) AS w
    ON CONFLICT ("bucket", "clientKey", "windowSeconds", "windowStart")
    DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count", "expiresAt" AS "windowEndsAt", statement_timestamp() AS "now"`;
  const row = rows[0];
  if (!row) throw new Error("rate limit counter returned no row");

  // The first request of a client's new window deletes windows that have ended, up to 500 rows at
  // a time, so the table contains little more than the current windows without a scheduled job.
  if (row.count === 1) {
    await db
      .$executeRaw`
        DELETE FROM "RateLimitWindow"
        WHERE ("bucket", "clientKey", "windowSeconds", "windowStart") IN (
          SELECT "bucket", "clientKey", "windowSeconds", "windowStart" FROM "RateLimitWindow"
          WHERE "expiresAt" < statement_timestamp() LIMIT 500
        )`
      .catch((error: unknown) => logger.warn({ err: error }, "clearing ended rate limit windows failed"));
  }
  return { count: Number(row.count), windowEndsAt: row.windowEndsAt, now: row.now };
}
