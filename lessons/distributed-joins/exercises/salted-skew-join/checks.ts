import { describe, test, expect } from 'vitest';
import { SparkSession, type DataFrame, type JobReport, type Row } from '@sai/spark';
import { saltedJoin } from './solution';

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

const SHUFFLE_PARTITIONS = 8;
/** No broadcast and no AQE skew handling: the join has to be a shuffle join and the skew stays visible. */
function session(): SparkSession {
  return new SparkSession({
    executors: 4,
    coresPerExecutor: 2,
    conf: {
      'spark.sql.shuffle.partitions': SHUFFLE_PARTITIONS,
      'spark.sql.autoBroadcastJoinThreshold': -1,
      'spark.sql.adaptive.skewJoin.enabled': false,
    },
  });
}

// Sales where store 's0' (a flagship store) has 240 of 300 rows; 's13' has no sales.
const sales: Row[] = Array.from({ length: 300 }, (_, i) => ({
  sale: i,
  store: i < 240 ? 's0' : `s${1 + (i % 12)}`,
  qty: 1 + (i % 5),
}));
const stores: Row[] = Array.from({ length: 14 }, (_, i) => ({ store: `s${i}`, city: ['Lisbon', 'Porto', 'Faro'][i % 3] }));

/** The job's stage that performed the join: the one that reads shuffled data. */
function joinStage(job: JobReport | undefined) {
  const stage = job?.stages.find((s) => s.shuffleReadRecords > 0);
  if (!stage) throw new Error('expected the join to run as a shuffle join (no shuffle-reading stage found)');
  return stage;
}

/** Runs the DataFrame and returns its rows and the job that produced them. */
function run(spark: SparkSession, df: DataFrame): { rows: Row[]; job: JobReport } {
  const rows = df.collect();
  const job = spark.lastJob();
  if (!job) throw new Error('collect() did not record a job');
  return { rows, job };
}

describe('saltedJoin: results', () => {
  test('gives the same rows as a plain inner join', () => {
    const spark = session();
    const { rows } = run(spark, saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 8));
    expect(sortedRows(rows), 'salting changes where rows are joined, never which rows come out').toEqual(
      sortedRows(nestedLoopJoin(sales, stores, 'store')),
    );
  });

  test('the salt column is gone', () => {
    const spark = session();
    const joined = saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 4);
    expect([...joined.columns].sort(), 'drop the salt after the join: only the facts\' and dims\' own columns remain').toEqual(
      ['city', 'qty', 'sale', 'store'],
    );
    const extra = joined.take(5).flatMap((row) => Object.keys(row).filter((c) => !['city', 'qty', 'sale', 'store'].includes(c)));
    expect(extra, 'columns left over in the rows').toEqual([]);
  });

  test('works with another key column and with saltBuckets = 1 (a plain join)', () => {
    const spark = session();
    const clicks: Row[] = Array.from({ length: 90 }, (_, i) => ({ click: i, user: i % 3 === 0 ? 7 : i % 11 }));
    const users: Row[] = Array.from({ length: 12 }, (_, i) => ({ user: i, plan: i % 2 === 0 ? 'free' : 'pro' }));
    for (const buckets of [1, 3]) {
      const { rows } = run(spark, saltedJoin(spark.createDataFrame(clicks), spark.createDataFrame(users), 'user', buckets));
      expect(sortedRows(rows), `join on 'user' with saltBuckets = ${buckets}`).toEqual(
        sortedRows(nestedLoopJoin(clicks, users, 'user')),
      );
    }
  });
});

describe('saltedJoin: skew', () => {
  test('the busiest join partition gets much smaller', () => {
    const spark = session();
    const plain = joinStage(run(spark, spark.createDataFrame(sales).join(spark.createDataFrame(stores), 'store')).job);
    const salted = joinStage(
      run(spark, saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 16)).job,
    );
    const plainMax = Math.max(...plain.partitionRecords);
    const saltedMax = Math.max(...salted.partitionRecords);
    expect(
      saltedMax,
      `without salting, one partition joins ${plainMax} rows: all 240 rows of store s0 meet there. With 16 salt buckets the hot key ` +
        `must be split so that no partition gets more than 40% of that. A salt computed from the key itself splits nothing.`,
    ).toBeLessThanOrEqual(0.4 * plainMax);
  });

  test('the hot key is joined in several partitions', () => {
    const spark = session();
    const joined = saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', 8);
    const partitionsWithHotKey = joined.rdd
      .collectPartitions()
      .filter((rows) => rows.some((row) => row.store === 's0')).length;
    expect(
      partitionsWithHotKey,
      'rows of store s0 should come out of more than one partition: different salts hash to different partitions',
    ).toBeGreaterThan(1);
  });

  test('every dimension row is copied exactly saltBuckets times', () => {
    const spark = session();
    for (const buckets of [5, 1]) {
      const { job } = run(spark, saltedJoin(spark.createDataFrame(sales), spark.createDataFrame(stores), 'store', buckets));
      expect(
        job.metrics.shuffleWriteRecords,
        `the shuffle should carry ${sales.length} fact rows once and ${stores.length} store rows x ${buckets} salt values`,
      ).toBe(sales.length + stores.length * buckets);
    }
  });
});
