/**
 * The Java consumer profile: positions move when poll() returns records, auto-commit happens inside
 * poll() for what earlier polls returned, commitSync commits positions, close commits with auto-commit.
 */
import { describe, expect, test } from 'vitest';
import { exploreCrashes, Kafka, KafkaCluster, type StoreClient } from '../../../../src/engine/kafka/index.ts';

async function logOf(cluster: KafkaCluster, partitions: number, perPartition: number): Promise<void> {
  cluster.createTopic({ topic: 'events', numPartitions: partitions });
  const producer = new Kafka({ brokers: cluster.brokers }).producer();
  for (let p = 0; p < partitions; p++) {
    await producer.send({ topic: 'events', messages: Array.from({ length: perPartition }, (_, i) => ({ value: `e${i}`, partition: p })) });
  }
}

describe('the Java consumer', () => {
  test("poll() advances the position past what it returns; auto-commit inside a later poll() commits those positions before anything is processed", async () => {
    const cluster = new KafkaCluster({ seed: 3 });
    await logOf(cluster, 1, 12);
    const seen: { polled: number[]; committedBefore: number | undefined; committedAfter: number | undefined; position: number | undefined }[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.javaConsumer({ 'group.id': 'g', 'auto.offset.reset': 'earliest', 'max.poll.records': 5, 'auto.commit.interval.ms': 1 });
      consumer.subscribe(['events']);
      for (let i = 0; i < 3; i++) {
        const committedBefore = consumer.committed('events', 0);
        const records = await consumer.poll(100);
        seen.push({ polled: records.map((r) => r.offset), committedBefore, committedAfter: consumer.committed('events', 0), position: consumer.position('events', 0) });
      }
    });
    await cluster.drain();
    expect(seen.map((s) => s.polled)).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]);
    expect(seen.map((s) => s.position)).toEqual([5, 10, 12]);
    // The first poll joins and sets the timer; the second commits what the first returned (5), the third what the second returned (10).
    expect(seen.map((s) => s.committedAfter)).toEqual([undefined, 5, 10]);
  });

  test('with auto-commit, a loop that buffers polled records and writes them later loses the buffer when it crashes after the commit inside poll()', async () => {
    const buffered = (autoCommit: boolean) => async (kafka: Kafka, store: StoreClient) => {
      const consumer = kafka.javaConsumer({ 'group.id': 'sink', 'auto.offset.reset': 'earliest', 'max.poll.records': 3, 'enable.auto.commit': autoCommit, 'auto.commit.interval.ms': 1 });
      consumer.subscribe(['events']);
      let buffer: { partition: number; offset: number }[] = [];
      for (;;) {
        const records = await consumer.poll(1000);
        buffer.push(...records.map((r) => ({ partition: r.partition, offset: r.offset })));
        if (buffer.length >= 6 || (records.length === 0 && buffer.length > 0)) {
          await store.put(`events/${buffer[0]!.partition}/${buffer[0]!.offset}`, buffer);
          buffer = [];
          if (!autoCommit) await consumer.commitSync();
        }
      }
    };
    const setup = (cluster: KafkaCluster) => logOf(cluster, 1, 12);
    const auto = await exploreCrashes({ setup, app: buffered(true) });
    expect(auto.clean.diff.verdict).toBe('exact');
    const losses = auto.singles.filter((p) => p.run.diff.lost.length > 0);
    expect(losses.length).toBeGreaterThan(0);
    expect(losses.every((p) => auto.clean.calls.slice(0, p.callIndex + (p.points[0]!.when === 'after' ? 1 : 0)).some((c) => (c.detail ?? '').includes('by auto-commit in poll()')))).toBe(true);
    // The second poll committed 3 (what the first returned) while those 3 records sat in the buffer: a crash before the write loses exactly them.
    const afterFirstAutoCommit = auto.singles.find((p) => p.description.startsWith('crash after commitOffsets(p0 -> 3) by auto-commit in poll()'))!;
    expect(afterFirstAutoCommit.run.diff.lost).toEqual([{ topic: 'events', partition: 0, offsets: [0, 1, 2] }]);

    const manual = await exploreCrashes({ setup, app: buffered(false) });
    expect(manual.clean.diff.verdict).toBe('exact');
    for (const point of manual.singles) expect(point.run.diff.lost, point.description).toEqual([]);
  });

  test('close() commits the positions when auto-commit is on, and leaves the group', async () => {
    const cluster = new KafkaCluster({ seed: 1 });
    await logOf(cluster, 2, 4);
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.javaConsumer({ 'group.id': 'g', 'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': 60_000 });
      consumer.subscribe(['events']);
      const records = await consumer.poll(100);
      expect(records).toHaveLength(8);
      await consumer.close();
    });
    await cluster.drain();
    expect(cluster.committed('g').map((c) => [c.partition, c.offset])).toEqual([[0, 4], [1, 4]]);
    expect(cluster.rebalances().at(-1)!.cause).toBe('leave');
  });

  test("auto.offset.reset 'latest' (the default) skips what was written before the group's first join", async () => {
    const cluster = new KafkaCluster({ seed: 1 });
    await logOf(cluster, 1, 5);
    let polled: number[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.javaConsumer({ 'group.id': 'g' });
      consumer.subscribe(['events']);
      polled = (await consumer.poll(100)).map((r) => r.offset);
    });
    await cluster.drain();
    expect(polled).toEqual([]);
  });

  test('bad configuration is refused with the config name', () => {
    const cluster = new KafkaCluster();
    const kafka = new Kafka({ brokers: cluster.brokers });
    expect(() => kafka.javaConsumer({} as never)).toThrow(/group\.id/);
    expect(() => kafka.javaConsumer({ 'group.id': 'g', 'max.poll.records': 0 })).toThrow(/max\.poll\.records/);
    expect(() => kafka.javaConsumer({ 'group.id': 'g', 'auto.offset.reset': 'none' as never })).toThrow(/auto\.offset\.reset/);
  });
});
