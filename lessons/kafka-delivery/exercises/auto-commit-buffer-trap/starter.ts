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

  // Clicks wait here until there are enough of them for one object.
  const buffers = new Map<number, StoredClick[]>();

  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const buffer = buffers.get(partition) ?? [];
      buffers.set(partition, buffer);
      buffer.push({ partition, offset: message.offset, value: message.value });
      if (buffer.length === FLUSH_EVERY) {
        await store.put(`events/${partition}/${buffer[0].offset}`, buffer);
        buffers.set(partition, []);
      }
    },
  });
}
