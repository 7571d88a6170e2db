import { describe, test, expect } from 'vitest';
import { SparkSession, hashPartition, type Row } from '@sai/spark';
import { shuffleHashJoin } from './solution';

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

const orders: Row[] = [
  { order: 'o1', cust: 1, amount: 30 },
  { order: 'o2', cust: 2, amount: 12 },
  { order: 'o3', cust: 1, amount: 7 },
  { order: 'o4', cust: 4, amount: 99 }, // no such customer
  { order: 'o5', cust: 3, amount: 5 },
];
const customers: Row[] = [
  { cust: 1, name: 'Ada' },
  { cust: 2, name: 'Grace' },
  { cust: 3, name: 'Edsger' },
  { cust: 5, name: 'Barbara' }, // no orders
];

/** Larger inputs with different partition counts on each side. */
function bigInputs(): { left: Row[]; right: Row[] } {
  const left = Array.from({ length: 240 }, (_, i) => ({ event: i, user: `u${(i * 7) % 45}` }));
  const right = Array.from({ length: 40 }, (_, i) => ({ user: `u${i}`, country: ['DE', 'FR', 'PT', 'JP'][i % 4] }));
  return { left, right };
}

function session() {
  return new SparkSession({ executors: 3, coresPerExecutor: 2 });
}

describe('shuffleHashJoin: results', () => {
  test('joins a small orders/customers example correctly', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const joined = shuffleHashJoin(sc.parallelize(orders, 2), sc.parallelize(customers, 3), 'cust', 4).collect();
    const expected: Row[] = [
      { order: 'o1', cust: 1, amount: 30, name: 'Ada' },
      { order: 'o3', cust: 1, amount: 7, name: 'Ada' },
      { order: 'o2', cust: 2, amount: 12, name: 'Grace' },
      { order: 'o5', cust: 3, amount: 5, name: 'Edsger' },
    ];
    expect(sortedRows(joined), 'an inner join keeps only orders whose customer exists, with both sides\' columns').toEqual(
      sortedRows(expected),
    );
  });

  test('finds every match when the two sides start with different partition counts', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const { left, right } = bigInputs();
    const joined = shuffleHashJoin(sc.parallelize(left, 5), sc.parallelize(right, 3), 'user', 6).collect();
    expect(
      sortedRows(joined),
      'equal keys must meet in the same partition: partition BOTH sides by the key with the same number of partitions',
    ).toEqual(sortedRows(nestedLoopJoin(left, right, 'user')));
  });

  test('rows with a null key never match (null = null is not true in SQL)', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const left: Row[] = [...orders, { order: 'o6', cust: null, amount: 1 }, { order: 'o7', cust: null, amount: 2 }];
    const right: Row[] = [...customers, { cust: null, name: 'Nobody' }];
    const joined = shuffleHashJoin(sc.parallelize(left, 2), sc.parallelize(right, 2), 'cust', 3).collect();
    expect(
      joined.filter((row) => row.cust === null).length,
      'no output row may have a null key: null never equals null in a join condition',
    ).toBe(0);
    expect(sortedRows(joined), 'the join without null-key rows').toEqual(sortedRows(nestedLoopJoin(left, right, 'cust')));
  });

  test('duplicate keys multiply: 2 rows x 3 rows with the same key give 6 rows', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const left: Row[] = [{ k: 7, l: 'a' }, { k: 7, l: 'b' }, { k: 8, l: 'c' }];
    const right: Row[] = [{ k: 7, r: 'x' }, { k: 7, r: 'y' }, { k: 7, r: 'z' }, { k: 8, r: 'w' }];
    const joined = shuffleHashJoin(sc.parallelize(left, 2), sc.parallelize(right, 2), 'k', 2).collect();
    expect(
      joined.filter((row) => row.k === 7).length,
      'every left row with key 7 pairs with every right row with key 7: keep ALL rows per key in the hash table',
    ).toBe(6);
    expect(sortedRows(joined)).toEqual(sortedRows(nestedLoopJoin(left, right, 'k')));
  });
});

describe('shuffleHashJoin: how the data moved', () => {
  test('the output has numPartitions partitions', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const { left, right } = bigInputs();
    for (const n of [3, 7]) {
      const joined = shuffleHashJoin(sc.parallelize(left, 4), sc.parallelize(right, 2), 'user', n);
      expect(joined.getNumPartitions(), `the join output is partitioned by the shuffle into numPartitions = ${n}`).toBe(n);
    }
  });

  test('each key is joined in partition hashPartition(key, numPartitions)', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const { left, right } = bigInputs();
    const n = 5;
    const partitions = shuffleHashJoin(sc.parallelize(left, 4), sc.parallelize(right, 2), 'user', n).collectPartitions();
    expect(partitions.flat().length, 'the joined rows').toBe(nestedLoopJoin(left, right, 'user').length);
    // One assertion for all rows (not one per row): cheap when it passes, specific when it fails.
    const misplaced = partitions.flatMap((rows, index) =>
      rows
        .filter((row) => hashPartition(row.user, n) !== index)
        .map((row) => `user ${String(row.user)} in partition ${index}, expected ${hashPartition(row.user, n)}`),
    );
    expect(
      misplaced,
      `every row should sit in partition hashPartition(key, ${n}): a hash partitioner puts equal keys together`,
    ).toEqual([]);
  });

  test('both sides are shuffled exactly once, and nothing else is', () => {
    const spark = session();
    const sc = spark.sparkContext;
    const { left, right } = bigInputs();
    const jobsBefore = spark.jobs.length;
    shuffleHashJoin(sc.parallelize(left, 4), sc.parallelize(right, 2), 'user', 6).collect();
    const jobs = spark.jobs.slice(jobsBefore);
    const shuffled = jobs.reduce((sum, job) => sum + job.metrics.shuffleWriteRecords, 0);
    expect(
      shuffled,
      `every row of both sides crosses the shuffle once: ${left.length} left + ${right.length} right records (no extra repartition, no collecting)`,
    ).toBe(left.length + right.length);
    expect(jobs.length, 'building the join must not run jobs of its own; only the final collect() runs one').toBe(1);
  });
});
