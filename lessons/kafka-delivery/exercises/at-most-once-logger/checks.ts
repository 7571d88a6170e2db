import { describe, test } from 'vitest';
import { asyncProperty, CheckFailure, gen, memoByInput } from '@sai/checks';
import {
  batchesOfFailedPuts,
  batchSteps,
  describeBatch,
  describeSinkCase,
  expectAtEveryCrash,
  expectCommittedToEnd,
  expectEveryRecordOnce,
  expectOneObjectPerBatch,
  expectRecordsWithValues,
  expectRuleAtEveryCrash,
  exploreCrashes,
  lossOnlyInFlight,
  lostOutside,
  noDuplicates,
  runSink,
  sinkCases,
  sinkScenario,
  smallSinkCases,
  type CrashReport,
  type SinkCase,
  type SinkRun,
} from '@sai/kafka-checks';
import { startLogger } from './solution';

const TITLE = 'Crash map: your at-most-once logger';
const NO_DUPLICATE = 'A logger commits a batch before it writes it: a restart reads from after the committed batch, so no line is ever written twice.';
const ONLY_IN_FLIGHT = 'Committing first costs lost lines, but only the batch a crash caught between its commit and its write.';

/** The teaching log: 2 partitions of 6 log lines of 4 characters; maxBytesPerPartition 12 makes batches of 3. */
const lines: SinkCase = {
  partitions: [0, 1].map((p) => Array.from({ length: 6 }, (_, i) => ({ key: null, value: `l${p}-${i}` }))),
  maxBytes: 12,
};

const cleanRun = memoByInput((c: SinkCase) => runSink(startLogger, c));

let explored: Promise<CrashReport> | undefined;
function linesReport(): Promise<CrashReport> {
  explored ??= (async () => {
    expectEveryRecordOnce(await cleanRun(lines), 'Without any crash, the store');
    return exploreCrashes(sinkScenario(startLogger, lines));
  })();
  return explored;
}

/** In the run's calls, each batch's commit comes before its write. */
function expectCommitBeforeWrite(run: SinkRun): void {
  for (const { batch, put, commit } of batchSteps(run.run.calls)) {
    const which = `Batch ${describeBatch(batch)}`;
    if (commit === undefined) {
      throw new CheckFailure(`${which} was never committed while your handler had it. A logger commits each batch (its last offset + 1) itself, before writing it.`);
    }
    if (put !== undefined && put < commit) {
      throw new CheckFailure(
        `${which} was written before it was committed. A logger commits first: a crash between the two then loses the batch (acceptable for logs) instead of writing it twice.`,
      );
    }
  }
}

describe('at-most-once logger: without crashes', () => {
  test('the teaching log (2 partitions of 6 lines, batches of 3): every line once, one object per batch', async () => {
    const run = await cleanRun(lines);
    expectEveryRecordOnce(run, 'The store');
    expectOneObjectPerBatch(run, lines);
    expectRecordsWithValues(run);
  });

  test('every line of every partition reaches the store once, for any log and batch size', async () => {
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

  test('each batch is committed before it is written', async () => {
    await asyncProperty(sinkCases, async (c) => expectCommitBeforeWrite(await cleanRun(c)), { runs: 30, describe: describeSinkCase });
  });

  test("at the end, each partition's committed offset is the next offset to read", async () => {
    await asyncProperty(sinkCases, async (c) => expectCommittedToEnd(await cleanRun(c)), { runs: 30, describe: describeSinkCase });
  });
});

describe('at-most-once logger: crashes', () => {
  test('no crash point writes a line twice', async () => {
    expectAtEveryCrash(await linesReport(), noDuplicates, { title: TITLE, why: NO_DUPLICATE });
  });

  test('a crash loses at most the batch in flight (committed, not yet written)', async () => {
    const report = await linesReport();
    expectAtEveryCrash(report, lossOnlyInFlight(report), { title: TITLE, why: ONLY_IN_FLIGHT });
  });

  test('on generated logs too, no crash point duplicates, and each loses at most the batch in flight', async () => {
    await asyncProperty(
      smallSinkCases,
      async (c) => {
        expectEveryRecordOnce(await cleanRun(c), 'Without any crash, the store');
        const report = await exploreCrashes(sinkScenario(startLogger, c));
        expectRuleAtEveryCrash(report, noDuplicates, { title: TITLE, why: NO_DUPLICATE });
        expectRuleAtEveryCrash(report, lossOnlyInFlight(report), { title: TITLE, why: ONLY_IN_FLIGHT });
      },
      { runs: 3, describe: describeSinkCase, maxShrinks: 20 },
    );
  });

  test('a store write that fails never duplicates, and loses at most its own batch', async () => {
    const failures = gen.record({ log: sinkCases, from: gen.integer(1, 4), count: gen.integer(1, 3) });
    await asyncProperty(
      failures,
      async ({ log, from, count }) => {
        const { run } = await runSink(startLogger, log, { failPuts: { from, count } });
        const failed = batchesOfFailedPuts(run.calls, { from, count });
        const situation = `With store writes ${from} to ${from + count - 1} failing (503)`;
        if (run.diff.duplicated.length > 0) {
          throw new CheckFailure(`${situation}, some lines were written twice: ${run.diff.duplicated.map((p) => `p${p.partition}:${p.offsets.join(', ')}`).join('; ')}. A failed write wrote nothing, so writing the batch again must not duplicate it.`);
        }
        const outside = lostOutside(run, failed);
        if (outside) {
          throw new CheckFailure(
            `${situation}, only the batches whose write failed (${failed.map(describeBatch).join(', ') || 'none'}) may be lost, but these lines are missing too: ${outside}.`,
          );
        }
      },
      { runs: 20, describe: ({ log, from, count }) => `${describeSinkCase(log)}; writes ${from}-${from + count - 1} fail` },
    );
  });
});
