/**
 * The KafkaJS-like producer (kafka.producer().send): keyed records land on
 * toPositive(murmur2(key)) % partitions, keyless ones go round-robin (consecutive partitions from a
 * seeded start), and send answers with one RecordMetadata per partition written.
 */
import { describe, expect, test } from 'vitest';
import { Kafka } from '../../../../src/engine/kafka/index.ts';
import { makeCluster, range, TOPIC } from './client-fixtures.ts';
import { oraclePartition } from './oracle.ts';

/** Where each value landed, read back from the logs. */
function placement(cluster: ReturnType<typeof makeCluster>): Map<string, number> {
  const where = new Map<string, number>();
  for (let p = 0; p < cluster.partitionCount(TOPIC); p++) for (const record of cluster.records(TOPIC, p)) where.set(String(record.value), p);
  return where;
}

describe('keyed records', () => {
  test("land on murmur2's partition: KafkaJS's vectors '0' -> 971027396 and '1' -> -1993445489", async () => {
    const cluster = makeCluster(4);
    await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: TOPIC, messages: [{ key: '0', value: 'zero' }, { key: '1', value: 'one' }] });
    const where = placement(cluster);
    expect(where.get('zero')).toBe((971027396 & 0x7fffffff) % 4);
    expect(where.get('one')).toBe((-1993445489 & 0x7fffffff) % 4);
  });

  test('one key always lands on one partition, in the order sent, whatever the producer', async () => {
    const cluster = makeCluster(6);
    const keys = ['user-1', 'user-2', 'user-3', 'ü-4', 'order#5'];
    for (const round of [0, 1, 2]) {
      const producer = new Kafka({ brokers: cluster.brokers }).producer();
      await producer.send({ topic: TOPIC, messages: keys.map((key) => ({ key, value: `${key}@${round}` })) });
    }
    for (const key of keys) {
      const partition = oraclePartition(key, 6);
      const values = cluster.records(TOPIC, partition).filter((r) => r.key === key).map((r) => r.value);
      expect(values).toEqual([0, 1, 2].map((round) => `${key}@${round}`));
    }
  });
});

describe('keyless records', () => {
  test('go round-robin: each to the partition after the previous one, across sends and producers', async () => {
    const cluster = makeCluster(4);
    const kafka = new Kafka({ brokers: cluster.brokers });
    await kafka.producer().send({ topic: TOPIC, messages: range(0, 6).map((i) => ({ value: `m${i}` })) });
    await kafka.producer().send({ topic: TOPIC, messages: range(6, 10).map((i) => ({ value: `m${i}` })) });
    const where = placement(cluster);
    const start = where.get('m0')!;
    expect(range(0, 10).map((i) => where.get(`m${i}`))).toEqual(range(0, 10).map((i) => (start + i) % 4));
  });

  test('the start of the round-robin comes from the seed: the same seed places them the same way', async () => {
    const places = async (seed: number) => {
      const cluster = makeCluster(5, { seed });
      await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: TOPIC, messages: range(0, 3).map((i) => ({ value: `m${i}` })) });
      return [...placement(cluster)];
    };
    expect(await places(11)).toEqual(await places(11));
  });

  test('a message that names its partition goes there, key or not', async () => {
    const cluster = makeCluster(3);
    await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: TOPIC, messages: [{ key: '0', value: 'pinned', partition: 2 }] });
    expect(placement(cluster).get('pinned')).toBe(2);
  });
});

describe('send', () => {
  test('answers one RecordMetadata per partition written, by partition, with the base offset as a string', async () => {
    const cluster = makeCluster(3);
    const producer = new Kafka({ brokers: cluster.brokers }).producer();
    await producer.send({ topic: TOPIC, messages: [{ value: 'a', partition: 2 }] });
    const metadata = await producer.send({
      topic: TOPIC,
      messages: [
        { value: 'b', partition: 2 },
        { value: 'c', partition: 0 },
        { value: 'd', partition: 2 },
      ],
    });
    expect(metadata).toEqual([
      { topicName: TOPIC, partition: 0, errorCode: 0, baseOffset: '0', logAppendTime: '-1', logStartOffset: '0' },
      { topicName: TOPIC, partition: 2, errorCode: 0, baseOffset: '1', logAppendTime: '-1', logStartOffset: '0' },
    ]);
  });

  test('to an unknown topic it rejects and writes nothing', async () => {
    const cluster = makeCluster(1);
    await expect(new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'nope', messages: [{ value: 'x' }] })).rejects.toThrow(/Unknown topic "nope"/);
    expect(cluster.highWatermark(TOPIC, 0)).toBe(0);
  });

  test('inside an app it takes virtual time (2 ms by default) and stamps records with it', async () => {
    const cluster = makeCluster(1);
    const times: number[] = [];
    cluster.start('producer', async (kafka: Kafka) => {
      const producer = kafka.producer();
      times.push(cluster.now);
      await producer.send({ topic: TOPIC, messages: [{ value: 'x' }] });
      times.push(cluster.now);
    });
    expect((await cluster.drain()).reason).toBe('drained');
    expect(times).toEqual([0, 2]);
    expect(cluster.records(TOPIC, 0)[0]!.timestamp).toBe(2);
  });
});
