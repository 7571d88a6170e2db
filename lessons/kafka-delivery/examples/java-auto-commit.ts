import { describeCrashOutcome, exploreCrashes, Kafka, recordCrashMap, type KafkaCluster, type StoreClient } from '@sai/kafka';

// The Java client's loop: poll, hand the records to a buffer, write the buffer every 6 records
// (and what is left when a poll finds nothing new).
// enable.auto.commit is true (the default); the interval is 1 ms here so every poll() commits.
async function archiver(kafka: Kafka, store: StoreClient) {
  const consumer = kafka.javaConsumer({ 'group.id': 'archiver', 'auto.offset.reset': 'earliest', 'max.poll.records': 3, 'auto.commit.interval.ms': 1 });
  consumer.subscribe(['clicks']);
  let buffer: { partition: number; offset: number }[] = [];
  for (;;) {
    const records = await consumer.poll(1000); // commits what earlier polls returned, then fetches
    buffer.push(...records.map((r) => ({ partition: r.partition, offset: r.offset })));
    if (buffer.length >= 6 || (records.length === 0 && buffer.length > 0)) {
      await store.put(`clicks/${buffer[0].offset}`, buffer);
      buffer = [];
    }
  }
}

async function twelveClicks(cluster: KafkaCluster) {
  cluster.createTopic({ topic: 'clicks', numPartitions: 1 });
  await new Kafka({ brokers: cluster.brokers }).producer().send({ topic: 'clicks', messages: Array.from({ length: 12 }, (_, i) => ({ value: `c${i}` })) });
}

// Crash the loop before and after each of its calls, restart it, and compare the store with the log.
const report = await exploreCrashes({ setup: twelveClicks, app: archiver });
for (const point of report.singles.filter((p, i) => i % 2 === 1)) console.log(describeCrashOutcome(point));
recordCrashMap(report, 'Crash map: a Java poll loop that buffers under auto-commit');
