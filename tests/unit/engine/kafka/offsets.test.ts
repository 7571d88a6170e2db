/**
 * Committed offsets: records in `__consumer_offsets`, the latest per (group, topic, partition) wins,
 * and the committed offset is the next one to read.
 */
import { describe, expect, test } from 'vitest';
import { Broker, CONSUMER_OFFSETS_TOPIC, javaStringHashCode, kafkaAbs, offsetsPartitionFor } from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';

function brokerWith(topic = 'orders', numPartitions = 3): Broker {
  const broker = new Broker();
  broker.createTopic({ topic, numPartitions });
  return broker;
}

describe("which __consumer_offsets partition holds a group (Kafka: Utils.abs(groupId.hashCode()) % 50)", () => {
  test("Java's String.hashCode, on well-known values", () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('hello')).toBe(99162322);
    // The classic collision: 'A'*31 + 'a' = 'B'*31 + 'B' = 2112.
    expect(javaStringHashCode('Aa')).toBe(2112);
    expect(javaStringHashCode('BB')).toBe(2112);
    // The classic string whose hashCode is Integer.MIN_VALUE (Math.abs of it stays negative in Java).
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
  });

  test('Utils.abs maps Integer.MIN_VALUE to 0, other values to their absolute value', () => {
    expect(kafkaAbs(-2147483648)).toBe(0);
    expect(kafkaAbs(-5)).toBe(5);
    expect(kafkaAbs(7)).toBe(7);
  });

  test('the partition follows the formula', () => {
    expect(offsetsPartitionFor('hello')).toBe(99162322 % 50);
    expect(offsetsPartitionFor('polygenelubricants')).toBe(0);
    expect(offsetsPartitionFor('Aa')).toBe(offsetsPartitionFor('BB'));
    expect(offsetsPartitionFor('hello', 7)).toBe(99162322 % 7);
  });

  test('property: every group id maps by the formula (BigInt oracle), into range, the same every time', () => {
    // String.hashCode as its definition says: sum of s[i] * 31^(n-1-i), as a 32-bit int.
    const hashCode = (s: string) => Number(BigInt.asIntN(32, [...Array(s.length).keys()].reduce((h, i) => h * 31n + BigInt(s.charCodeAt(i)), 0n)));
    const random = new Random(5);
    let negative = 0;
    for (let i = 0; i < 500; i++) {
      const id = Array.from({ length: 1 + random.int(20) }, () => String.fromCharCode(32 + random.int(0x3000))).join('');
      const n = 1 + random.int(100);
      const h = hashCode(id);
      if (h < 0) negative++;
      const p = offsetsPartitionFor(id, n);
      // Utils.abs, not toPositive: a negative hashCode is negated, not masked.
      expect(p).toBe((h === -2147483648 ? 0 : Math.abs(h)) % n);
      expect(Number.isInteger(p) && p >= 0 && p < n).toBe(true);
      expect(offsetsPartitionFor(id, n)).toBe(p);
    }
    expect(negative).toBeGreaterThan(100);
  });
});

describe('committing and reading offsets', () => {
  test('a group that never committed a partition has no committed offset', () => {
    const broker = brokerWith();
    expect(broker.offsets.committed('g', 'orders', 0)).toBeUndefined();
    broker.offsets.commit('g', [{ topic: 'orders', partition: 1, offset: 4 }]);
    expect(broker.offsets.committed('g', 'orders', 0)).toBeUndefined();
    expect(broker.offsets.committed('g', 'nope', 0)).toBeUndefined();
  });

  test('the latest commit wins, even when it goes backwards', () => {
    const broker = brokerWith();
    for (const offset of [3, 10, 7]) broker.offsets.commit('g', [{ topic: 'orders', partition: 0, offset }]);
    expect(broker.offsets.committed('g', 'orders', 0)).toBe(7);
  });

  test('the committed offset is the next to read: a restarted reader resumes at the first unprocessed record', () => {
    const broker = brokerWith('orders', 1);
    broker.append('orders', 0, Array.from({ length: 8 }, (_, i) => ({ value: `order-${i}` })));
    // Process records 0..4, then commit the offset after the last processed one.
    const processed = broker.fetch('orders', 0, 0, 5);
    broker.offsets.commit('billing', [{ topic: 'orders', partition: 0, offset: processed[processed.length - 1].offset + 1 }]);
    const resumeAt = broker.offsets.committed('billing', 'orders', 0)!;
    expect(broker.fetch('orders', 0, resumeAt).map((r) => r.value)).toEqual(['order-5', 'order-6', 'order-7']);
  });

  test('groups are independent, and so are topics and partitions', () => {
    const broker = brokerWith();
    broker.createTopic({ topic: 'payments', numPartitions: 2 });
    broker.offsets.commit('a', [
      { topic: 'orders', partition: 0, offset: 5 },
      { topic: 'orders', partition: 1, offset: 6 },
      { topic: 'payments', partition: 0, offset: 7 },
    ]);
    broker.offsets.commit('b', [{ topic: 'orders', partition: 0, offset: 1 }]);
    expect(broker.offsets.committed('a', 'orders', 0)).toBe(5);
    expect(broker.offsets.committed('a', 'orders', 1)).toBe(6);
    expect(broker.offsets.committed('a', 'payments', 0)).toBe(7);
    expect(broker.offsets.committed('a', 'payments', 1)).toBeUndefined();
    expect(broker.offsets.committed('b', 'orders', 0)).toBe(1);
    expect(broker.offsets.committed('b', 'orders', 1)).toBeUndefined();
  });

  test('groups that share a __consumer_offsets partition stay independent ("Aa" and "BB" collide)', () => {
    const broker = brokerWith();
    expect(broker.offsets.partitionFor('Aa')).toBe(broker.offsets.partitionFor('BB'));
    broker.offsets.commit('Aa', [{ topic: 'orders', partition: 0, offset: 11 }]);
    broker.offsets.commit('BB', [{ topic: 'orders', partition: 0, offset: 22 }]);
    expect(broker.offsets.committed('Aa', 'orders', 0)).toBe(11);
    expect(broker.offsets.committed('BB', 'orders', 0)).toBe(22);
    expect(broker.offsets.committedOffsets('Aa')).toEqual([{ topic: 'orders', partition: 0, offset: 11 }]);
  });

  test('__consumer_offsets holds the commits, in the group\'s partition, one record per partition committed', () => {
    const broker = brokerWith();
    const p = offsetsPartitionFor('billing');
    broker.offsets.commit('billing', [
      { topic: 'orders', partition: 0, offset: 2 },
      { topic: 'orders', partition: 2, offset: 9 },
    ]);
    broker.offsets.commit('billing', [{ topic: 'orders', partition: 0, offset: 4 }]);
    expect(broker.highWatermark(CONSUMER_OFFSETS_TOPIC, p)).toBe(3);
    for (let q = 0; q < 50; q++) if (q !== p) expect(broker.highWatermark(CONSUMER_OFFSETS_TOPIC, q)).toBe(0);
    const records = broker.fetch(CONSUMER_OFFSETS_TOPIC, p, 0);
    expect(records.map((r) => [JSON.parse(r.key as string), JSON.parse(r.value as string)])).toEqual([
      [['billing', 'orders', 0], { offset: 2 }],
      [['billing', 'orders', 2], { offset: 9 }],
      [['billing', 'orders', 0], { offset: 4 }],
    ]);
    expect(broker.offsets.committedOffsets('billing')).toEqual([
      { topic: 'orders', partition: 0, offset: 4 },
      { topic: 'orders', partition: 2, offset: 9 },
    ]);
  });

  test('bad commits are refused before anything is written', () => {
    const broker = brokerWith();
    expect(() => broker.offsets.commit('g', [{ topic: 'orders', partition: 0, offset: 1 }, { topic: 'ordres', partition: 0, offset: 1 }])).toThrow(
      'Unknown topic "ordres". Topics: "__consumer_offsets", "orders".',
    );
    expect(() => broker.offsets.commit('g', [{ topic: 'orders', partition: 5, offset: 1 }])).toThrow(/no partition 5/);
    expect(() => broker.offsets.commit('g', [{ topic: 'orders', partition: 0, offset: -1 }])).toThrow(/cannot commit offset -1 for orders-0/);
    expect(() => broker.offsets.commit('', [{ topic: 'orders', partition: 0, offset: 1 }])).toThrow(/non-empty string/);
    expect(broker.offsets.committed('g', 'orders', 0)).toBeUndefined();
    expect(broker.highWatermark(CONSUMER_OFFSETS_TOPIC, broker.offsets.partitionFor('g'))).toBe(0);
  });

  test('property: after random commits by several groups, each (group, topic, partition) reads its last commit', () => {
    const random = new Random(17);
    const broker = brokerWith('t', 4);
    const groups = ['g1', 'g2', 'Aa', 'BB', 'consumers'];
    const last = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const group = random.pick(groups);
      const partition = random.int(4);
      const offset = random.int(1000);
      broker.offsets.commit(group, [{ topic: 't', partition, offset }]);
      last.set(`${group}/${partition}`, offset);
    }
    for (const group of groups) {
      for (let partition = 0; partition < 4; partition++) {
        expect(broker.offsets.committed(group, 't', partition), `${group} t-${partition}`).toBe(last.get(`${group}/${partition}`));
      }
    }
  });
});
