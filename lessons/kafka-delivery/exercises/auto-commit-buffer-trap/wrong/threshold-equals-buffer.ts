// Mistake: keeps auto-commit and sets autoCommitThreshold to the buffer size, hoping commits line up with writes; the runner still commits after every batch, and the threshold counts clicks of all partitions.
import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

/** How many clicks go into one object. */
const FLUSH_EVERY = 4;

interface StoredClick {
  partition: number;
  offset: string;
  value: string | Uint8Array | null;
}

export async function startArchiver(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });

  // One buffer per partition: an object and its commit always belong to one partition.
  const buffers = new Map<number, StoredClick[]>();

  await consumer.run({
    autoCommitThreshold: FLUSH_EVERY,
    eachMessage: async ({ partition, message }) => {
      const buffer = buffers.get(partition) ?? [];
      buffers.set(partition, buffer);
      buffer.push({ partition, offset: message.offset, value: message.value });
      if (buffer.length < FLUSH_EVERY) return;

      // A fresh buffer first, so the one being written is never touched again.
      buffers.set(partition, []);
      await store.put(`events/${partition}/${buffer[0].offset}`, buffer);
    },
  });
}
