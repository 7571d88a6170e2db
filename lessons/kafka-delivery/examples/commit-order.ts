import { describeCrashOutcome, exploreCrashes, Kafka, recordCrashMap, type KafkaCluster, type StoreClient } from '@sai/kafka';

// 2 partitions x 10 events. Values are 4 characters and a fetch takes up to 20 per partition: batches of 5.
async function setup(cluster: KafkaCluster) {
  cluster.createTopic({ topic: 'events', numPartitions: 2 });
  const messages = Array.from({ length: 20 }, (_, i) => ({ value: `e${String(i).padStart(3, '0')}`, partition: i % 2 }));
  await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'events', messages });
}

// The archiver: write each fetched batch as one object, and commit the next offset to read, in either order.
function batchSink(order: 'write-then-commit' | 'commit-then-write') {
  let uploads = 0; // every upload gets a fresh object name, as with a timestamp or a UUID
  return async (kafka: Kafka, store: StoreClient) => {
    const consumer = kafka.consumer({ groupId: 'archiver', maxBytesPerPartition: 20 });
    await consumer.connect();
    await consumer.subscribe({ topics: ['events'], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const records = batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset, value: m.value }));
        const write = () => store.put(`events/${batch.partition}/upload-${++uploads}`, records);
        const next = String(Number(batch.lastOffset()) + 1);
        const commit = () => consumer.commitOffsets([{ topic: 'events', partition: batch.partition, offset: next }]);
        if (order === 'write-then-commit') { await write(); await commit(); } else { await commit(); await write(); }
      },
    });
  };
}

// Run each order once per crash point (before and after every call), restart, and diff the sink against the log.
for (const order of ['write-then-commit', 'commit-then-write'] as const) {
  const report = await exploreCrashes({ setup, app: batchSink(order) });
  const count = (verdict: string) => report.singles.filter((s) => s.run.diff.verdict === verdict).length;
  console.log(`${order}: ${report.singles.length} crash points, ${count('exact')} exact, ${count('duplicate')} duplicate, ${count('lost')} lost`);
  const bad = report.singles.find((s) => s.run.diff.verdict !== 'exact');
  if (bad) console.log('  for example,', describeCrashOutcome(bad));
  recordCrashMap(report, order);
}
