// Mistake: buffers messages across batches and writes every 4 of them, while auto-commit commits each batch as soon as it is handled.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  const buffer: { partition: number; offset: string; value: unknown }[] = [];
  let uploads = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) buffer.push({ partition: batch.partition, offset: message.offset, value: message.value });
      if (buffer.length >= 4) {
        await store.put(`events/upload-${++uploads}`, buffer.splice(0));
      }
    },
  });
}
