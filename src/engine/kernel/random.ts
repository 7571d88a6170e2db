/**
 * Seeded randomness. Every random choice a simulated system makes comes from here, so the same
 * seed gives the same partitions, offsets, crashes and traces on every run.
 */

/** Mixes two 32-bit integers into one well-spread 32-bit integer (murmur3's finalizer over a multiply). */
export function mix32(x: number, seed: number): number {
  let h = Math.imul((x | 0) ^ Math.imul(seed | 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

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

/** A seed for an independent stream (one per partition, per process, per call...), derived from a base seed. */
export function deriveSeed(seed: number, stream: number): number {
  return mix32(stream, seed);
}

/** A seeded random source with the helpers simulations need. */
export class Random {
  readonly seed: number;
  readonly #next: () => number;

  constructor(seed: number) {
    this.seed = seed | 0;
    this.#next = seededRandom(this.seed);
  }

  /** A number in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.#next() < p;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** An independent source for a sub-stream, the same for the same seed and stream. */
  fork(stream: number): Random {
    return new Random(deriveSeed(this.seed, stream));
  }
}
