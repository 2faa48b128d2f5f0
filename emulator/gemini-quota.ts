import { defaultQuotaWindowMs } from "./stats";

/**
 * Requests-per-minute quota over a sliding window: a call is accepted only if fewer than
 * `limit` calls were accepted in the trailing window (now - windowMs, now]. Rejected calls do
 * not count, so a client that backs off regains capacity as its old calls age out.
 */
export class SlidingWindowQuota {
  private acceptedTimes: number[] = [];

  constructor(private readonly windowMs: number = defaultQuotaWindowMs) {}

  /** Records and accepts the call when the quota allows it; a null limit accepts every call. */
  tryAccept(nowMs: number, limit: number | null): boolean {
    this.dropExpired(nowMs);
    if (limit !== null && this.acceptedTimes.length >= limit) {
      return false;
    }

    this.acceptedTimes.push(nowMs);
    return true;
  }

  reset(): void {
    this.acceptedTimes = [];
  }

  private dropExpired(nowMs: number): void {
    this.acceptedTimes = this.acceptedTimes.filter((time) => time > nowMs - this.windowMs);
  }
}
