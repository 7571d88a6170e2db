// Mistake: writes poison messages into the store next to the clicks instead of sending them to the dead-letter topic.
import type { ConsumerConfig, Kafka, Message, StoreClient } from '@sai/kafka';

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

interface StoredClick {
  partition: number;
  offset: string;
  value: string | Uint8Array | null;
}

export async function startArchiver(kafka: Kafka, store: StoreClient, config: ConsumerConfig): Promise<void> {
  const consumer = kafka.consumer(config);
  const producer = kafka.producer();
  await consumer.connect();
  await producer.connect();
  await consumer.subscribe({ topics: ['events'], fromBeginning: true });

  await consumer.run({
    // One object per batch; KafkaJS commits the batch after this handler returns, so the dead
    // letters and the object are both written before the commit.
    eachBatch: async ({ batch }) => {
      const clicks: StoredClick[] = [];
      const deadLetters: Message[] = [];
      for (const message of batch.messages) {
        // Only parsing decides what is poison: a failed write must not turn a good click into a dead letter.
        try {
          parseClick(message.value);
        } catch {
          // Keep it with the clicks; someone can sort it out later.
        }
        clicks.push({ partition: batch.partition, offset: message.offset, value: message.value });
      }
      if (deadLetters.length > 0) await producer.send({ topic: 'events.dlq', messages: deadLetters });
      // A store error is thrown on: KafkaJS retries the batch, and the write succeeds later.
      if (clicks.length > 0) await store.put(`events/${batch.partition}/${batch.firstOffset()}`, clicks);
    },
  });
}
