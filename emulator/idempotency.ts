import { hashParts } from "./hashing";

/** A response saved under an idempotency key, sent again for every replay of that key. */
export interface SavedResponse {
  status: number;
  body: unknown;
}

export type IdempotencyCheck =
  | { kind: "new" }
  | { kind: "replay"; response: SavedResponse }
  /** The key was first used with a different method, path or body. */
  | { kind: "mismatch" }
  /** Another request with the key is still running. */
  | { kind: "in-progress" };

interface Entry {
  fingerprint: string;
  savedAtMs: number;
  response: SavedResponse | null;
}

/** Both Stripe and Resend keep idempotency keys for 24 hours. */
const keyLifetimeMs = 24 * 60 * 60 * 1000;

/**
 * Saved responses by idempotency key. A caller starts with `check`, then either `save`s the
 * response or `release`s the key when nothing should be remembered (for example after a
 * validation error), so a corrected retry with the same key runs normally.
 */
export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  /** Returns how to handle a request. A "new" result reserves the key until `save` or `release`. */
  check(key: string, request: { method: string; path: string; body: Buffer }, nowMs: number): IdempotencyCheck {
    this.dropExpired(nowMs);
    const fingerprint = hashParts(request.method, request.path, request.body).toString("hex");
    const entry = this.entries.get(key);

    if (!entry) {
      this.entries.set(key, { fingerprint, savedAtMs: nowMs, response: null });
      return { kind: "new" };
    }
    if (entry.fingerprint !== fingerprint) {
      return { kind: "mismatch" };
    }
    return entry.response ? { kind: "replay", response: entry.response } : { kind: "in-progress" };
  }

  save(key: string, response: SavedResponse, nowMs: number): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.set(key, { ...entry, savedAtMs: nowMs, response });
    }
  }

  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry && !entry.response) {
      this.entries.delete(key);
    }
  }

  reset(): void {
    this.entries.clear();
  }

  private dropExpired(nowMs: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.response && nowMs - entry.savedAtMs > keyLifetimeMs) {
        this.entries.delete(key);
      }
    }
  }
}
