/**
 * Murmur3 (x86, 32-bit) hashing of values, the hash Spark SQL uses for hash partitioning (seed 42).
 * Integers hash as 4-byte ints, other integers as 8-byte longs, fractions by their IEEE-754 bits,
 * strings by their UTF-8 bytes, and a tuple chains its fields (each field's hash seeds the next).
 */
const SEED = 42;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixK1(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH1(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export function hashInt(i: number, seed: number): number {
  return fmix(mixH1(seed, mixK1(i)), 4);
}

function hashLongParts(low: number, high: number, seed: number): number {
  let h = mixH1(seed, mixK1(low));
  h = mixH1(h, mixK1(high));
  return fmix(h, 8);
}

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const encoder = new TextEncoder();

function hashNumber(x: number, seed: number): number {
  // -0 passes this test too: it equals 0 in JavaScript, so it must land where 0 lands.
  if ((x | 0) === x) return hashInt(x | 0, seed);
  if (Number.isSafeInteger(x)) {
    const high = Math.floor(x / 4294967296);
    return hashLongParts((x - high * 4294967296) | 0, high | 0, seed);
  }
  // Spark normalizes -0.0 to 0.0 and every NaN to one NaN before hashing join keys.
  f64[0] = x === 0 ? 0 : Number.isNaN(x) ? NaN : x;
  return hashLongParts(i32[0], i32[1], seed); // little-endian: [low, high]
}

function hashString(s: string, seed: number): number {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  const bytes: ArrayLike<number> = ascii ? { length: s.length } : encoder.encode(s);
  const at = ascii ? (i: number) => s.charCodeAt(i) : (i: number) => (bytes as Uint8Array)[i];
  const length = bytes.length;
  const aligned = length - (length % 4);
  let h = seed;
  for (let i = 0; i < aligned; i += 4) {
    h = mixH1(h, mixK1(at(i) | (at(i + 1) << 8) | (at(i + 2) << 16) | (at(i + 3) << 24)));
  }
  // Spark's hashUnsafeBytes mixes each trailing byte on its own (as a signed byte).
  for (let i = aligned; i < length; i++) h = mixH1(h, mixK1((at(i) << 24) >> 24));
  return fmix(h, length);
}

/** Murmur3 hash of a value with a seed; null and undefined leave the seed unchanged, like Spark. */
export function hashValue(x: unknown, seed: number = SEED): number {
  switch (typeof x) {
    case 'number':
      return hashNumber(x, seed);
    case 'string':
      return hashString(x, seed);
    case 'boolean':
      return hashInt(x ? 1 : 0, seed);
    case 'bigint':
      return hashLongParts(Number(BigInt.asIntN(32, x)), Number(BigInt.asIntN(32, x >> 32n)), seed);
    case 'undefined':
      return seed;
    case 'object': {
      if (x === null) return seed;
      if (Array.isArray(x)) {
        let h = seed;
        for (const v of x) h = hashValue(v, h);
        return h;
      }
      return hashString(JSON.stringify(x), seed);
    }
    default:
      return hashString(String(x), seed);
  }
}

/** Non-negative modulo, as Spark's Pmod: a negative hash still lands in [0, n). */
export function pmod(a: number, n: number): number {
  const r = a % n;
  // `+ 0` turns -0 (from e.g. -5 % 5) into 0, so callers can compare with ===.
  return r < 0 ? r + n : r + 0;
}

/**
 * The partition a key goes to: pmod(murmur3(key, 42), numPartitions). A null key leaves the seed
 * unchanged, so it goes to pmod(42, numPartitions), as in Spark.
 */
export function hashPartition(key: unknown, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions < 1) {
    throw new Error(`hashPartition: numPartitions must be a positive integer, got ${String(numPartitions)}`);
  }
  if (typeof key === 'number' && (key | 0) === key) return pmod(hashInt(key | 0, SEED), numPartitions);
  return pmod(hashValue(key, SEED), numPartitions);
}
