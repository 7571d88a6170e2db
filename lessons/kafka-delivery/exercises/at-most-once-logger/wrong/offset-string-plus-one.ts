// Mistake: adds 1 to the offset string: '5' + 1 is '51', a commit far past the batch.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

let uploads = 0;

export async function startLogger(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const lines = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      const key = `logs/${batch.partition}/upload-${++uploads}`;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: batch.lastOffset() + 1 }]);
      await store.put(key, lines);
    },
  });
}
