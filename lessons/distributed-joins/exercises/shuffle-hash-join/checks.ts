import { describe, test, expect } from 'vitest';
import { SparkSession, hashPartition, type JobReport, type Row } from '@sai/spark';
import { expectDeterministic, expectSameRows, gen, innerJoinMerged, memoByInput, property, show, type JoinSides, type Layout } from '@sai/checks';
import { partitionedRdd } from '@sai/spark-checks';
import { shuffleHashJoin } from './solution';

/** One generated situation: two sides with look-alike and edge keys, duplicates and odd partition layouts. */
interface Case {
  sides: JoinSides<Row, Row>;
  leftLayout: Layout;
  rightLayout: Layout;
  numPartitions: number;
  executors: number;
}

const cases = gen.record<Case>({
  sides: gen.joinSides<Row, Row>('k', { columns: { l: gen.integer(0, 99) }, max: 14 }, { columns: { r: gen.oneOf(['x', 'y', '', null]) }, max: 10 }),
  leftLayout: gen.layout(4),
  rightLayout: gen.layout(4),
  // Small counts more often: with one partition every key meets every other key, look-alikes included.
  // (Larger counts are a teaching case below: each partition is one more task per generated case.)
  numPartitions: gen.oneOf([1, 1, 2, 3, 4, 7, 9]),
  executors: gen.integer(1, 4),
});

/** Runs the learner's join on one case: its partitions, the jobs it ran while building, the action's job. */
const run = memoByInput((c: Case) => {
  const spark = new SparkSession({ executors: c.executors, coresPerExecutor: 1 });
  const sc = spark.sparkContext;
  const left = partitionedRdd(sc, gen.applyLayout(c.sides.left, c.leftLayout));
  const right = partitionedRdd(sc, gen.applyLayout(c.sides.right, c.rightLayout));
  const before = spark.jobs.length;
  const joined = shuffleHashJoin(left, right, 'k', c.numPartitions);
  const jobsWhileBuilding = spark.jobs.slice(before);
  const partitions = joined.collectPartitions();
  return { joined, partitions, jobsWhileBuilding, job: spark.lastJob() as JobReport };
});

const describeCase = (c: Case) =>
  `left ${show(c.sides.left)} in ${c.leftLayout.partitions} partition(s), right ${show(c.sides.right)} in ${c.rightLayout.partitions}, numPartitions ${c.numPartitions}`;
const hasKey = (row: Row) => row.k !== null && row.k !== undefined;

describe('shuffleHashJoin: the rows', () => {
  test('the instructions example', () => {
    const sc = new SparkSession().sparkContext;
    const orders = sc.parallelize([{ order: 'o1', cust: 1 }, { order: 'o2', cust: 2 }, { order: 'o3', cust: null }]);
    const customers = sc.parallelize([{ cust: 1, name: 'Ada' }, { cust: null, name: 'Nobody' }]);
    expectSameRows(shuffleHashJoin(orders, customers, 'cust', 4).collect(), [{ order: 'o1', cust: 1, name: 'Ada' }], 'the example join');
  });

  test('every pair of rows with the same key, both rows\' columns, for any input', () => {
    property(cases, (c) => expectSameRows(run(c).partitions.flat(), innerJoinMerged(c.sides.left, c.sides.right, 'k'), 'the joined rows'), { runs: 24, describe: describeCase });
  });

  test('a null key matches nothing, not even another null', () => {
    const sc = new SparkSession().sparkContext;
    const left = sc.parallelize([{ id: 'a', k: null }, { id: 'b', k: 1 }], 2);
    const right = sc.parallelize([{ k: null, v: 'null partner' }, { k: 1, v: 'one' }], 2);
    const rows = shuffleHashJoin(left, right, 'k', 3).collect();
    expect(rows.filter((row) => row.k === null), 'null = null is not true in SQL: no output row may pair two null keys').toEqual([]);
  });

  test('duplicate keys multiply: 2 rows x 3 rows with the same key give 6 rows', () => {
    const sc = new SparkSession().sparkContext;
    const left = sc.parallelize([{ k: 7, l: 'a' }, { k: 7, l: 'b' }], 2);
    const right = sc.parallelize([{ k: 7, r: 'x' }, { k: 7, r: 'y' }, { k: 7, r: 'z' }], 2);
    expect(shuffleHashJoin(left, right, 'k', 2).count(), 'keep ALL rows of a key in the hash table, and emit one row per pair').toBe(6);
  });

  test("keys match only when they are the same value: 1 is not '1', and 0, '' and false are real keys", () => {
    const sc = new SparkSession().sparkContext;
    const left = sc.parallelize([{ k: 1, l: 'number 1' }, { k: 0, l: 'zero' }, { k: '', l: 'empty' }, { k: false, l: 'false' }], 2);
    const right = sc.parallelize([{ k: '1', r: 'string 1' }, { k: 0, r: 'zero' }, { k: '', r: 'empty' }, { k: false, r: 'false' }], 2);
    // One partition: every key meets every other key, so look-alikes have their chance to be confused.
    expectSameRows(
      shuffleHashJoin(left, right, 'k', 1).collect(),
      [{ k: 0, l: 'zero', r: 'zero' }, { k: '', l: 'empty', r: 'empty' }, { k: false, l: 'false', r: 'false' }],
      "1 and '1' are different keys; 0, '' and false are keys like any other (only null matches nothing)",
    );
  });

  test('NaN matches NaN and 0 matches -0, as in Spark SQL (and in a JavaScript Map)', () => {
    const sc = new SparkSession().sparkContext;
    const left = sc.parallelize([{ k: NaN, l: 'nan' }, { k: -0, l: 'minus zero' }], 2);
    const right = sc.parallelize([{ k: NaN, r: 'nan' }, { k: 0, r: 'zero' }], 2);
    expectSameRows(
      shuffleHashJoin(left, right, 'k', 2).collect(),
      [{ k: NaN, l: 'nan', r: 'nan' }, { k: 0, l: 'minus zero', r: 'zero' }],
      'join keys compare like Map keys: NaN is equal to NaN, and -0 to 0',
    );
  });

  test("NaN is not Infinity or 'NaN', and null is not 'null': keys are values, not their text", () => {
    const sc = new SparkSession().sparkContext;
    const leftRows = [{ k: NaN, l: 'nan' }, { k: Infinity, l: 'inf' }, { k: null, l: 'null' }, { k: 'null', l: 'text null' }, { k: -Infinity, l: '-inf' }];
    const rightRows = [{ k: 'NaN', r: 'text NaN' }, { k: Infinity, r: 'inf' }, { k: 'null', r: 'text null' }, { k: 'NULL', r: 'text NULL' }, { k: NaN, r: 'nan' }];
    // One partition: every key meets every other key.
    expectSameRows(
      shuffleHashJoin(sc.parallelize(leftRows, 2), sc.parallelize(rightRows, 2), 'k', 1).collect(),
      innerJoinMerged(leftRows, rightRows, 'k'),
      'compare the key values themselves (as a Map does), never a text made from them',
    );
  });
});

describe('shuffleHashJoin: how the data moved', () => {
  test('two joins computed in one job each get their own rows (a hash table shared beyond one task mixes them)', () => {
    const sc = new SparkSession({ executors: 2 }).sparkContext;
    const one = { left: [{ k: 1, l: 'a' }, { k: 2, l: 'b' }], right: [{ k: 1, r: 'x' }, { k: 2, r: 'w' }] };
    const two = { left: [{ k: 1, l: 'c' }, { k: 3, l: 'd' }], right: [{ k: 1, r: 'y' }, { k: 3, r: 'z' }] };
    const joins = [one, two].map((sides) => shuffleHashJoin(sc.parallelize(sides.left, 2), sc.parallelize(sides.right, 2), 'k', 2));
    const both = joins[0].zipPartitions(joins[1], (a, b) => [...a, ...b]).collect();
    expectSameRows(both, [...innerJoinMerged(one.left, one.right, 'k'), ...innerJoinMerged(two.left, two.right, 'k')], 'the rows of both joins, evaluated together');
  });
  test('any numPartitions is honoured, also large ones: 16, 33 and 64 output partitions', () => {
    const sc = new SparkSession({ executors: 4 }).sparkContext;
    const left = sc.parallelize(Array.from({ length: 40 }, (_, i) => ({ k: i % 13, l: i })), 3);
    const right = sc.parallelize(Array.from({ length: 13 }, (_, i) => ({ k: i, r: `r${i}` })), 2);
    for (const n of [16, 33, 64]) {
      expect(shuffleHashJoin(left, right, 'k', n).getNumPartitions(), `the output partitions for numPartitions = ${n}`).toBe(n);
    }
  });

  test('the output has numPartitions partitions, and each row sits in partition hashPartition(key, numPartitions)', () => {
    property(
      cases,
      (c) => {
        const { joined, partitions } = run(c);
        expect(joined.getNumPartitions(), `the join output is partitioned by the shuffle into numPartitions = ${c.numPartitions}`).toBe(c.numPartitions);
        const misplaced = partitions.flatMap((rows, index) =>
          rows.filter((row) => hashPartition(row.k, c.numPartitions) !== index).map((row) => `key ${show(row.k)} in partition ${index}, expected ${hashPartition(row.k, c.numPartitions)}`),
        );
        expect(misplaced, 'equal keys must meet in partition hashPartition(key, numPartitions) on BOTH sides').toEqual([]);
      },
      { runs: 24, describe: describeCase },
    );
  });

  test('each side is shuffled once: every row with a key crosses the shuffle, no row crosses twice', () => {
    property(
      cases,
      (c) => {
        const written = run(c).job.metrics.shuffleWriteRecords;
        const keyed = c.sides.left.filter(hasKey).length + c.sides.right.filter(hasKey).length;
        const all = c.sides.left.length + c.sides.right.length;
        expect(
          written >= keyed && written <= all,
          `shuffled ${written} records; expected every row with a key (${keyed}) at least once and no row twice (at most ${all}): partition both sides once, with no extra repartition`,
        ).toBe(true);
        expect(run(c).job.metrics.broadcastBytes, 'a shuffle join broadcasts nothing').toBe(0);
      },
      { runs: 24, describe: describeCase },
    );
  });

  test('building the join runs no job; only the action at the end does (nothing is collected to the driver)', () => {
    property(
      cases,
      (c) => expect(run(c).jobsWhileBuilding.map((job) => job.description), 'jobs run by shuffleHashJoin itself, before any action').toEqual([]),
      { runs: 24, describe: describeCase },
    );
  });

  test('the same input gives the same rows in the same partitions on every run', () => {
    property(
      cases,
      (c) => {
        const { joined } = run(c);
        expectDeterministic(() => joined.collectPartitions(), 'The partitions of your join');
      },
      { runs: 5, describe: describeCase },
    );
  });

  test('a teaching case: 80 events of 15 users against 12 users, sides in 5 and 3 partitions', () => {
    const spark = new SparkSession({ executors: 3, coresPerExecutor: 2 });
    const sc = spark.sparkContext;
    const events = Array.from({ length: 80 }, (_, i) => ({ event: i, user: `u${(i * 7) % 15}` }));
    const users = Array.from({ length: 12 }, (_, i) => ({ user: `u${i}`, country: ['DE', 'FR', 'PT', 'JP'][i % 4] }));
    const joined = shuffleHashJoin(sc.parallelize(events, 5), sc.parallelize(users, 3), 'user', 6);
    expectSameRows(joined.collect(), innerJoinMerged(events, users, 'user'), 'events joined with their users');
    expect(spark.lastJob()?.metrics.shuffleWriteRecords, 'all 80 + 12 rows cross the shuffle exactly once').toBe(92);
  });
});
