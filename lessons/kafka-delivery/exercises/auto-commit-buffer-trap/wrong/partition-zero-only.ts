// Mistake: commits the written position to partition 0 whichever partition was written, so other partitions are never committed and partition 0 gets their offsets.
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
    // Nothing is committed behind our back: the only commits are the ones below, after a write.
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      const buffer = buffers.get(partition) ?? [];
      buffers.set(partition, buffer);
      buffer.push({ partition, offset: message.offset, value: message.value });
      if (buffer.length < FLUSH_EVERY) return;

      // A fresh buffer first, so the one being written is never touched again.
      buffers.set(partition, []);
      await store.put(`events/${partition}/${buffer[0].offset}`, buffer);
      // The committed offset is the next one to read: one past the last click written.
      const next = String(Number(message.offset) + 1);
      await consumer.commitOffsets([{ topic, partition: 0, offset: next }]);
    },
  });
}
