import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

export async function startSink(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      // 1. Turn batch.messages into records: { partition, offset, value }.
      // 2. Write them as one object with store.put(key, records).
      // 3. Then commit the offset of the next record to read with consumer.commitOffsets([...]).
      // This placeholder writes nothing and commits nothing.
      void batch;
      void store;
    },
  });
}
