/**
 * Golden values from Spark's own Murmur3 (x86, 32-bit, seed 42), the hash behind hashpartitioning: if these
 * drift, rows land in different partitions than in Spark and every partition-level picture is wrong.
 */
import { describe, expect, test } from 'vitest';
import { SparkSession, hashPartition } from '@sai/spark';
import { hashValue } from '../../../src/engine/spark/hash.ts';

describe("Murmur3 as Spark computes it (seed 42)", () => {
  test('ints hash as 4-byte ints', () => {
    expect([1, 2, 3, 4].map((i) => hashValue(i))).toEqual([-559580957, 1765031574, -1823081949, -397064898]);
  });

  test('longs hash as 8-byte longs, including the extremes', () => {
    expect(hashValue(1n)).toBe(0x99f0149d | 0);
    expect(hashValue(0n)).toBe(0x9c67b85d | 0);
    expect(hashValue(-1n)).toBe(0xc8008529 | 0);
    expect(hashValue(9223372036854775807n)).toBe(0xa05b5d7b | 0);
    expect(hashValue(-9223372036854775808n)).toBe(0xcd1e64fb | 0);
  });

  test('a whole number beyond the int range hashes as the long it is', () => {
    expect(hashValue(2 ** 40)).toBe(hashValue(2n ** 40n));
    expect(hashValue(-(2 ** 40))).toBe(hashValue(-(2n ** 40n)));
  });

  test('strings hash their UTF-8 bytes', () => {
    expect(hashValue('hello')).toBe(3286402344 | 0);
    expect(hashValue('bar')).toBe(2486176763 | 0);
    expect(hashValue('')).toBe(142593372);
    expect(hashValue('😁')).toBe(885025535);
    expect(hashValue('天地')).toBe(2395000894 | 0);
  });

  test('a double hashes as the long of its IEEE-754 bits', () => {
    expect(hashValue(1.5)).toBe(hashValue(0x3ff8000000000000n));
    expect(hashValue(-2.25)).toBe(hashValue(BigInt.asIntN(64, 0xc002000000000000n)));
  });

  test("several values chain, each hash seeding the next: Spark's hash('Spark', array(123), 2)", () => {
    expect(hashValue(['Spark', [123], 2])).toBe(-1321691492);
  });
});

describe('hashPartition = pmod(murmur3(key, 42), n)', () => {
  test('ints land where Spark puts them among 200 partitions', () => {
    expect(hashPartition(0, 200)).toBe(191);
    expect(hashPartition(1, 200)).toBe(43);
    expect(hashPartition(2, 200)).toBe(174);
  });

  test('null leaves the seed unchanged: pmod(42, 200) = 42', () => {
    expect(hashPartition(null, 200)).toBe(42);
  });

  test('-0 lands where 0 lands (Spark normalizes -0.0 before hashing)', () => {
    expect(hashPartition(-0, 200)).toBe(hashPartition(0, 200));
    expect(hashValue(-0)).toBe(hashValue(0));
  });
});

describe('hashpartitioning of several columns', () => {
  test("rows go where Spark's hash(a, b) sends them: each column's hash seeds the next, a null column is skipped", () => {
    const spark = new SparkSession({ conf: { 'spark.sql.adaptive.enabled': false } });
    const rows = [
      { a: 's0', b: 3 },
      { a: 'x', b: null },
      { a: null, b: 7 },
      { a: 'hello', b: 1 },
    ];
    const parts = spark.createDataFrame(rows).repartition(8, 'a', 'b').rdd.collectPartitions();
    for (const r of rows) {
      const where = parts.findIndex((p) => p.some((x) => x.a === r.a && x.b === r.b));
      expect(where, JSON.stringify(r)).toBe(hashPartition([r.a, r.b], 8));
    }
    expect(hashValue(['x', null])).toBe(hashValue('x'));
    expect(hashValue([null, 7])).toBe(hashValue(7));
  });
});
