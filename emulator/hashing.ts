import { createHash } from "node:crypto";

/**
 * Deterministic hashing helpers. The properties of emulated places, panoramas and images derive
 * from these, so the same input produces the same output across runs and machines.
 */

/** Returns the SHA-256 digest of the parts, each separated by a NUL byte. */
export function hashParts(...parts: Array<string | Uint8Array>): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest();
}

/** Returns a number in [0, 1) derived from the parts. */
export function hashToUnit(...parts: Array<string | Uint8Array>): number {
  return hashParts(...parts).readUInt32BE(0) / 2 ** 32;
}

/** Returns an unsigned 32-bit integer derived from the parts. */
export function hashToUint32(...parts: Array<string | Uint8Array>): number {
  return hashParts(...parts).readUInt32BE(0);
}

/**
 * Creates a seeded pseudo-random generator (mulberry32) that returns numbers in [0, 1).
 * It is for drawing scenes, where a short repeatable sequence matters more than quality.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}
