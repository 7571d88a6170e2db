/**
 * The default partitioner: a key always lands on toPositive(murmur2(key)) % n (checked against the
 * test oracle, not the engine's murmur2); keyless messages go round-robin from a start drawn from the
 * run's seed; a named partition wins.
 */
import { describe, expect, test } from 'vitest';
import { DefaultPartitioner, keyPartition } from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';
import { beginRun, endRun } from '../../../../src/engine/kernel/run-context.ts';
import { generatedKeys, oraclePartition } from './oracle.ts';

/** Partitions of `count` keyless messages to one topic. */
function keyless(partitioner: DefaultPartitioner, numPartitions: number, count: number, topic = 'events'): number[] {
  return Array.from({ length: count }, () => partitioner.partition({ topic, numPartitions }));
}

describe('keyed messages', () => {
  test("KafkaJS's vectors, placed: '0' and '1' over 3 and 10 partitions", () => {
    // (971027396 & 0x7fffffff) % 3 = 971027396 % 3; -1993445489 & 0x7fffffff = 154038159.
    expect(keyPartition('0', 3)).toBe(971027396 % 3);
    expect(keyPartition('1', 10)).toBe(154038159 % 10);
    expect(keyPartition('1', 10)).toBe(9);
  });

  test('every generated key maps to the formula, within range, the same every time and for every seed', () => {
    const random = new Random(11);
    const keys = generatedKeys(500, () => random.next());
    const partitioners = [new DefaultPartitioner(1), new DefaultPartitioner(2), new DefaultPartitioner(-99)];
    for (const key of keys) {
      const n = 1 + random.int(64);
      const expected = oraclePartition(key, n);
      expect(expected >= 0 && expected < n).toBe(true);
      expect(keyPartition(key, n)).toBe(expected);
      for (const p of partitioners) {
        expect(p.partition({ topic: 'orders', numPartitions: n, key })).toBe(expected);
        expect(p.partition({ topic: 'other', numPartitions: n, key })).toBe(expected);
      }
    }
  });

  test('a key with a negative hash is not placed by Math.abs', () => {
    // murmur2('1') = -1993445489: toPositive gives 154038159 (-> 9 of 10), Math.abs 1993445489 (-> 9 too), so use 7.
    expect(keyPartition('1', 7)).toBe(154038159 % 7);
    expect(keyPartition('1', 7)).not.toBe(1993445489 % 7);
  });

  test('keyed messages do not move the keyless round-robin', () => {
    const a = new DefaultPartitioner(5);
    const b = new DefaultPartitioner(5);
    const first = keyless(a, 6, 3);
    for (let i = 0; i < 10; i++) b.partition({ topic: 'events', numPartitions: 6, key: `k${i}` });
    expect(keyless(b, 6, 3)).toEqual(first);
  });
});

describe('a named partition', () => {
  test('wins over the key and over the round-robin', () => {
    const p = new DefaultPartitioner(3);
    expect(p.partition({ topic: 't', numPartitions: 4, key: '0', partition: 2 })).toBe(2);
    expect(p.partition({ topic: 't', numPartitions: 4, partition: 0 })).toBe(0);
  });

  test('partition 0 counts as named (not as "no partition")', () => {
    const p = new DefaultPartitioner(3);
    const keyed = keyPartition('1', 10);
    expect(keyed).not.toBe(0);
    expect(p.partition({ topic: 't', numPartitions: 10, key: '1', partition: 0 })).toBe(0);
  });
});

describe('keyless messages', () => {
  test('go round-robin: each next partition is the one after the last, wrapping', () => {
    for (const n of [1, 2, 3, 7, 12]) {
      const placed = keyless(new DefaultPartitioner(42), n, 40);
      for (let i = 1; i < placed.length; i++) expect(placed[i]).toBe((placed[i - 1] + 1) % n);
    }
  });

  test('spread evenly: k rounds over n partitions give each partition k messages', () => {
    const random = new Random(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + random.int(20);
      const rounds = 1 + random.int(10);
      const counts = new Array<number>(n).fill(0);
      for (const p of keyless(new DefaultPartitioner(random.int(1e9)), n, n * rounds)) counts[p]++;
      expect(counts).toEqual(new Array<number>(n).fill(rounds));
    }
  });

  test("start after the seeded counter, as KafkaJS's toPositive(++counter) % n", () => {
    const p = new DefaultPartitioner(123);
    const start = p.counterStart('events');
    expect(Number.isInteger(start) && start >= -(2 ** 31) && start < 2 ** 31).toBe(true);
    expect(keyless(p, 5, 1)).toEqual([((start + 1) & 0x7fffffff) % 5]);
  });

  test('the same seed gives the same placement', () => {
    expect(keyless(new DefaultPartitioner(77), 8, 30)).toEqual(keyless(new DefaultPartitioner(77), 8, 30));
  });

  test('different seeds start at different places', () => {
    const starts = new Set<number>();
    for (let seed = 0; seed < 40; seed++) starts.add(keyless(new DefaultPartitioner(seed), 1000, 1)[0]);
    // 40 draws over 1000 partitions: a constant start would give 1.
    expect(starts.size).toBeGreaterThan(30);
  });

  test('each topic has its own counter', () => {
    const p = new DefaultPartitioner(9);
    const a1 = p.partition({ topic: 'a', numPartitions: 7 });
    p.partition({ topic: 'b', numPartitions: 7 });
    p.partition({ topic: 'b', numPartitions: 7 });
    expect(p.partition({ topic: 'a', numPartitions: 7 })).toBe((a1 + 1) % 7);
    const starts = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((t) => p.counterStart(t)));
    expect(starts.size).toBe(6);
  });

  test("the seed defaults to the run's seed", () => {
    const run = beginRun({ seed: 31337 });
    try {
      const p = new DefaultPartitioner();
      expect(p.seed).toBe(31337);
      expect(keyless(p, 9, 12)).toEqual(keyless(new DefaultPartitioner(31337), 9, 12));
    } finally {
      endRun(run);
    }
  });
});

describe('bad partition counts', () => {
  test('are refused with the value named', () => {
    expect(() => keyPartition('k', 0)).toThrow(/at least 1, got 0/);
    expect(() => new DefaultPartitioner(1).partition({ topic: 't', numPartitions: 2.5 })).toThrow(/got 2.5/);
  });
});
