import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

// A fresh object name for every write, as a timestamp or a UUID would give.
let uploads = 0;

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      // 1. Write the batch. If the store fails, the error reaches KafkaJS, which fetches the batch again.
      await store.put(`events/${batch.partition}/${batch.firstOffset()}-upload-${++uploads}`, records);
      // 2. Only then commit, and commit the offset of the NEXT record to read.
      const next = String(Number(batch.lastOffset()) + 1);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    },
  });
}
