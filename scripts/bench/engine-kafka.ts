/**
 * Kafka engine figures, in one process:
 *   - log throughput: 1,000,000 records produced to 12 partitions and consumed by a 4-member
 *     group (eachMessage, auto-commit), records per second of the whole produce + drain;
 *   - crash exploration: every single crash point of a consumer that writes and commits 10
 *     batches (2 partitions x 5 batches), the whole exploration's wall time.
 */
import { exploreCrashes, Kafka, KafkaCluster, type StoreClient } from '../../src/engine/kafka/index.ts';

const RECORDS = 1_000_000;
const PARTITIONS = 12;
const MEMBERS = 4;

async function logThroughput(): Promise<{ recordsPerSecond: number; consumed: number }> {
  const cluster = new KafkaCluster({ seed: 1, topics: [{ topic: 'events', numPartitions: PARTITIONS }], logCalls: false, budget: { maxSteps: 10_000_000 } });
  const kafka = new Kafka({ clientId: 'bench', brokers: cluster.brokers });
  const started = performance.now();
  const producer = kafka.producer();
  const chunk = 10_000;
  for (let sent = 0; sent < RECORDS; sent += chunk) {
    await producer.send({ topic: 'events', messages: Array.from({ length: chunk }, (_, i) => ({ key: `k${(sent + i) % 5000}`, value: 'v' })) });
  }
  let consumed = 0;
  for (let m = 0; m < MEMBERS; m++) {
    const consumer = kafka.consumer({ groupId: 'bench' });
    await consumer.subscribe({ topics: ['events'], fromBeginning: true });
    await consumer.run({ eachMessage: async () => void consumed++ });
  }
  const end = await cluster.drain();
  const seconds = (performance.now() - started) / 1000;
  if (end.reason !== 'idle') throw new Error(`the log bench did not drain: ${end.reason}`);
  return { recordsPerSecond: RECORDS / seconds, consumed };
}

async function tenBatchSink(): Promise<{ ms: number; points: number }> {
  const scenario = {
    async setup(cluster: KafkaCluster) {
      cluster.createTopic({ topic: 'events', numPartitions: 2 });
      const producer = new Kafka({ brokers: cluster.brokers }).producer();
      for (const partition of [0, 1]) await producer.send({ topic: 'events', messages: Array.from({ length: 20 }, (_, i) => ({ value: `v${i}`.padEnd(4, '.'), partition })) });
    },
    async app(kafka: Kafka, store: StoreClient) {
      const consumer = kafka.consumer({ groupId: 'sink', maxBytesPerPartition: 16 });
      await consumer.subscribe({ topics: ['events'], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          await store.put(`events/${batch.partition}/${batch.firstOffset()}`, batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset })));
          await consumer.commitOffsets([{ topic: 'events', partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }]);
        },
      });
    },
  };
  await exploreCrashes(scenario); // warm-up
  const started = performance.now();
  const report = await exploreCrashes(scenario);
  const ms = performance.now() - started;
  const batches = report.clean.calls.filter((c) => c.call === 'eachBatch').length;
  if (batches !== 10) throw new Error(`the crash bench should handle 10 batches, it handled ${batches}`);
  return { ms, points: report.singles.length };
}

export async function benchKafka() {
  const log = await logThroughput();
  const explore = await tenBatchSink();
  return { logRecordsPerSecond: log.recordsPerSecond, crashExploreMs: explore.ms, crashPoints: explore.points };
}

if (import.meta.main) console.log(await benchKafka());
