/**
 * An independent transcription of Kafka's Utils.murmur2 for the tests: BigInt arithmetic reduced
 * mod 2^32 at each step (instead of the engine's Math.imul and int32 tricks) and Node's own UTF-8
 * encoder (instead of TextEncoder). Checked against published vectors in murmur2.test.ts before
 * it is trusted as an oracle for generated keys.
 */
import { Buffer } from 'node:buffer';

const MASK = 0xffffffffn;
const M = 0x5bd1e995n;

const u32 = (x: bigint) => x & MASK;
const toInt32 = (x: bigint) => Number(BigInt.asIntN(32, x));

export function oracleMurmur2(key: string | Uint8Array): number {
  const data = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const length = data.length;
  let h = u32(0x9747b28cn ^ BigInt(length));
  const length4 = Math.floor(length / 4);
  for (let i = 0; i < length4; i++) {
    let k = BigInt(data[4 * i]) + (BigInt(data[4 * i + 1]) << 8n) + (BigInt(data[4 * i + 2]) << 16n) + (BigInt(data[4 * i + 3]) << 24n);
    k = u32(k * M);
    k ^= k >> 24n;
    k = u32(k * M);
    h = u32(h * M);
    h ^= k;
  }
  const rest = length % 4;
  const base = length - rest;
  if (rest === 3) h ^= BigInt(data[base + 2]) << 16n;
  if (rest >= 2) h ^= BigInt(data[base + 1]) << 8n;
  if (rest >= 1) {
    h ^= BigInt(data[base]);
    h = u32(h * M);
  }
  h ^= h >> 13n;
  h = u32(h * M);
  h ^= h >> 15n;
  return toInt32(h);
}

/** Kafka's default placement of a keyed record, computed with the oracle. */
export function oraclePartition(key: string | Uint8Array, numPartitions: number): number {
  return (oracleMurmur2(key) & 0x7fffffff) % numPartitions;
}

/** Random keys for property tests: ASCII, multi-byte (2-, 3- and 4-byte UTF-8) and raw bytes, of lengths 0 to 40. */
export function generatedKeys(count: number, next: () => number): (string | Uint8Array)[] {
  const alphabet = ['a', 'Z', '0', '-', ' ', 'é', 'ß', '€', '天', '😁', '\u0000', '\u007f'];
  const keys: (string | Uint8Array)[] = [];
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 41);
    if (i % 5 === 4) {
      keys.push(Uint8Array.from({ length }, () => Math.floor(next() * 256)));
    } else {
      keys.push(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    }
  }
  return keys;
}
