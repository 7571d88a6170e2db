import { describe, expect, test } from 'vitest';
import { describeCrashOutcome, exploreCrashes, Kafka, type CrashScenario, type KafkaCluster, type StoreClient } from '../../../../src/engine/kafka/index.ts';

/** 2 partitions, 10 records each, batches of 5 (values are 4 characters, maxBytesPerPartition 20). */
async function tenPerPartition(cluster: KafkaCluster): Promise<void> {
  cluster.createTopic({ topic: 'events', numPartitions: 2 });
  const producer = new Kafka({ brokers: cluster.brokers }).producer();
  for (const partition of [0, 1]) {
    await producer.send({ topic: 'events', messages: Array.from({ length: 10 }, (_, i) => ({ value: `v${partition}-${i}`.padEnd(4, '.').slice(0, 4), partition })) });
  }
}

type Order = 'write-then-commit' | 'commit-then-write';
type Keys = 'upload-number' | 'first-offset';

/** upload-number keys name each upload anew (a retry writes a second object); first-offset keys make a retry overwrite. */
function batchSink(order: Order, keys: Keys = 'upload-number') {
  let uploads = 0;
  return async (kafka: Kafka, store: StoreClient) => {
    const consumer = kafka.consumer({ groupId: 'sink', maxBytesPerPartition: 20 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['events'], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const next = String(Number(batch.lastOffset()) + 1);
        const key = keys === 'first-offset' ? `events/${batch.partition}/${batch.firstOffset()}` : `events/${batch.partition}/${batch.firstOffset()}/upload-${++uploads}`;
        const write = () => store.put(key, batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset })));
        const commit = () => consumer.commitOffsets([{ topic: 'events', partition: batch.partition, offset: next }]);
        if (order === 'write-then-commit') {
          await write();
          await commit();
        } else {
          await commit();
          await write();
        }
      },
    });
  };
}

const scenario = (order: Order, keys?: Keys): CrashScenario => ({ setup: tenPerPartition, app: batchSink(order, keys) });

describe('crash explorer', () => {
  test('at-least-once (write, then commit): no crash point loses a record; a crash between a write and its commit duplicates exactly that batch', async () => {
    const report = await exploreCrashes(scenario('write-then-commit'));
    expect(report.clean.diff.verdict).toBe('exact');
    expect(report.clean.drain.reason).toBe('idle');
    expect(report.singles.length).toBe(report.clean.calls.length * 2);
    for (const point of report.singles) expect(point.run.diff.lost, describeCrashOutcome(point)).toEqual([]);
    const between = report.singles.filter((p) => p.description.startsWith('crash after put(') && p.description.includes('before commitOffsets('));
    expect(between.length).toBe(8); // 4 batches: "after put" and "before commitOffsets" are the same moment
    for (const point of between) {
      const key = /put\(events\/(\d)\/(\d+)\//.exec(point.description)!;
      const [partition, first] = [Number(key[1]), Number(key[2])];
      expect(point.run.diff.duplicated, describeCrashOutcome(point)).toEqual([{ topic: 'events', partition, offsets: [first, first + 1, first + 2, first + 3, first + 4] }]);
    }
  });

  test('at-most-once (commit, then write): never a duplicate; a crash between a commit and its write loses exactly that batch', async () => {
    const report = await exploreCrashes(scenario('commit-then-write'));
    expect(report.clean.diff.verdict).toBe('exact');
    for (const point of report.singles) expect(point.run.diff.duplicated, describeCrashOutcome(point)).toEqual([]);
    const between = report.singles.filter((p) => p.description.startsWith('crash after commitOffsets(') && p.description.includes('before put('));
    expect(between.length).toBe(8);
    for (const point of between) {
      const [, partition, first] = /put\(events\/(\d)\/(\d+)\//.exec(point.description)!.map(Number) as [number, number, number];
      expect(point.run.diff.lost).toEqual([{ topic: 'events', partition, offsets: [first, first + 1, first + 2, first + 3, first + 4] }]);
      expect(describeCrashOutcome(point)).toContain(`lost-write p${partition}:${first}-${first + 4}`);
    }
    expect(report.singles.filter((p) => p.run.diff.verdict === 'lost').length).toBeGreaterThanOrEqual(4);
  });

  test('an idempotent sink (write under a key made of partition and first offset, then commit) is exact at every single and double crash point', async () => {
    const report = await exploreCrashes({ ...scenario('write-then-commit', 'first-offset'), pairs: true });
    expect(report.pairs.length).toBeGreaterThan(report.singles.length);
    for (const point of [...report.singles, ...report.pairs]) expect(point.run.diff.verdict, describeCrashOutcome(point)).toBe('exact');
  });
});
