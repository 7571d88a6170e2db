// Mistake: skips the write when an object with that name exists; after a restart with bigger batches, the old object lacks the batch's newer records.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      const next = String(Number(batch.lastOffset()) + 1);
      const key = `${batch.topic}/${batch.partition}/${batch.firstOffset()}`;
      if ((await store.get(key)) === undefined) await store.put(key, records);
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    },
  });
}
