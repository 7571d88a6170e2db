// Mistake: commits message.offset (the line's own offset, not the next one) and writes one object per line with eachMessage.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startLogger(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await consumer.commitOffsets([{ topic, partition, offset: message.offset }]);
      await store.put(`logs/${partition}/${message.offset}`, [{ partition, offset: message.offset, value: message.value }]);
    },
  });
}
