/**
 * Committed offsets through the KafkaJS-like client, against KafkaJS 2.2.4's semantics: the commit is
 * the next offset to read; a restart resumes from it; fromBeginning matters only without one;
 * eachMessage resolves after the handler and auto-commits after each batch, on an interval or a
 * threshold; consumer.commitOffsets takes the next offset and leaves the fetch position alone.
 */
import { describe, expect, test } from 'vitest';
import type { InstrumentationEvent, Kafka } from '../../../../src/engine/kafka/index.ts';
import { committed, committedOffsets, makeCluster, offsetsOf, produce, range, recordEvents, sleep, TOPIC, type Seen } from './client-fixtures.ts';

describe('the committed offset', () => {
  test('is the next offset to read: a group that handled offsets 0..9 has committed 10', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const seen: number[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(Number(message.offset)) });
    });
    const drain = await cluster.drain();
    expect(drain.reason).toBe('idle');
    expect(seen).toEqual(range(0, 10));
    expect(cluster.committed('g')).toEqual([{ topic: TOPIC, partition: 0, offset: 10 }]);
  });

  test('a restarted app resumes from the commit, even with fromBeginning: offsets resolved after it are read again', async () => {
    // Batches of 5 (maxBytesPerPartition 20, 4-character values): the first batch commits 5; the
    // crash comes before offset 7 is handled, so 5 and 6 were handled but never committed.
    const cluster = makeCluster(1, { crashes: [{ call: 'eachMessage', nth: 8, when: 'before', restartAfter: 1000 }] });
    await produce(cluster, 10);
    const seen: Seen[] = [];
    let incarnation = 0;
    cluster.start('app', async (kafka: Kafka) => {
      const life = ++incarnation;
      const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 20 });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ partition, message }) => void seen.push({ app: `life-${life}`, partition, offset: Number(message.offset), time: cluster.now }) });
    });
    expect((await cluster.drain()).reason).toBe('idle');
    expect(offsetsOf(seen.filter((s) => s.app === 'life-1'))).toEqual(range(0, 7));
    expect(offsetsOf(seen.filter((s) => s.app === 'life-2'))).toEqual(range(5, 10));
    expect(committed(cluster, 'g')).toBe(10);
    // The crashed member never left: it holds the partition until its session (30 s) expires.
    const resumed = seen.find((s) => s.app === 'life-2')!;
    expect(resumed.time).toBeGreaterThanOrEqual(30_000);
  });

  test('without fromBeginning, what was produced before the first join is skipped; what comes later is read', async () => {
    const cluster = makeCluster();
    await produce(cluster, 3); // offsets 0..2, before anyone joined
    const seen: number[] = [];
    cluster.start('producer', async (kafka: Kafka) => {
      await sleep(cluster, 'producer', 100);
      await kafka.producer().send({ topic: TOPIC, messages: [{ value: 'late-3' }, { value: 'late-4' }] });
    });
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC] });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(Number(message.offset)) });
    });
    expect((await cluster.drain()).reason).toBe('idle');
    expect(seen).toEqual([3, 4]);
    expect(committed(cluster, 'g')).toBe(5);
  });

  test('without fromBeginning but with a commit, a restart resumes from the commit, not from the high watermark', async () => {
    // Batches of 2 (maxBytesPerPartition 8): [0,1] commits 2; the crash comes before offset 3.
    const cluster = makeCluster(1, { crashes: [{ call: 'eachMessage', nth: 4, when: 'before', restartAfter: 1000 }] });
    const seen: Seen[] = [];
    let incarnation = 0;
    cluster.start('producer', async (kafka: Kafka) => {
      await sleep(cluster, 'producer', 100);
      await kafka.producer().send({ topic: TOPIC, messages: range(0, 4).map((i) => ({ value: `m${i}`.padEnd(4, '.') })) });
    });
    cluster.start('app', async (kafka: Kafka) => {
      const life = ++incarnation;
      const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 8 });
      await consumer.subscribe({ topics: [TOPIC] });
      await consumer.run({ eachMessage: async ({ partition, message }) => void seen.push({ app: `life-${life}`, partition, offset: Number(message.offset), time: cluster.now }) });
    });
    expect((await cluster.drain()).reason).toBe('idle');
    expect(offsetsOf(seen.filter((s) => s.app === 'life-1'))).toEqual([0, 1, 2]);
    expect(offsetsOf(seen.filter((s) => s.app === 'life-2'))).toEqual([2, 3]);
    expect(committed(cluster, 'g')).toBe(4);
  });
});

/** Runs one eachMessage consumer over 10 records (one batch unless maxBytesPerPartition says otherwise). */
async function eachMessageRun(run: Record<string, unknown>, options: { perMessageMs?: number; maxBytesPerPartition?: number } = {}) {
  const cluster = makeCluster(1, { latency: { commit: 0, fetch: 0 } });
  await produce(cluster, 10);
  const events: InstrumentationEvent[] = [];
  cluster.start('app', async (kafka: Kafka) => {
    const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: options.maxBytesPerPartition });
    recordEvents(consumer, events);
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      ...run,
      eachMessage: async () => {
        if (options.perMessageMs) await sleep(cluster, 'app', options.perMessageMs);
      },
    });
  });
  const drain = await cluster.drain();
  return { cluster, events, drain };
}

describe('eachMessage auto-commit', () => {
  test('by default (no interval, no threshold) it commits only after each batch', async () => {
    const { events, cluster } = await eachMessageRun({}, { maxBytesPerPartition: 20 });
    expect(committedOffsets(events)).toEqual([5, 10]);
    expect(committed(cluster, 'g')).toBe(10);
  });

  test('autoCommitInterval: 100 with 40 ms per message commits after every third message, then after the batch', async () => {
    // Elapsed since the last commit after messages 0, 1, 2: 40, 80, 120 ms: the third is due.
    const { events } = await eachMessageRun({ autoCommitInterval: 100 }, { perMessageMs: 40 });
    expect(committedOffsets(events)).toEqual([3, 6, 9, 10]);
  });

  test('autoCommitThreshold: 4 commits once 4 offsets are resolved past the last commit, then after the batch', async () => {
    const { events } = await eachMessageRun({ autoCommitThreshold: 4 });
    expect(committedOffsets(events)).toEqual([4, 8, 10]);
  });

  test('autoCommit: false commits nothing, whatever the interval or threshold', async () => {
    const { events, cluster } = await eachMessageRun({ autoCommit: false, autoCommitInterval: 0, autoCommitThreshold: 1 }, { maxBytesPerPartition: 20 });
    expect(committedOffsets(events)).toEqual([]);
    expect(cluster.committed('g')).toEqual([]);
  });

  test('autoCommit: false and no commit in the code: a restart reads everything again', async () => {
    const cluster = makeCluster(1, { crashes: [{ call: 'eachMessage', nth: 8, when: 'before', restartAfter: 1000 }] });
    await produce(cluster, 10);
    const seen: Seen[] = [];
    let incarnation = 0;
    cluster.start('app', async (kafka: Kafka) => {
      const life = ++incarnation;
      const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 20 });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({ autoCommit: false, eachMessage: async ({ partition, message }) => void seen.push({ app: `life-${life}`, partition, offset: Number(message.offset), time: cluster.now }) });
    });
    await cluster.drain();
    expect(offsetsOf(seen.filter((s) => s.app === 'life-2'))).toEqual(range(0, 10));
    expect(cluster.committed('g')).toEqual([]);
  });
});

describe('consumer.commitOffsets', () => {
  test('takes the next offset to read, commits at once, and does not change what is consumed next', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const seen: number[] = [];
    const events: InstrumentationEvent[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          seen.push(Number(message.offset));
          if (message.offset === '2') {
            await consumer.commitOffsets([{ topic: TOPIC, partition, offset: '8' }]);
            seen.push(committed(cluster, 'g')!); // already committed when the call returns
          }
        },
      });
    });
    await cluster.drain();
    expect(seen).toEqual([0, 1, 2, 8, 3, 4, 5, 6, 7, 8, 9]);
    expect(committedOffsets(events)).toEqual([8]);
    expect(committed(cluster, 'g')).toBe(8);
  });

  test('ignores the auto-commit settings: with autoCommit on, the batch-end commit still follows', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const events: InstrumentationEvent[] = [];
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (message.offset === '4') await consumer.commitOffsets([{ topic: TOPIC, partition, offset: '5' }]);
        },
      });
    });
    await cluster.drain();
    expect(committedOffsets(events)).toEqual([5, 10]);
  });
});

describe("string offsets: message.offset + 1 is '41' + 1 = '411'", () => {
  /** A consumer that commits `message.offset + 1` (string concatenation) after each message. */
  function concatenatingApp(cluster: ReturnType<typeof makeCluster>, seen: Seen[], fromBeginning: boolean) {
    let incarnation = 0;
    return async (kafka: Kafka) => {
      const life = ++incarnation;
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          seen.push({ app: `life-${life}`, partition, offset: Number(message.offset), time: cluster.now });
          await consumer.commitOffsets([{ topic: TOPIC, partition, offset: message.offset + 1 }]);
        },
      });
    };
  }

  test("after offset 1 the group commits '11': a restart resumes at 11 and offsets 2..10 are never read", async () => {
    const cluster = makeCluster(1, { crashes: [{ call: 'eachMessage', nth: 3, when: 'before', restartAfter: 1000 }] });
    await produce(cluster, 15);
    const seen: Seen[] = [];
    cluster.start('app', concatenatingApp(cluster, seen, true));
    await cluster.drain();
    expect(offsetsOf(seen.filter((s) => s.app === 'life-1'))).toEqual([0, 1]);
    expect(offsetsOf(seen.filter((s) => s.app === 'life-2'))).toEqual(range(11, 15));
    // '14' + 1 = '141': the last commit is far past the end of the log.
    expect(committed(cluster, 'g')).toBe(141);
  });

  test("a commit past the log end ('21' of 15 records) is out of range after a restart: fromBeginning reads it all again", async () => {
    const cluster = makeCluster(1, { crashes: [{ call: 'eachMessage', nth: 4, when: 'before', restartAfter: 1000 }] });
    await produce(cluster, 15);
    const seen: Seen[] = [];
    cluster.start('app', concatenatingApp(cluster, seen, true));
    expect((await cluster.drain()).reason).toBe('idle');
    expect(offsetsOf(seen.filter((s) => s.app === 'life-1'))).toEqual([0, 1, 2]);
    expect(offsetsOf(seen.filter((s) => s.app === 'life-2'))).toEqual(range(0, 15));
    expect(cluster.consumerCrashes()).toEqual([]);
  });

  test('the same out-of-range commit without fromBeginning resets to the high watermark: nothing more is read', async () => {
    const cluster = makeCluster(1, { crashes: [{ call: 'eachMessage', nth: 4, when: 'before', restartAfter: 1000 }] });
    cluster.start('producer', async (kafka: Kafka) => {
      await sleep(cluster, 'producer', 100);
      await kafka.producer().send({ topic: TOPIC, messages: range(0, 15).map((i) => ({ value: `m${i}` })) });
    });
    const seen: Seen[] = [];
    cluster.start('app', concatenatingApp(cluster, seen, false));
    expect((await cluster.drain()).reason).toBe('idle');
    expect(offsetsOf(seen.filter((s) => s.app === 'life-1'))).toEqual([0, 1, 2]);
    expect(offsetsOf(seen.filter((s) => s.app === 'life-2'))).toEqual([]);
  });
});
