import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

// A fresh object name for every write, as a timestamp or a UUID would give.
let uploads = 0;

export async function startLogger(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      // 1. Commit first: the next offset to read is the one after the batch.
      const next = String(Number(batch.lastOffset()) + 1);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
      // 2. Then write. A crash in between loses this batch; no line is ever written twice.
      const lines = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      await store.put(`logs/${batch.partition}/upload-${++uploads}`, lines);
    },
  });
}
