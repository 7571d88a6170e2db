// Mistake: wraps parsing AND the store write in one try/catch, writing each click on its own: when the store answers 503, a good click is sent to the dead-letter topic as if it were poison.
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
      const deadLetters: Message[] = [];
      for (const message of batch.messages) {
        // Only parsing decides what is poison: a failed write must not turn a good click into a dead letter.
        try {
          parseClick(message.value);
          await store.put(`events/${batch.partition}/${message.offset}`, [{ partition: batch.partition, offset: message.offset, value: message.value }]);
        } catch (error) {
          deadLetters.push({
            key: message.key,
            value: message.value,
            headers: {
              'original-topic': batch.topic,
              'original-partition': String(batch.partition),
              'original-offset': message.offset,
              error: error instanceof Error ? error.message : String(error),
            },
          });
        }
      }
      if (deadLetters.length > 0) await producer.send({ topic: 'events.dlq', messages: deadLetters });
    },
  });
}
