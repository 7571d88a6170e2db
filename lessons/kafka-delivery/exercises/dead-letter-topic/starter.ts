import type { ConsumerConfig, Kafka, StoreClient } from '@sai/kafka';

/** What a click must look like; anything else on `events` is poison. */
interface Click {
  user: string;
  page: string;
}

/** Reads a message value as a click, or throws saying why it is not one. */
function parseClick(value: string | Uint8Array | null): Click {
  if (typeof value !== 'string') throw new Error('the value is not text');
  const data: unknown = JSON.parse(value); // throws a SyntaxError for anything that is not JSON
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('a click must be a JSON object');
  const { user, page } = data as Record<string, unknown>;
  if (typeof user !== 'string' || user === '') throw new Error('user must be a non-empty string');
  if (typeof page !== 'string' || !page.startsWith('/')) throw new Error("page must be a string starting with '/'");
  return { user, page };
}

export async function startArchiver(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  await consumer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });

  await consumer.run({
    // One object per batch; KafkaJS commits the batch after this handler returns.
    eachBatch: async ({ batch }) => {
      const clicks = batch.messages.map((message) => {
        parseClick(message.value); // only clicks may be archived
        return { partition: batch.partition, offset: message.offset, value: message.value };
      });
      await store.put(`events/${batch.partition}/${batch.firstOffset()}`, clicks);
    },
  });
}
