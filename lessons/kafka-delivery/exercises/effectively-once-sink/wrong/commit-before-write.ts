// Mistake: right names, but commits before writing, so a crash between the two loses the batch.
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
      const key = `${batch.topic}/${batch.partition}/${batch.firstOffset()}`;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
      await store.put(key, records);
    },
  });
}
