/**
 * Pure figures the benchmark derives from timestamps. Times are milliseconds since the epoch and
 * every window is half-open, [start, end), unless a function's documentation states another form.
 */

/** Returns the median, or null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Returns the nearest-rank percentile (`p` from 0 to 100), or null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (p < 0 || p > 100) throw new RangeError(`p must be between 0 and 100, got ${p}`);

  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/**
 * Jain's fairness index, (Σx)² / (n·Σx²): 1 when every value is equal, 1/n when one value takes
 * everything. Returns null for an empty list, and 1 when every value is zero because equal
 * zeros are an equal share.
 */
export function jainIndex(values: readonly number[]): number | null {
  if (values.length === 0) return null;

  const sum = values.reduce((total, value) => total + value, 0);
  const sumOfSquares = values.reduce((total, value) => total + value * value, 0);
  if (sumOfSquares === 0) return 1;
  return (sum * sum) / (values.length * sumOfSquares);
}

/** Counts the times in [start, end). */
export function countInRange(times: readonly number[], start: number, end: number): number {
  let count = 0;
  for (const time of times) if (time >= start && time < end) count++;
  return count;
}

/**
 * Returns the maximum number of times in any trailing window (t - windowMs, t], the window the
 * emulator's Gemini quota counts.
 */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let maximum = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[first]! <= sorted[last]! - windowMs) first++;
    maximum = Math.max(maximum, last - first + 1);
  }
  return maximum;
}

/**
 * Time-averaged number of intervals open at once between the first start and the last end: the
 * sum of their lengths over that span. Returns 0 for no intervals or a span of zero.
 */
export function meanConcurrency(intervals: ReadonlyArray<{ start: number; end: number }>): number {
  if (intervals.length === 0) return 0;

  const first = Math.min(...intervals.map((interval) => interval.start));
  const last = Math.max(...intervals.map((interval) => interval.end));
  if (last <= first) return 0;
  return intervals.reduce((sum, interval) => sum + (interval.end - interval.start), 0) / (last - first);
}

export type SteadyRate = { perMinute: number; count: number; spanMs: number };

/** Width of the window steadyRatePerMinute slides, a whole multiple of throttle periods of 1, 2, 3, 5 and 6 s. */
const steadyWindowMs = 30_000;
const steadyStepMs = 100;

/**
 * Rate per minute of the times between (first + trimMs) and (last - trimMs), which leaves out the
 * ramp-up and the tail. Returns null when fewer than `minimumSpanMs` remain.
 *
 * Calls can arrive in bursts, when the throttle's keys admit together once a period. Then count
 * over span depends on where the span's ends fall, by up to a whole burst. So the rate is the mean
 * count of a 30-second window slid over the span in 100 ms steps, which is exact for bursts at any
 * period that divides 30 s. A span shorter than the window falls back to count over span.
 */
export function steadyRatePerMinute(times: readonly number[], trimMs: number, minimumSpanMs = 10_000): SteadyRate | null {
  if (times.length < 2) return null;

  const sorted = [...times].sort((a, b) => a - b);
  const start = sorted[0]! + trimMs;
  const end = sorted[sorted.length - 1]! - trimMs;
  const spanMs = end - start;
  if (spanMs < minimumSpanMs) return null;

  const count = countInRange(sorted, start, end);
  if (spanMs < steadyWindowMs) return { perMinute: (count / spanMs) * 60_000, count, spanMs };

  let windows = 0;
  let counted = 0;
  for (let windowStart = start; windowStart + steadyWindowMs <= end; windowStart += steadyStepMs) {
    counted += countInRange(sorted, windowStart, windowStart + steadyWindowMs);
    windows++;
  }
  return { perMinute: (counted / windows / steadyWindowMs) * 60_000, count, spanMs };
}

/** Splits [start, end) into consecutive windows of `windowMs`; a shorter remainder at the end is dropped. */
export function consecutiveWindows(start: number, end: number, windowMs: number): Array<{ start: number; end: number }> {
  if (windowMs <= 0) throw new RangeError(`windowMs must be positive, got ${windowMs}`);

  const windows: Array<{ start: number; end: number }> = [];
  for (let windowStart = start; windowStart + windowMs <= end; windowStart += windowMs) {
    windows.push({ start: windowStart, end: windowStart + windowMs });
  }
  return windows;
}

/** One campaign's timeline: running from `startMs` (its payment) until `endMs` (its completion, or null while running). */
export type CampaignTimeline = { id: string; startMs: number; endMs: number | null; finishTimes: readonly number[] };

export type WindowFairness = { start: number; end: number; campaignIds: string[]; finishes: number[]; jain: number };

/**
 * Jain's index over the finishes of each window in which two or more campaigns were running for
 * the whole window. Windows with fewer such campaigns are left out.
 */
export function fairnessPerWindow(
  campaigns: readonly CampaignTimeline[],
  windows: ReadonlyArray<{ start: number; end: number }>,
): WindowFairness[] {
  const results: WindowFairness[] = [];
  for (const window of windows) {
    const active = campaigns.filter((campaign) => campaign.startMs <= window.start && campaign.endMs !== null && campaign.endMs >= window.end);
    if (active.length < 2) continue;

    const finishes = active.map((campaign) => countInRange(campaign.finishTimes, window.start, window.end));
    results.push({ ...window, campaignIds: active.map((campaign) => campaign.id), finishes, jain: jainIndex(finishes)! });
  }
  return results;
}

/**
 * True when the last `buckets` counts are all within `tolerance` (a fraction) of their mean and
 * that mean is above zero: the finish rate has been stable for that many buckets.
 */
export function isRateStable(bucketCounts: readonly number[], buckets: number, tolerance: number): boolean {
  if (bucketCounts.length < buckets) return false;

  const recent = bucketCounts.slice(-buckets);
  const mean = recent.reduce((total, count) => total + count, 0) / buckets;
  if (mean <= 0) return false;
  return recent.every((count) => Math.abs(count - mean) <= tolerance * mean);
}

/**
 * Relative error of a displayed ETA for the remaining time: (eta - poll) / (actual - poll) - 1.
 * Positive means the page promised a later finish than happened. Null when the campaign had
 * already finished at the poll.
 */
export function remainingTimeError(etaMs: number, pollMs: number, actualMs: number): number | null {
  const actualRemaining = actualMs - pollMs;
  if (actualRemaining <= 0) return null;
  return (etaMs - pollMs) / actualRemaining - 1;
}
