import { describe, test } from 'vitest';
import { asyncProperty, CheckFailure, gen, memoByInput } from '@sai/checks';
import {
  describeBatch,
  describeSinkCase,
  exact,
  expectAtEveryCrash,
  expectCommittedToEnd,
  expectEveryRecordOnce,
  expectOneObjectPerBatch,
  expectRecordsWithValues,
  expectRuleAtEveryCrash,
  exploreCrashes,
  runSink,
  sinkCases,
  sinkScenario,
  smallSinkCases,
  type SinkCase,
  type SinkRun,
} from '@sai/kafka-checks';
import { startSink } from './solution';

const TITLE = 'Crash map: your effectively-once sink';
const EXACT =
  'An effectively-once sink writes, then commits, under a name made from where the batch starts: a batch read again after a crash starts at the committed offset, so it replaces its first copy.';

/** The teaching log: 2 partitions of 6 clicks of 4 characters; maxBytesPerPartition 12 makes batches of 3. */
const clicks: SinkCase = {
  partitions: [0, 1].map((p) => Array.from({ length: 6 }, (_, i) => ({ key: null, value: `c${p}-${i}` }))),
  maxBytes: 12,
};
/** For double crashes: one partition of 2 clicks. */
const twoClicks: SinkCase = { partitions: [[{ key: null, value: 'c0-0' }, { key: null, value: 'c0-1' }]], maxBytes: 1_048_576 };

const cleanRun = memoByInput((c: SinkCase) => runSink(startSink, c));

/** Every object is named <topic>/<partition>/<first offset of its batch>. */
function expectKeysFromBatchStart(run: SinkRun): void {
  for (const object of run.objects) {
    const body = object.body as { partition?: unknown; offset?: unknown }[];
    if (!Array.isArray(body) || body.length === 0) continue; // the batch check names these
    const batch = { partition: Number(body[0]!.partition), first: Number(body[0]!.offset), last: Number(body.at(-1)!.offset) };
    const wanted = `events/${batch.partition}/${batch.first}`;
    if (object.key === wanted) continue;
    throw new CheckFailure(
      `The object holding ${describeBatch(batch)} is named "${object.key}"; name it "${wanted}": the topic, the partition and the batch's FIRST offset. ` +
        'A batch read again after a crash starts at the committed offset, so that name comes out the same and the second write replaces the first. ' +
        'Anything else in the name (a counter, a random id, the time, the last offset) can differ the second time, and the store keeps both copies.',
      { expected: wanted, actual: object.key },
    );
  }
}

describe('effectively-once sink: without crashes', () => {
  test('the teaching log (2 partitions of 6 clicks, batches of 3): every record once, in events/<partition>/<first offset>', async () => {
    const run = await cleanRun(clicks);
    expectEveryRecordOnce(run, 'The store');
    expectOneObjectPerBatch(run, clicks);
    expectRecordsWithValues(run);
    expectKeysFromBatchStart(run);
  });

  test('every record of every partition reaches the store once, for any log and batch size', async () => {
    await asyncProperty(sinkCases, async (c) => expectEveryRecordOnce(await cleanRun(c), 'The store'), { runs: 30, describe: describeSinkCase });
  });

  test('each object holds one batch, named after its topic, partition and first offset', async () => {
    await asyncProperty(
      sinkCases,
      async (c) => {
        const run = await cleanRun(c);
        expectOneObjectPerBatch(run, c);
        expectRecordsWithValues(run);
        expectKeysFromBatchStart(run);
      },
      { runs: 30, describe: describeSinkCase },
    );
  });

  test("at the end, each partition's committed offset is the next offset to read", async () => {
    await asyncProperty(sinkCases, async (c) => expectCommittedToEnd(await cleanRun(c)), { runs: 30, describe: describeSinkCase });
  });
});

describe('effectively-once sink: crashes', () => {
  test('every single crash point leaves every record in the store exactly once', async () => {
    expectEveryRecordOnce(await cleanRun(clicks), 'Without any crash, the store');
    expectAtEveryCrash(await exploreCrashes(sinkScenario(startSink, clicks)), exact, { title: TITLE, why: EXACT });
  });

  test('so does every pair of crash points (a crash, then another one after the restart)', async () => {
    expectEveryRecordOnce(await cleanRun(twoClicks), 'Without any crash, the store');
    // Each restart fetches with another batch size (both clicks at once, then one at a time, then both again), as a new deployment might.
    const report = await exploreCrashes({ ...sinkScenario(startSink, twoClicks, { maxBytesByStart: [1_048_576, 4, 1_048_576] }), pairs: true });
    expectAtEveryCrash(report, exact, { title: TITLE, why: EXACT });
  });

  test('a restart that fetches bigger batches than before still leaves the store exact', async () => {
    // Batches of 2 clicks before the crash, the whole partition after it: a batch read again starts at the same offset but ends elsewhere.
    const log: SinkCase = { partitions: [Array.from({ length: 4 }, (_, i) => ({ key: null, value: `c0-${i}` }))], maxBytes: 8 };
    const report = await exploreCrashes(sinkScenario(startSink, log, { maxBytesByStart: [8, 1_048_576] }));
    expectAtEveryCrash(report, exact, {
      title: TITLE,
      why: `(Before the crash the sink fetched batches of 2 clicks, after it the whole partition.) ${EXACT}`,
    });
  });

  test('on generated logs too, every crash point leaves the store exact', async () => {
    await asyncProperty(
      smallSinkCases,
      async (c) => {
        expectEveryRecordOnce(await cleanRun(c), 'Without any crash, the store');
        expectRuleAtEveryCrash(await exploreCrashes(sinkScenario(startSink, c)), exact, { title: TITLE, why: EXACT });
      },
      { runs: 3, describe: describeSinkCase, maxShrinks: 20 },
    );
  });

  test('a store write that fails loses nothing and duplicates nothing', async () => {
    const failures = gen.record({ log: sinkCases, from: gen.integer(1, 4), count: gen.integer(1, 3) });
    await asyncProperty(
      failures,
      async ({ log, from, count }) => {
        const run = await runSink(startSink, log, { failPuts: { from, count } });
        expectEveryRecordOnce(
          run,
          `With store writes ${from} to ${from + count - 1} failing (503), the store`,
          'A write that failed wrote nothing: let the error leave the handler, so KafkaJS fetches the batch again, and commit only after a write succeeded.',
        );
      },
      { runs: 20, describe: ({ log, from, count }) => `${describeSinkCase(log)}; writes ${from}-${from + count - 1} fail` },
    );
  });
});
