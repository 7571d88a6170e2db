/**
 * Kafka's murmur2: the 32-bit MurmurHash2 variant of the Java client's Utils.murmur2 (seed 0x9747b28c),
 * over the key's bytes. KafkaJS's default partitioner uses the same function, so a key lands on the
 * same partition whichever client produced it. Strings are hashed by their UTF-8 bytes, as Java's
 * `key.getBytes(UTF_8)` and KafkaJS's `Buffer.from(key)` do.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

const encoder = new TextEncoder();

/** What a key can be: a string (hashed as UTF-8) or raw bytes (a Buffer is a Uint8Array). */
export type KeyBytes = string | Uint8Array;

/** The UTF-8 bytes of a key, or the bytes themselves. */
export function keyBytes(key: KeyBytes): Uint8Array {
  return typeof key === 'string' ? encoder.encode(key) : key;
}

/** Java's murmur2 over the key's bytes, as a signed 32-bit integer (Java's int). */
export function murmur2(key: KeyBytes): number {
  const data = keyBytes(key);
  const length = data.length;
  let h = SEED ^ length;
  const aligned = length - (length % 4);
  // Math.imul is Java's int multiplication (wraps at 32 bits); `>>>` is Java's unsigned shift.
  for (let i = 0; i < aligned; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // The tail: Java's switch falls through from 3 to 2 to 1, and only then multiplies.
  const tail = length % 4;
  if (tail >= 3) h ^= data[aligned + 2] << 16;
  if (tail >= 2) h ^= data[aligned + 1] << 8;
  if (tail >= 1) h = Math.imul(h ^ data[aligned], M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * Kafka's Utils.toPositive: clears the sign bit. Not Math.abs: -1 becomes 2147483647, and
 * Integer.MIN_VALUE becomes 0 (Math.abs would leave it negative in Java).
 */
export function toPositive(x: number): number {
  return x & 0x7fffffff;
}
