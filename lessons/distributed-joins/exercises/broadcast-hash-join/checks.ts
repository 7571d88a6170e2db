import { describe, test, expect } from 'vitest';
import { SparkSession, estimateRowBytes, type JobReport, type Row } from '@sai/spark';
import { broadcastHashJoin } from './solution';

/** Rows with their columns in name order, sorted, so rows compare regardless of column or row order (and read well in a diff). */
const tidy = (row: Row): Row => Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k]]));
const sortedRows = (rows: Row[]): Row[] =>
  rows
    .map((row) => {
      const tidied = tidy(row);
      return [JSON.stringify(tidied), tidied] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, row]) => row);

/** The reference answer, computed here without the engine: every pair of rows with equal, non-null keys. */
function nestedLoopJoin(left: Row[], right: Row[], key: string): Row[] {
  const out: Row[] = [];
  for (const l of left) {
    for (const r of right) {
      if (l[key] !== null && l[key] === r[key]) out.push({ ...l, ...r });
    }
  }
  return out;
}

const EXECUTORS = 4;
const session = () => new SparkSession({ executors: EXECUTORS, coresPerExecutor: 2 });

// A large fact side (clicks) and a small dimension side (pages).
const clicks: Row[] = Array.from({ length: 240 }, (_, i) => ({ click: i, page: (i * 13) % 30, ms: (i * 37) % 1000 }));
const pages: Row[] = Array.from({ length: 25 }, (_, i) => ({ page: i, title: `page ${i}` }));

/** Sums one metric over the jobs that ran after `from`. */
function sumSince(spark: SparkSession, from: number, metric: keyof JobReport['metrics']): number {
  return spark.jobs.slice(from).reduce((sum, job) => sum + job.metrics[metric], 0);
}

/** Runs the learner's join with the large side in `largeSlices` partitions; returns the result and bytes broadcast. */
function runJoin(largeSlices: number) {
  const spark = session();
  const sc = spark.sparkContext;
  const large = sc.parallelize(clicks, largeSlices);
  const small = sc.parallelize(pages, 2);
  const from = spark.jobs.length;
  const rows = broadcastHashJoin(spark, large, small, 'page').collect();
  return { rows, broadcastBytes: sumSince(spark, from, 'broadcastBytes'), spark, from };
}

describe('broadcastHashJoin: results', () => {
  test('joins every click with its page', () => {
    const { rows } = runJoin(8);
    expect(sortedRows(rows), 'an inner join: each click with the columns of its page; pages 25-29 do not exist').toEqual(
      sortedRows(nestedLoopJoin(clicks, pages, 'page')),
    );
  });

  test('rows with a null key never match', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const large: Row[] = [...clicks.slice(0, 40), { click: 9001, page: null, ms: 1 }];
    const small: Row[] = [...pages, { page: null, title: 'unknown page' }];
    const rows = broadcastHashJoin(spark, sc.parallelize(large, 4), sc.parallelize(small, 2), 'page').collect();
    expect(rows.filter((row) => row.page === null).length, 'null never equals null in a join: no output row may have a null key').toBe(0);
    expect(sortedRows(rows)).toEqual(sortedRows(nestedLoopJoin(large, small, 'page')));
  });

  test('duplicate keys on the small side multiply', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const large: Row[] = [{ click: 1, page: 3 }, { click: 2, page: 3 }, { click: 3, page: 4 }];
    const small: Row[] = [{ page: 3, lang: 'en' }, { page: 3, lang: 'fr' }, { page: 3, lang: 'de' }, { page: 4, lang: 'en' }];
    const rows = broadcastHashJoin(spark, sc.parallelize(large, 2), sc.parallelize(small, 2), 'page').collect();
    expect(
      rows.filter((row) => row.page === 3).length,
      '2 clicks on page 3 x 3 rows for page 3 = 6 rows: keep every small-side row per key in the hash table',
    ).toBe(6);
    expect(sortedRows(rows)).toEqual(sortedRows(nestedLoopJoin(large, small, 'page')));
  });
});

describe('broadcastHashJoin: how the data moved', () => {
  test('nothing is shuffled', () => {
    const { spark, from } = runJoin(8);
    expect(
      sumSince(spark, from, 'shuffleWriteBytes'),
      'a broadcast join never shuffles: the large side is probed where it already is',
    ).toBe(0);
    expect(sumSince(spark, from, 'shuffleWriteRecords'), 'shuffled records').toBe(0);
  });

  test('the output keeps the large side\'s partitions', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const large = sc.parallelize(clicks, 6);
    const small = sc.parallelize(pages, 3);
    const joined = broadcastHashJoin(spark, large, small, 'page');
    expect(joined.getNumPartitions(), 'one output partition per partition of the LARGE side (6), which never moves').toBe(6);
    const clickHome = new Map<unknown, number>();
    large.collectPartitions().forEach((rows, index) => rows.forEach((row) => clickHome.set(row.click, index)));
    // One assertion for all rows (not one per row): cheap when it passes, specific when it fails.
    const moved = joined
      .collectPartitions()
      .flatMap((rows, index) => rows.filter((row) => clickHome.get(row.click) !== index).map((row) => `click ${String(row.click)} in partition ${index}`));
    expect(moved, 'every click should be joined in the partition it started in (the large side never moves)').toEqual([]);
  });

  test('the small side is sent with a broadcast', () => {
    const { broadcastBytes } = runJoin(8);
    expect(
      broadcastBytes,
      'use spark.sparkContext.broadcast(table) and read .value in the tasks: broadcastBytes should be above 0',
    ).toBeGreaterThan(0);
  });

  test('it is the SMALL side that is broadcast', () => {
    const { broadcastBytes } = runJoin(1); // one partition: one executor fetches the broadcast once
    const largeBytes = clicks.reduce((sum, row) => sum + estimateRowBytes(row), 0);
    expect(
      broadcastBytes,
      `one copy of the broadcast should be about the size of the small side, far below the large side (${largeBytes} bytes)`,
    ).toBeLessThan(largeBytes / 4);
  });

  test('each executor fetches the table once, whatever the number of tasks', () => {
    const once = runJoin(1).broadcastBytes; // 1 task on 1 executor
    const spread = runJoin(8).broadcastBytes; // 8 tasks, 2 on each of 4 executors
    expect(once, 'broadcastBytes with the large side in a single partition').toBeGreaterThan(0);
    expect(
      spread,
      `with 8 tasks on ${EXECUTORS} executors the table should travel ${EXECUTORS} times, not once per task: create ONE broadcast on the driver`,
    ).toBe(EXECUTORS * once);
  });
});
