import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

// This is the at-least-once sink: every write gets a fresh name, so a batch read again after a crash
// is stored twice. Change the name so that a second write of the same batch replaces the first.
let uploads = 0;

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      await store.put(`${batch.topic}/${batch.partition}/upload-${++uploads}`, records);
      const next = String(Number(batch.lastOffset()) + 1);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    },
  });
}
