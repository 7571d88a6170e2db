// Mistake: resolves the batch and calls commitOffsetsIfNecessary() with no offsets, which commits only when autoCommitInterval or autoCommitThreshold is due: here never.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

let uploads = 0;

export async function startLogger(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary();
      const lines = batch.messages.map((message) => ({ partition: batch.partition, offset: message.offset, value: message.value }));
      await store.put(`logs/${batch.partition}/upload-${++uploads}`, lines);
    },
  });
}
