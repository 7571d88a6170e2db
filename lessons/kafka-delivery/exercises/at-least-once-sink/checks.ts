import { describe, test } from 'vitest';
import { asyncProperty, gen, memoByInput } from '@sai/checks';
import {
  describeSinkCase,
  duplicatesOnlyInFlight,
  expectAtEveryCrash,
  expectCommittedToEnd,
  expectEveryRecordOnce,
  expectOneObjectPerBatch,
  expectRecordsWithValues,
  expectRuleAtEveryCrash,
  exploreCrashes,
  noLoss,
  runSink,
  sinkCases,
  sinkScenario,
  smallSinkCases,
  type CrashReport,
  type SinkCase,
} from '@sai/kafka-checks';
import { startSink } from './solution';

const TITLE = 'Crash map: your at-least-once sink';
const NO_LOSS = 'An at-least-once sink writes a batch before it commits it: after any crash, the restart reads again every record not yet committed, so none is lost.';
const ONLY_IN_FLIGHT = 'Writing before committing costs duplicates, but only of the batch a crash caught between its write and its commit.';

/** The teaching log: 2 partitions of 6 clicks of 4 characters; maxBytesPerPartition 12 makes batches of 3. */
const clicks: SinkCase = {
  partitions: [0, 1].map((p) => Array.from({ length: 6 }, (_, i) => ({ key: null, value: `c${p}-${i}` }))),
  maxBytes: 12,
};

const FAILED_WRITE =
  'A write that failed wrote nothing. If your handler carries on after it (and commits, or returns so that KafkaJS marks the batch done), the batch is skipped for good. Let the error leave the handler: KafkaJS fetches the batch again and retries.';

const cleanRun = memoByInput((c: SinkCase) => runSink(startSink, c));

/** The teaching log, crashed before and after every call (once its clean run is right). */
let explored: Promise<CrashReport> | undefined;
function clicksReport(): Promise<CrashReport> {
  explored ??= (async () => {
    expectEveryRecordOnce(await cleanRun(clicks), 'Without any crash, the store');
    return exploreCrashes(sinkScenario(startSink, clicks));
  })();
  return explored;
}

describe('at-least-once sink: without crashes', () => {
  test('the teaching log (2 partitions of 6 clicks, batches of 3): every record once, one object per batch', async () => {
    const run = await cleanRun(clicks);
    expectEveryRecordOnce(run, 'The store');
    expectOneObjectPerBatch(run, clicks);
    expectRecordsWithValues(run);
  });

  test('every record of every partition reaches the store once, for any log and batch size', async () => {
    await asyncProperty(sinkCases, async (c) => expectEveryRecordOnce(await cleanRun(c), 'The store'), { runs: 30, describe: describeSinkCase });
  });

  test('each object holds one batch, and each record its partition, offset and value', async () => {
    await asyncProperty(
      sinkCases,
      async (c) => {
        const run = await cleanRun(c);
        expectOneObjectPerBatch(run, c);
        expectRecordsWithValues(run);
      },
      { runs: 30, describe: describeSinkCase },
    );
  });

  test("at the end, each partition's committed offset is the next offset to read", async () => {
    await asyncProperty(sinkCases, async (c) => expectCommittedToEnd(await cleanRun(c)), { runs: 30, describe: describeSinkCase });
  });
});

describe('at-least-once sink: crashes', () => {
  test('no crash point loses a record', async () => {
    expectAtEveryCrash(await clicksReport(), noLoss, { title: TITLE, why: NO_LOSS });
  });

  test('a crash writes twice only the batch in flight (written, not yet committed)', async () => {
    const report = await clicksReport();
    expectAtEveryCrash(report, duplicatesOnlyInFlight(report), { title: TITLE, why: ONLY_IN_FLIGHT });
  });

  test('on generated logs too, every crash point loses nothing and duplicates only the batch in flight', async () => {
    await asyncProperty(
      smallSinkCases,
      async (c) => {
        expectEveryRecordOnce(await cleanRun(c), 'Without any crash, the store');
        const report = await exploreCrashes(sinkScenario(startSink, c));
        expectRuleAtEveryCrash(report, noLoss, { title: TITLE, why: NO_LOSS });
        expectRuleAtEveryCrash(report, duplicatesOnlyInFlight(report), { title: TITLE, why: ONLY_IN_FLIGHT });
      },
      { runs: 3, describe: describeSinkCase, maxShrinks: 20 },
    );
  });

  test('a store write that fails loses nothing: the error must reach KafkaJS, which fetches the batch again', async () => {
    const failures = gen.record({ log: sinkCases, from: gen.integer(1, 4), count: gen.integer(1, 3) });
    await asyncProperty(
      failures,
      async ({ log, from, count }) => {
        const run = await runSink(startSink, log, { failPuts: { from, count } });
        expectEveryRecordOnce(run, `With store writes ${from} to ${from + count - 1} failing (503), the store`, FAILED_WRITE);
      },
      { runs: 20, describe: ({ log, from, count }) => `${describeSinkCase(log)}; writes ${from}-${from + count - 1} fail` },
    );
  });
});
