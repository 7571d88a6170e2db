// Mistake: uses eachMessage and writes one object per message instead of one object per batch.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      await store.put(`events/${partition}/${message.offset}`, [{ partition, offset: message.offset, value: message.value }]);
    },
  });
}
