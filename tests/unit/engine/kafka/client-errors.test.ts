/**
 * A handler that throws, as KafkaJS 2.2.4 handles it (runner.js, retry/index.js, consumer/index.js):
 * commit what was resolved (autoCommit only), retry after a jittered, growing backoff from the
 * resolved position, crash after `retries` failed retries (KafkaJSNumberOfRetriesExceeded), leave
 * the group and restart from the committed offsets unless restartOnFailure says no. TypeError,
 * RangeError, ReferenceError, SyntaxError and errors marked `retriable: false` are not retried: the
 * consumer crashes at once with a KafkaJSNonRetriableError and does not restart.
 */
import { describe, expect, test } from 'vitest';
import type { ConsumerRunConfig, InstrumentationEvent, Kafka, RetryOptions } from '../../../../src/engine/kafka/index.ts';
import { committed, committedOffsets, eventsOf, makeCluster, offsetsOf, produce, range, recordEvents, TOPIC, type Seen } from './client-fixtures.ts';

interface FailingRun {
  seen: Seen[];
  events: InstrumentationEvent[];
  cluster: ReturnType<typeof makeCluster>;
}

/** 10 records, one batch; the handler throws `error()` on offset 3 for its first `failures` calls there. */
async function failingRun(options: { failures: number; error?: () => unknown; run?: Partial<ConsumerRunConfig>; retry?: RetryOptions }): Promise<FailingRun> {
  const cluster = makeCluster();
  await produce(cluster, 10);
  const out: FailingRun = { seen: [], events: [], cluster };
  let failed = 0;
  let incarnation = 0;
  cluster.start('app', async (kafka: Kafka) => {
    const life = ++incarnation;
    const consumer = kafka.consumer({ groupId: 'g', retry: options.retry });
    recordEvents(consumer, out.events);
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      ...options.run,
      eachMessage: async ({ partition, message }) => {
        out.seen.push({ app: `life-${life}`, partition, offset: Number(message.offset), time: cluster.now });
        if (message.offset === '3' && failed < options.failures) {
          failed += 1;
          throw options.error ? options.error() : new Error('boom');
        }
      },
    });
  });
  expect((await cluster.drain()).reason).toBe('idle');
  return out;
}

const callsAt = (seen: readonly Seen[], offset: number) => seen.filter((s) => s.offset === offset);

describe('a handler that throws once', () => {
  test('the resolved offsets are committed, and the same message comes again after a backoff of 300 ms +/- 20%', async () => {
    const { seen, events } = await failingRun({ failures: 1 });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9]);
    // 0..2 were resolved when 3 threw (the message itself is resolved only after its handler returns).
    expect(committedOffsets(events)).toEqual([3, 10]);
    // Between the two calls: the commit (2 ms), the wait (ceil of 300 +/- 60 ms), the fetch (2 ms).
    const [first, second] = callsAt(seen, 3);
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(2 + 240 + 2);
    expect(second!.time - first!.time).toBeLessThanOrEqual(2 + 360 + 2);
  });

  test('with autoCommit: false nothing is committed, yet the retry still starts from the resolved position', async () => {
    const { seen, events, cluster } = await failingRun({ failures: 1, run: { autoCommit: false } });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9]);
    expect(committedOffsets(events)).toEqual([]);
    expect(cluster.committed('g')).toEqual([]);
  });

  test('an eachBatch handler that resolved two messages, then threw: those are committed and the batch comes again from the third', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const firsts: number[] = [];
    const events: InstrumentationEvent[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 20 });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch, resolveOffset }) => {
          firsts.push(Number(batch.firstOffset()));
          if (firsts.length === 1) {
            resolveOffset(batch.messages[0]!.offset);
            resolveOffset(batch.messages[1]!.offset);
            throw new Error('sink unavailable');
          }
        },
      });
    });
    await cluster.drain();
    expect(firsts).toEqual([0, 2, 7]);
    expect(committedOffsets(events)).toEqual([2, 7, 10]);
  });
});

describe('a handler that keeps throwing', () => {
  test('after `retries` failed retries the consumer crashes, leaves the group and restarts from the committed offset', async () => {
    // retries: 2 -> 3 calls fail; the restarted consumer's first call on offset 3 succeeds.
    const { seen, events, cluster } = await failingRun({ failures: 3, retry: { retries: 2 }, run: { autoCommit: false } });
    // Nothing was committed, so the restart reads from the log start again (fromBeginning).
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3, 3, 3, ...range(0, 10)]);
    const crashes = eventsOf(events, 'consumer.crash');
    expect(crashes).toHaveLength(1);
    const payload = crashes[0]!.payload as { error: Error & { cause?: unknown }; groupId: string; restart: boolean };
    expect(Object.keys(payload).sort()).toEqual(['error', 'groupId', 'restart']);
    expect(payload.groupId).toBe('g');
    expect(payload.restart).toBe(true);
    expect(payload.error.name).toBe('KafkaJSNumberOfRetriesExceeded');
    expect((payload.error.cause as Error).message).toBe('boom');
    expect(cluster.rebalances().map((r) => r.cause)).toEqual(['join', 'leave', 'join']);
    expect(cluster.consumerCrashes()).toMatchObject([{ process: 'app', groupId: 'g', restart: true }]);
  });

  test('the waits grow: ~300 ms, then x2 (+/- 20% each time), and the restart waits the next one', async () => {
    const { seen } = await failingRun({ failures: 3, retry: { retries: 2 }, run: { autoCommit: false } });
    const calls = callsAt(seen, 3).map((s) => s.time);
    const restarted = seen.filter((s) => s.offset === 0)[1]!.time;
    const [gap1, gap2, restartGap] = [calls[1]! - calls[0]!, calls[2]! - calls[1]!, restarted - calls[2]!];
    // wait0 = ceil(300 +/- 60); each next = ceil(wait +/- 20%) x 2; a retry also fetches (2 ms), a restart joins (10 ms) first.
    expect(gap1 - 2).toBeGreaterThanOrEqual(240);
    expect(gap1 - 2).toBeLessThanOrEqual(360);
    const wait1 = gap2 - 2;
    expect(wait1).toBeGreaterThanOrEqual(Math.ceil(0.8 * (gap1 - 2)) * 2);
    expect(wait1).toBeLessThanOrEqual(Math.ceil(1.2 * (gap1 - 2)) * 2);
    const wait2 = restartGap - 10 - 2;
    expect(wait2).toBeGreaterThanOrEqual(Math.ceil(0.8 * wait1) * 2);
    expect(wait2).toBeLessThanOrEqual(Math.ceil(1.2 * wait1) * 2);
  });

  test('with autoCommit the restart resumes at the poison message: what was resolved had been committed when it threw', async () => {
    const { seen } = await failingRun({ failures: 3, retry: { retries: 2 } });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3, 3, 3, ...range(3, 10)]);
  });

  test('restartOnFailure answering false keeps it down; it is asked with the KafkaJSNumberOfRetriesExceeded error', async () => {
    const asked: string[] = [];
    const { seen, events, cluster } = await failingRun({
      failures: 100,
      retry: { retries: 1, restartOnFailure: async (error) => (asked.push(error.name), false) },
    });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3, 3]);
    expect(asked).toEqual(['KafkaJSNumberOfRetriesExceeded']);
    expect(eventsOf(events, 'consumer.crash').map((e) => e.payload.restart)).toEqual([false]);
    expect(eventsOf(events, 'consumer.group_join')).toHaveLength(1);
    expect(cluster.rebalances().at(-1)!.cause).toBe('leave');
    expect(committed(cluster, 'g')).toBe(3);
  });

  test('restartOnFailure resolving to nothing (undefined) also keeps it down: KafkaJS restarts only on a truthy answer', async () => {
    const { seen, events } = await failingRun({
      failures: 100,
      retry: { retries: 0, restartOnFailure: (async () => undefined) as unknown as RetryOptions['restartOnFailure'] },
    });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3]);
    expect(eventsOf(events, 'consumer.crash').map((e) => e.payload.restart)).toEqual([false]);
  });
});

describe('errors KafkaJS does not retry', () => {
  const bugs: [string, () => unknown][] = [
    ['TypeError', () => new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['RangeError', () => new RangeError('Invalid array length')],
    ['ReferenceError', () => new ReferenceError('order is not defined')],
    ['SyntaxError', () => new SyntaxError('Unexpected token < in JSON')],
  ];

  test.each(bugs)('a %s crashes the consumer at once, for good, after committing what was resolved', async (name, error) => {
    const { seen, events, cluster } = await failingRun({ failures: 100, error });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3]);
    const crashes = eventsOf(events, 'consumer.crash');
    expect(crashes).toHaveLength(1);
    const payload = crashes[0]!.payload as { error: Error & { cause?: unknown }; groupId: string; restart: boolean };
    expect(payload.restart).toBe(false);
    expect(payload.groupId).toBe('g');
    expect(payload.error.name).toBe('KafkaJSNonRetriableError');
    expect((payload.error.cause as Error).name).toBe(name);
    // No backoff: only the commit of 0..2 (2 ms) lies between the throw and the crash.
    expect(crashes[0]!.timestamp - callsAt(seen, 3)[0]!.time).toBeLessThan(240);
    expect(committed(cluster, 'g')).toBe(3);
    expect(cluster.consumerCrashes()).toMatchObject([{ restart: false }]);
    expect(cluster.consumerCrashes()[0]!.error).toContain(name);
    expect(cluster.rebalances().map((r) => r.cause)).toEqual(['join', 'leave']);
  });

  test('an error marked retriable: false is not retried either', async () => {
    const { seen, events } = await failingRun({ failures: 100, error: () => Object.assign(new Error('bad record'), { retriable: false }) });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3]);
    expect(eventsOf(events, 'consumer.crash').map((e) => e.payload.restart)).toEqual([false]);
  });

  test('a thrown non-Error value is retried like any error', async () => {
    const { seen } = await failingRun({ failures: 1, error: () => 'a string' });
    expect(offsetsOf(seen)).toEqual([0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9]);
  });
});
