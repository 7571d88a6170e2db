import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

// A fresh object name for every write, as a timestamp or a UUID would give.
let uploads = 0;

export async function startLogger(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    // With auto-commit on, KafkaJS commits each batch after this handler returns: after the write.
    // That is the at-least-once order. A logger needs the other one.
    eachBatch: async ({ batch }) => {
      const lines = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      await store.put(`logs/${batch.partition}/upload-${++uploads}`, lines);
    },
  });
}
