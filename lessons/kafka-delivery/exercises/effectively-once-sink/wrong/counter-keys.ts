// Mistake: numbers the objects of each partition with a counter that starts again at 0 after a restart, so names repeat for different batches.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  const counters = new Map<number, number>(); // per partition, from 0 at every start
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      const next = String(Number(batch.lastOffset()) + 1);
      const n = counters.get(batch.partition) ?? 0;
      counters.set(batch.partition, n + 1);
      const key = `${batch.topic}/${batch.partition}/${n}`;
      await store.put(key, records);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    },
  });
}
