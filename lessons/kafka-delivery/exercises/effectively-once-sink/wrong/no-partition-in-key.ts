// Mistake: leaves the partition out of the name, so batches of different partitions that start at the same offset replace each other.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      const next = String(Number(batch.lastOffset()) + 1);
      const key = `${batch.topic}/${batch.firstOffset()}`;
      await store.put(key, records);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    },
  });
}
