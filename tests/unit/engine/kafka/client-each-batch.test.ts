/**
 * eachBatch as KafkaJS 2.2.4's runner drives it: eachBatchAutoResolve resolves the batch's last
 * offset after the handler (so an early return skips the rest), resolveOffset assigns a position,
 * commitOffsetsIfNecessary commits given offsets or applies the interval/threshold rule,
 * uncommittedOffsets has string partition keys, isRunning and isStale report stop and seek.
 */
import { describe, expect, test } from 'vitest';
import type { EachBatchPayload, InstrumentationEvent, Kafka } from '../../../../src/engine/kafka/index.ts';
import { committed, committedOffsets, makeCluster, produce, range, recordEvents, TOPIC } from './client-fixtures.ts';

interface BatchRun {
  events: InstrumentationEvent[];
  /** First offset of each batch handed to the handler. */
  batches: number[];
  /** Offsets the handler said it processed. */
  handled: number[];
  cluster: ReturnType<typeof makeCluster>;
}

/** 10 records in batches of 5 (maxBytesPerPartition 20), one eachBatch consumer. */
async function batchRun(run: Record<string, unknown>, handler: (payload: EachBatchPayload, out: BatchRun) => Promise<void>): Promise<BatchRun> {
  const cluster = makeCluster();
  await produce(cluster, 10);
  const out: BatchRun = { events: [], batches: [], handled: [], cluster };
  cluster.start('app', async (kafka: Kafka) => {
    const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 20 });
    recordEvents(consumer, out.events);
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
    await consumer.run({
      ...run,
      eachBatch: async (payload) => {
        out.batches.push(Number(payload.batch.firstOffset()));
        await handler(payload, out);
      },
    });
  });
  const drain = await cluster.drain();
  expect(drain.reason).toBe('idle');
  return out;
}

describe('eachBatchAutoResolve', () => {
  test('true (default): a handler that returns after 2 messages has the whole batch resolved; the other 3 are never seen', async () => {
    const run = await batchRun({}, async ({ batch }, out) => {
      for (const message of batch.messages.slice(0, 2)) out.handled.push(Number(message.offset));
    });
    expect(run.batches).toEqual([0, 5]);
    expect(run.handled).toEqual([0, 1, 5, 6]);
    expect(committedOffsets(run.events)).toEqual([5, 10]);
  });

  test('false: what the handler did not resolve comes again in the next batch', async () => {
    const run = await batchRun({ eachBatchAutoResolve: false }, async ({ batch, resolveOffset }, out) => {
      for (const message of batch.messages.slice(0, 2)) {
        out.handled.push(Number(message.offset));
        resolveOffset(message.offset);
      }
    });
    expect(run.batches).toEqual([0, 2, 4, 6, 8]);
    expect(run.handled).toEqual(range(0, 10));
    expect(committedOffsets(run.events)).toEqual([2, 4, 6, 8, 10]);
  });
});

describe('resolveOffset', () => {
  test('assigns the position (offset + 1), it does not take a maximum: resolving 4 then 1 refetches from 2', async () => {
    let first = true;
    const run = await batchRun({ eachBatchAutoResolve: false }, async ({ batch, resolveOffset }) => {
      if (first) {
        first = false;
        resolveOffset(batch.lastOffset());
        resolveOffset(batch.messages[1]!.offset);
        return;
      }
      for (const message of batch.messages) resolveOffset(message.offset);
    });
    expect(run.batches).toEqual([0, 2, 7]);
    expect(committedOffsets(run.events)).toEqual([2, 7, 10]);
  });
});

describe('commitOffsetsIfNecessary', () => {
  test('without arguments and without interval or threshold, it commits nothing: only the batch end does', async () => {
    const during: number[] = [];
    const run = await batchRun({}, async ({ batch, resolveOffset, commitOffsetsIfNecessary }, out) => {
      for (const message of batch.messages) resolveOffset(message.offset);
      await commitOffsetsIfNecessary();
      during.push(committedOffsets(out.events).length);
    });
    expect(during).toEqual([0, 1]); // before each batch's end-of-batch commit, as many commits as batches ended
    expect(committedOffsets(run.events)).toEqual([5, 10]);
  });

  test('without arguments and autoCommitThreshold: 3, it commits the resolved offsets once 3 are resolved', async () => {
    const run = await batchRun({ autoCommitThreshold: 3 }, async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      for (const message of batch.messages) {
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
      }
    });
    // Batch 1: due after offset 2 (3 resolved); 3 and 4 make only 2 more, so the batch end commits 5.
    expect(committedOffsets(run.events)).toEqual([3, 5, 8, 10]);
  });

  test('without arguments it applies the interval rule even with autoCommit: false (KafkaJS does not check autoCommit there)', async () => {
    const run = await batchRun({ autoCommit: false, autoCommitInterval: 0 }, async ({ batch, resolveOffset, commitOffsetsIfNecessary }) => {
      resolveOffset(batch.messages[2]!.offset);
      await commitOffsetsIfNecessary();
    });
    // autoCommit: false, so the auto-resolved batch ends are never committed by the runner.
    expect(committedOffsets(run.events)).toEqual([3, 8]);
    expect(committed(run.cluster, 'g')).toBe(8);
  });

  test('with offsets, it commits exactly those, even with autoCommit: false', async () => {
    const run = await batchRun({ autoCommit: false }, async ({ batch, commitOffsetsIfNecessary }) => {
      if (batch.firstOffset() === '0') await commitOffsetsIfNecessary({ topics: [{ topic: TOPIC, partitions: [{ partition: 0, offset: '3' }] }] });
    });
    expect(run.batches).toEqual([0, 5]);
    expect(committedOffsets(run.events)).toEqual([3]);
    expect(committed(run.cluster, 'g')).toBe(3);
  });
});

describe('uncommittedOffsets', () => {
  test('lists resolved positions not yet committed, with the partition as a string key', async () => {
    const seen: unknown[] = [];
    await batchRun({}, async ({ batch, resolveOffset, uncommittedOffsets }) => {
      if (batch.firstOffset() !== '0') return;
      seen.push(uncommittedOffsets());
      resolveOffset(batch.messages[2]!.offset);
      seen.push(uncommittedOffsets());
    });
    expect(seen).toEqual([{ topics: [] }, { topics: [{ topic: TOPIC, partitions: [{ partition: '0', offset: '3' }] }] }]);
  });

  test('with two partitions, each resolved partition appears under its string key', async () => {
    const cluster = makeCluster(2);
    await produce(cluster, 3, 0);
    await produce(cluster, 3, 1);
    let last: unknown;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset, uncommittedOffsets }) => {
          resolveOffset(batch.messages[0]!.offset);
          last = uncommittedOffsets();
        },
      });
    });
    await cluster.drain();
    // After p1's batch: p0 was auto-resolved to 3 and p1 resolved to 1; nothing was committed.
    expect(last).toEqual({ topics: [{ topic: TOPIC, partitions: [{ partition: '0', offset: '3' }, { partition: '1', offset: '1' }] }] });
  });
});

describe('a batch fetched before its partition was sought', () => {
  /** p0 and p1 (5 records each) come in one fetch; p0's handler seeks p1 to offset 2. */
  async function seekOther(kind: 'eachBatch' | 'eachMessage') {
    const cluster = makeCluster(2);
    await produce(cluster, 5, 0);
    await produce(cluster, 5, 1);
    const handed: string[] = [];
    const p1Committed: (number | undefined)[] = [];
    const events: InstrumentationEvent[] = [];
    let sought = false;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g' });
      recordEvents(consumer, events);
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      const seek = (partition: number) => {
        if (partition === 1) p1Committed.push(committed(cluster, 'g', 1));
        if (partition !== 0 || sought) return;
        sought = true;
        consumer.seek({ topic: TOPIC, partition: 1, offset: '2' });
      };
      await consumer.run(
        kind === 'eachBatch'
          ? {
              eachBatch: async ({ batch, isStale }) => {
                handed.push(`p${batch.partition}:${batch.firstOffset()}-${batch.lastOffset()}${isStale() ? ' stale' : ''}`);
                seek(batch.partition);
              },
            }
          : {
              eachMessage: async ({ partition, message }) => {
                handed.push(`p${partition}:${message.offset}`);
                seek(partition);
              },
            },
      );
    });
    await cluster.drain();
    return { handed, p1Commits: committedOffsets(events, 1), p1Committed };
  }

  test('eachBatch still gets it, with isStale() true; then the seek commits 2 and p1 is read again from there', async () => {
    const { handed, p1Commits, p1Committed } = await seekOther('eachBatch');
    expect(handed).toEqual(['p0:0-4', 'p1:0-4 stale', 'p1:2-4']);
    // The stale batch was auto-resolved and committed (5), then the seek committed 2 (no event for that).
    expect(p1Committed).toEqual([undefined, 2]);
    expect(p1Commits).toEqual([5, 5]);
  });

  test('eachMessage stops before its first message', async () => {
    const { handed, p1Commits, p1Committed } = await seekOther('eachMessage');
    expect(handed).toEqual(['p0:0', 'p0:1', 'p0:2', 'p0:3', 'p0:4', 'p1:2', 'p1:3', 'p1:4']);
    expect(p1Committed[0]).toBe(2);
    expect(p1Commits).toEqual([5]);
  });
});

describe('isRunning and isStale', () => {
  test('isStale turns true once the partition is sought; isRunning turns false once the consumer is stopped', async () => {
    const cluster = makeCluster();
    await produce(cluster, 10);
    const looks: { batch: number; stale: boolean[]; running: boolean[] }[] = [];
    let sought = false;
    cluster.start('app', async (kafka: Kafka) => {
      const consumer = kafka.consumer({ groupId: 'g', maxBytesPerPartition: 20 });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch, isStale, isRunning }) => {
          const look = { batch: Number(batch.firstOffset()), stale: [isStale()], running: [isRunning()] };
          looks.push(look);
          if (look.batch === 5 && !sought) {
            sought = true;
            consumer.seek({ topic: TOPIC, partition: 0, offset: '0' });
            look.stale.push(isStale());
          } else if (look.batch === 5) {
            void consumer.stop();
            look.running.push(isRunning());
          }
        },
      });
    });
    await cluster.drain();
    expect(looks).toEqual([
      { batch: 0, stale: [false], running: [true] },
      { batch: 5, stale: [false, true], running: [true] },
      { batch: 0, stale: [false], running: [true] },
      { batch: 5, stale: [false], running: [true, false] },
    ]);
  });
});
