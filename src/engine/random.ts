/**
 * Seeded randomness. Every random choice in the engine comes from here so that the same seed gives the
 * same partitions, metrics and traces on every run.
 */
import { hashInt } from './hash.ts';

/** mulberry32: a tiny, fast 32-bit PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for an independent stream (e.g. one per call, per partition), derived from a base seed. */
export function deriveSeed(seed: number, stream: number): number {
  return hashInt(stream | 0, seed | 0);
}
