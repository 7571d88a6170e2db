// Mistake: catches a failed store write, logs it and commits anyway, so the batch is never written.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

let uploads = 0;

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      const key = `events/${batch.partition}/${batch.firstOffset()}-upload-${++uploads}`;
      try {
        await store.put(key, records);
      } catch (error) {
        console.log('write failed, moving on:', (error as Error).message);
      }
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }]);
    },
  });
}
