import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      // The name depends only on where the batch starts. A batch read again after a crash starts at the
      // committed offset, so it gets the same name and replaces the first copy instead of adding a second.
      await store.put(`${batch.topic}/${batch.partition}/${batch.firstOffset()}`, records);
      // Then commit, as an at-least-once sink does: the offset of the next record to read.
      const next = String(Number(batch.lastOffset()) + 1);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    },
  });
}
