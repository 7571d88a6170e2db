import { describe, test, expect } from 'vitest';
import { SparkSession, estimateRowBytes, type JobReport, type Row } from '@sai/spark';
import { expectDeterministic, expectSameRows, gen, innerJoinMerged, memoByInput, property, sameValue, show, type JoinSides, type Layout } from '@sai/checks';
import { objectsWithin, partitionedRdd, watchBroadcasts } from '@sai/spark-checks';
import { broadcastHashJoin } from './solution';

/** One generated situation: a large side and a small side sharing look-alike keys, in odd partition layouts. */
interface Case {
  sides: JoinSides<Row, Row>;
  largeLayout: Layout;
  smallLayout: Layout;
  executors: number;
}

const cases = gen.record<Case>({
  sides: gen.joinSides<Row, Row>('k', { columns: { l: gen.integer(0, 99) }, max: 14 }, { columns: { s: gen.oneOf(['x', 'y', '', null]) }, max: 8 }),
  largeLayout: gen.layout(5),
  smallLayout: gen.layout(3),
  executors: gen.integer(1, 4),
});

/**
 * Runs the learner's join on one case. Every large row gets an id, to see where it was joined. What was
 * broadcast is noted, then the driver's originals are emptied before the action: the executors' copies
 * were serialized when the broadcast was made (as in Spark), so a join that reads handle.value in its
 * tasks is unaffected, and one that reads the driver's table from its closure finds it empty.
 */
const run = memoByInput((c: Case) => {
  const spark = new SparkSession({ executors: c.executors, coresPerExecutor: 2 });
  const sc = spark.sparkContext;
  const watch = watchBroadcasts(sc);
  const largeRows: Row[] = c.sides.left.map((row, i) => ({ ...row, lid: i }));
  const largeParts = gen.applyLayout(largeRows, c.largeLayout);
  const small = partitionedRdd(sc, gen.applyLayout(c.sides.right, c.smallLayout));
  const before = spark.jobs.length;
  const joined = broadcastHashJoin(spark, partitionedRdd(sc, largeParts), small, 'k');
  const building = spark.jobs.slice(before);
  const shipped = watch.values.flatMap((value) => objectsWithin(value));
  watch.emptyDriverOriginals();
  const partitions = joined.collectPartitions();
  return { largeRows, largeParts, joined, partitions, building, shipped, action: spark.lastJob() as JobReport };
});

const describeCase = (c: Case) =>
  `large ${show(c.sides.left)} in ${c.largeLayout.partitions} partition(s), small ${show(c.sides.right)}, ${c.executors} executor(s)`;
const bytesOf = (rows: readonly Row[]) => rows.reduce((sum, row) => sum + estimateRowBytes(row), 0);
const copiesIn = (job: JobReport) => job.trace.transfers.filter((t) => t.kind === 'broadcast');

/**
 * One copy of the broadcast, per executor, must be about the small side's size: at least half of its
 * rows with a key (a table can skip null keys), at most three times all of it (a Map adds some bytes).
 */
function expectOneSmallCopyPerExecutor(job: JobReport, small: readonly Row[]): void {
  const copies = copiesIn(job);
  const perExecutor = new Set(copies.map((t) => t.toExecutor));
  expect(perExecutor.size, 'each executor that reads the broadcast receives it once').toBe(copies.length);
  const withKey = bytesOf(small.filter((row) => row.k !== null));
  const all = bytesOf(small);
  for (const copy of copies) {
    if (copy.bytes >= 0.5 * withKey && copy.bytes <= 3 * all + 256) continue;
    expect.fail(
      `one copy of the broadcast was ${copy.bytes} bytes, but the small side's rows take ${all} bytes: ` +
        'broadcast ONE table built from the small side (the whole table, not a piece of it, and not the large side)',
    );
  }
}

describe('broadcastHashJoin: the rows', () => {
  test('the instructions example', () => {
    const spark = new SparkSession();
    const sc = spark.sparkContext;
    const clicks = sc.parallelize([{ click: 1, page: 3 }, { click: 2, page: 9 }, { click: 3, page: null }], 2);
    const pages = sc.parallelize([{ page: 3, title: 'Home' }, { page: null, title: '?' }]);
    const joined = broadcastHashJoin(spark, clicks, pages, 'page');
    expectSameRows(joined.collect(), [{ click: 1, page: 3, title: 'Home' }], 'the example join');
    expect(joined.getNumPartitions(), 'still in the large side\'s 2 partitions').toBe(2);
  });

  test('every pair of rows with the same key, both rows\' columns, for any input', () => {
    property(cases, (c) => expectSameRows(run(c).partitions.flat(), innerJoinMerged(run(c).largeRows, c.sides.right, 'k'), 'the joined rows'), {
      runs: 24,
      describe: describeCase,
    });
  });

  test('a null key matches nothing, and duplicate keys on the small side multiply', () => {
    const spark = new SparkSession();
    const sc = spark.sparkContext;
    const large = sc.parallelize([{ click: 1, page: 3 }, { click: 2, page: 3 }, { click: 3, page: null }], 2);
    const small = sc.parallelize([{ page: 3, lang: 'en' }, { page: 3, lang: 'fr' }, { page: 3, lang: 'de' }, { page: null, lang: '?' }], 2);
    const rows = broadcastHashJoin(spark, large, small, 'page').collect();
    expect(rows.filter((row) => row.page === null), 'null never equals null in a join').toEqual([]);
    expect(rows.length, '2 clicks on page 3 x 3 rows for page 3 = 6 rows: keep every small-side row of a key in the table').toBe(6);
  });

  test('identical rows are each joined: a click logged twice joins twice, on either side and in one partition', () => {
    const spark = new SparkSession();
    const sc = spark.sparkContext;
    const largeRows = [{ click: 7, page: 3 }, { click: 7, page: 3 }, { click: 8, page: 5 }];
    const smallRows = [{ page: 3, title: 'Home' }, { page: 3, title: 'Home' }, { page: 5, title: 'Cart' }];
    const joined = broadcastHashJoin(spark, partitionedRdd(sc, [largeRows]), partitionedRdd(sc, [smallRows]), 'page');
    expectSameRows(joined.collect(), innerJoinMerged(largeRows, smallRows, 'page'), 'rows are not de-duplicated by a join: 2 x 2 rows for page 3, 1 for page 5');
  });

  test("keys match only when they are the same value: 1 is not '1'; NaN matches NaN, -0 matches 0", () => {
    const spark = new SparkSession();
    const sc = spark.sparkContext;
    const large = sc.parallelize([{ id: 'a', k: 1 }, { id: 'b', k: 0 }, { id: 'c', k: NaN }, { id: 'd', k: -0 }, { id: 'e', k: false }]);
    const small = sc.parallelize([{ k: '1', v: 'string one' }, { k: 0, v: 'zero' }, { k: NaN, v: 'nan' }, { k: '', v: 'empty' }]);
    expectSameRows(
      broadcastHashJoin(spark, large, small, 'k').collect(),
      innerJoinMerged(
        [{ id: 'a', k: 1 }, { id: 'b', k: 0 }, { id: 'c', k: NaN }, { id: 'd', k: -0 }, { id: 'e', k: false }],
        [{ k: '1', v: 'string one' }, { k: 0, v: 'zero' }, { k: NaN, v: 'nan' }, { k: '', v: 'empty' }],
        'k',
      ),
      'join keys compare like Map keys',
    );
  });

  test("NaN is not Infinity or 'NaN', and null is not 'null': keys are values, not their text", () => {
    const spark = new SparkSession();
    const sc = spark.sparkContext;
    const largeRows = [{ id: 'a', k: NaN }, { id: 'b', k: Infinity }, { id: 'c', k: null }, { id: 'd', k: 'null' }, { id: 'e', k: -Infinity }, { id: 'f', k: 'NULL' }];
    const smallRows = [{ k: 'NaN', v: 'text NaN' }, { k: Infinity, v: 'inf' }, { k: null, v: 'nobody' }, { k: 'null', v: 'text null' }, { k: NaN, v: 'nan' }];
    expectSameRows(
      broadcastHashJoin(spark, sc.parallelize(largeRows, 2), sc.parallelize(smallRows), 'k').collect(),
      innerJoinMerged(largeRows, smallRows, 'k'),
      'compare the key values themselves (as a Map does), never a text made from them',
    );
  });
});

describe('broadcastHashJoin: how the data moved', () => {
  test('the large side never moves: same partitions, each row joined where it started', () => {
    property(
      cases,
      (c) => {
        const { joined, partitions, largeParts } = run(c);
        expect(joined.getNumPartitions(), `one output partition per partition of the LARGE side (${largeParts.length})`).toBe(largeParts.length);
        const home = new Map<unknown, number>();
        largeParts.forEach((rows, index) => rows.forEach((row) => home.set(row.lid, index)));
        const moved = partitions.flatMap((rows, index) =>
          rows.filter((row) => home.get(row.lid) !== index).map((row) => `large row ${show(row.lid)} joined in partition ${index}, it lives in ${home.get(row.lid)}`),
        );
        expect(moved, 'probe each partition of the large side where it is (mapPartitions): never shuffle it').toEqual([]);
      },
      { runs: 24, describe: describeCase },
    );
  });

  test('nothing is shuffled, and building the join collects only the small side', () => {
    property(
      cases,
      (c) => {
        const { building, action } = run(c);
        for (const job of [...building, action]) expect(job.metrics.shuffleWriteRecords, `records shuffled by the '${job.description}' job`).toBe(0);
        expect(building.length, 'jobs your function ran while building the join (one collect of the small side at most)').toBeLessThanOrEqual(1);
        for (const job of building) {
          expect(job.metrics.outputRecords, 'the job your function ran should collect the small side and nothing else').toBe(c.sides.right.length);
        }
      },
      { runs: 24, describe: describeCase },
    );
  });

  test('the small side travels as ONE broadcast: one copy of about its size per executor, never once per task', () => {
    property(
      cases,
      (c) => {
        const { action, largeRows } = run(c);
        if (innerJoinMerged(largeRows, c.sides.right, 'k').length > 0) {
          expect(copiesIn(action).length, 'a join with matches must read a broadcast (spark.sparkContext.broadcast(table), then .value in the tasks)').toBeGreaterThan(0);
        }
        expectOneSmallCopyPerExecutor(action, c.sides.right);
      },
      { runs: 24, describe: describeCase },
    );
  });

  test('the same input gives the same rows in the same partitions on every run', () => {
    property(cases, (c) => void expectDeterministic(() => run(c).joined.collectPartitions(), 'The partitions of your join'), { runs: 5, describe: describeCase });
  });

  test('the tasks probe the broadcast itself: it holds the small side\'s rows, and the rows come from handle.value', () => {
    property(
      cases,
      (c) => {
        const { shipped, partitions, largeRows } = run(c);
        // Every small row with a key must be in what was broadcast (the key column may be left out of it).
        const absent = c.sides.right.filter(
          (row) => row.k !== null && !shipped.some((held) => Object.entries(row).every(([column, v]) => column === 'k' || sameValue(held[column], v))),
        );
        expect(absent, 'small-side rows missing from what you broadcast: broadcast the table of the small side\'s rows, not a stand-in').toEqual([]);
        expectSameRows(
          partitions.flat(),
          innerJoinMerged(largeRows, c.sides.right, 'k'),
          "the joined rows once the driver's own table is emptied after the broadcast is made (read the table through handle.value in the tasks, not from the closure)",
        );
      },
      { runs: 24, describe: describeCase },
    );
  });
});

describe('broadcastHashJoin: a teaching case (120 clicks, 25 pages, 4 executors)', () => {
  const clicks: Row[] = Array.from({ length: 120 }, (_, i) => ({ click: i, page: (i * 13) % 30, ms: (i * 37) % 1000, ref: `ad campaign ${i % 7}` }));
  const pages: Row[] = Array.from({ length: 25 }, (_, i) => ({ page: i, title: `page ${i}` }));

  function join(largePartitions: number) {
    const spark = new SparkSession({ executors: 4, coresPerExecutor: 2 });
    const sc = spark.sparkContext;
    const rows = broadcastHashJoin(spark, sc.parallelize(clicks, largePartitions), sc.parallelize(pages, 2), 'page').collect();
    return { rows, job: spark.lastJob() as JobReport };
  }

  test('it is the SMALL side that is broadcast, whole, and not hidden in the tasks\' closure', () => {
    const { rows, job } = join(1);
    expectSameRows(rows, innerJoinMerged(clicks, pages, 'page'), 'clicks joined with their pages');
    const copies = copiesIn(job);
    expect(copies.length, 'one task on one executor: exactly one copy of the broadcast').toBe(1);
    expect(
      copies[0].bytes,
      `one copy should be about the pages' size (${bytesOf(pages)} bytes), far below the clicks (${bytesOf(clicks)} bytes)`,
    ).toBeLessThan(bytesOf(clicks) / 2);
    expectOneSmallCopyPerExecutor(job, pages);
  });

  test('8 tasks on 4 executors fetch the table 4 times, not 8', () => {
    const one = copiesIn(join(1).job).reduce((sum, t) => sum + t.bytes, 0);
    const spread = copiesIn(join(8).job);
    expect(spread.map((t) => t.toExecutor).sort(), 'one copy for each of the 4 executors').toEqual([0, 1, 2, 3]);
    expect(spread.reduce((sum, t) => sum + t.bytes, 0), 'four copies of the same table in total: create ONE broadcast on the driver').toBe(4 * one);
  });
});
