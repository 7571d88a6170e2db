import { describe, expect, test } from 'vitest';
import { SparkSession, broadcast, type DataFrame, type HintName, type JoinStrategyName, type JoinType, type Row } from '@sai/spark';
import { canon } from './helpers.ts';

/**
 * The two tables. `padOrders` adds 40 rows that a filter removes again: the planner still estimates orders
 * at 45 rows (a filter keeps its child's estimate), so customers is much smaller than orders at plan time.
 */
function tables(conf: Record<string, string | number | boolean> = {}, padOrders = false) {
  const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 5, ...conf } });
  const orderRows: Row[] = [
    { id: 1, item: 'x' },
    { id: 2, item: 'y' },
    { id: 2, item: 'z' },
    { id: null, item: 'n1' },
    { id: 4, item: 'w' },
  ];
  const padding: Row[] = Array.from({ length: 40 }, (_, i) => ({ id: 1000 + i, item: 'pad' }));
  const allOrders = spark.createDataFrame(padOrders ? [...orderRows, ...padding] : orderRows, { name: 'orders', numPartitions: 3 });
  const orders = padOrders ? allOrders.filter((r) => r.item !== 'pad') : allOrders;
  const customers = spark.createDataFrame(
    [
      { id: 1, score: 10 },
      { id: 2, score: 20 },
      { id: 3, score: 30 },
      { id: null, score: 99 },
      { id: 2, score: 21 },
    ],
    { name: 'customers', numPartitions: 2 },
  );
  return { spark, orders, customers };
}

// Hand-computed results of orders JOIN customers USING (id).
const matched: Row[] = [
  { id: 1, item: 'x', score: 10 },
  { id: 2, item: 'y', score: 20 },
  { id: 2, item: 'y', score: 21 },
  { id: 2, item: 'z', score: 20 },
  { id: 2, item: 'z', score: 21 },
];
const expected: Record<string, Row[]> = {
  inner: matched,
  left: [...matched, { id: null, item: 'n1', score: null }, { id: 4, item: 'w', score: null }],
  right: [...matched, { id: 3, item: null, score: 30 }, { id: null, item: null, score: 99 }],
  full: [
    ...matched,
    { id: null, item: 'n1', score: null },
    { id: 4, item: 'w', score: null },
    { id: 3, item: null, score: 30 },
    { id: null, item: null, score: 99 },
  ],
  left_semi: [
    { id: 1, item: 'x' },
    { id: 2, item: 'y' },
    { id: 2, item: 'z' },
  ],
  left_anti: [
    { id: null, item: 'n1' },
    { id: 4, item: 'w' },
  ],
};

const aliases: Record<string, JoinType[]> = {
  inner: ['inner'],
  left: ['left', 'left_outer', 'leftouter'],
  right: ['right', 'right_outer', 'rightouter'],
  full: ['full', 'outer', 'full_outer', 'fullouter'],
  left_semi: ['left_semi', 'leftsemi', 'semi'],
  left_anti: ['left_anti', 'leftanti', 'anti'],
};

type Way = {
  name: string;
  conf?: Record<string, string | number | boolean>;
  padOrders?: boolean;
  /** The strategy that must have run for each join kind (each way proves it reached the strategy it names). */
  strategy: (kind: string) => JoinStrategyName;
};

// Full outer is never a broadcast hash join; a broadcast hint on a side that can't be built falls back to sizes,
// which broadcast the other (tiny) side.
const broadcastUnlessFull = (kind: string): JoinStrategyName => (kind === 'full' ? 'SortMergeJoin' : 'BroadcastHashJoin');

/** Ways to run the same join: every strategy the planner can be pushed to. */
const ways: Way[] = [
  { name: 'default plan (small tables broadcast)', strategy: broadcastUnlessFull },
  { name: 'broadcast hint right', strategy: broadcastUnlessFull },
  { name: 'broadcast hint left', strategy: broadcastUnlessFull },
  { name: 'merge hint', strategy: () => 'SortMergeJoin' },
  { name: 'shuffle_hash hint right', strategy: () => 'ShuffledHashJoin' },
  // semi/anti joins can't hash their left side: the hint is ignored and the tiny right side is broadcast
  { name: 'shuffle_hash hint left', strategy: (k) => (k === 'left_semi' || k === 'left_anti' ? 'BroadcastHashJoin' : 'ShuffledHashJoin') },
  {
    name: 'no broadcast, no AQE',
    conf: { 'spark.sql.autoBroadcastJoinThreshold': -1, 'spark.sql.adaptive.enabled': false },
    strategy: () => 'SortMergeJoin',
  },
  {
    // customers (120 bytes) is over the 100-byte threshold but under threshold x 5 partitions, and at least
    // 3x smaller than the padded orders estimate (1440 bytes): Spark hashes it per partition.
    name: 'shuffled hash preferred',
    conf: { 'spark.sql.autoBroadcastJoinThreshold': 100, 'spark.sql.join.preferSortMergeJoin': false },
    padOrders: true,
    strategy: () => 'ShuffledHashJoin',
  },
];

describe('join semantics', () => {
  for (const [kind, names] of Object.entries(aliases)) {
    for (const how of names) {
      test(`${how} join gives the hand-computed rows`, () => {
        const { orders, customers } = tables();
        const df = orders.join(customers, 'id', how);
        expect(canon(df.collect())).toEqual(canon(expected[kind]));
        expect(df.count()).toBe(expected[kind].length);
      });
    }
  }

  test('inner is the default join type', () => {
    const { orders, customers } = tables();
    expect(canon(orders.join(customers, 'id').collect())).toEqual(canon(matched));
  });

  test('output columns: key once, then left columns, then right columns; semi/anti keep only the left', () => {
    const { orders, customers } = tables();
    expect(orders.join(customers, 'id', 'right').columns).toEqual(['id', 'item', 'score']);
    expect(customers.join(orders, 'id').columns).toEqual(['id', 'score', 'item']);
    expect(orders.join(customers, 'id', 'semi').columns).toEqual(['id', 'item']);
  });

  test('key column order follows the join keys even when the left side lists them later', () => {
    const { spark } = tables();
    const l = spark.createDataFrame([{ a: 'p', k: 1 }]);
    const r = spark.createDataFrame([{ k: 1, b: 'q' }]);
    const rows = l.join(r, 'k').collect();
    expect(rows).toEqual([{ k: 1, a: 'p', b: 'q' }]);
    expect(Object.keys(rows[0])).toEqual(['k', 'a', 'b']);
  });

  for (const way of ways) {
    for (const kind of Object.keys(expected)) {
      test(`${kind} via ${way.name} gives the same rows`, () => {
        const { spark, orders, customers } = tables(way.conf, way.padOrders);
        const joined = joinWith(way.name, orders, customers, aliases[kind][0]);
        expect(canon(joined.collect())).toEqual(canon(expected[kind]));
        expect(spark.lastJob()!.strategy, `${kind} via ${way.name}`).toBe(way.strategy(kind));
      });
    }
  }

  function joinWith(name: string, o: DataFrame, c: DataFrame, how: JoinType): DataFrame {
    const hint = (df: DataFrame, h: HintName) => df.hint(h);
    switch (name) {
      case 'broadcast hint right':
        return o.join(broadcast(c), 'id', how);
      case 'broadcast hint left':
        return broadcast(o).join(c, 'id', how);
      case 'merge hint':
        return o.join(hint(c, 'merge'), 'id', how);
      case 'shuffle_hash hint right':
        return o.join(hint(c, 'shuffle_hash'), 'id', how);
      case 'shuffle_hash hint left':
        return hint(o, 'shuffle_hash').join(c, 'id', how);
      default:
        return o.join(c, 'id', how);
    }
  }

  test('duplicate keys multiply: m rows x n rows with the same key give m*n rows', () => {
    const spark = new SparkSession();
    const l = spark.createDataFrame([1, 2, 3].map((i) => ({ k: 'a', l: i })));
    const r = spark.createDataFrame([1, 2, 3, 4].map((i) => ({ k: 'a', r: i })));
    const ran: (JoinStrategyName | undefined)[] = [];
    for (const right of [r, r.hint('merge'), r.hint('shuffle_hash')]) {
      const rows = l.join(right, 'k').collect();
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((x) => `${x.l}-${x.r}`)).size).toBe(12);
      ran.push(spark.lastJob()!.strategy);
    }
    expect(ran).toEqual(['BroadcastHashJoin', 'SortMergeJoin', 'ShuffledHashJoin']);
  });

  test('null keys never match, even null = null, for every strategy', () => {
    const spark = new SparkSession();
    const l = spark.createDataFrame([{ k: null, a: 1 }]);
    const r = spark.createDataFrame([{ k: null, b: 2 }]);
    const ran = new Set<JoinStrategyName | undefined>();
    for (const right of [r, r.hint('merge'), r.hint('shuffle_hash'), broadcast(r)]) {
      expect(l.join(right, 'k').collect()).toEqual([]);
      expect(l.join(right, 'k', 'semi').collect()).toEqual([]);
      expect(l.join(right, 'k', 'anti').collect()).toEqual([{ k: null, a: 1 }]);
      expect(canon(l.join(right, 'k', 'left').collect())).toEqual(canon([{ k: null, a: 1, b: null }]));
      expect(canon(l.join(right, 'k', 'right').collect())).toEqual(canon([{ k: null, a: null, b: 2 }]));
      // full outer keeps both null-key rows, unmerged
      expect(canon(l.join(right, 'k', 'full').collect())).toEqual(canon([{ k: null, a: 1, b: null }, { k: null, a: null, b: 2 }]));
      for (const job of spark.jobs.slice(-6)) ran.add(job.strategy);
    }
    expect([...ran].sort()).toEqual(['BroadcastHashJoin', 'ShuffledHashJoin', 'SortMergeJoin']);
  });

  test('multi-column keys: a row matches only when every key column is equal and none is null', () => {
    const spark = new SparkSession();
    const l = spark.createDataFrame([
      { a: 1, b: 'x', v: 1 },
      { a: 1, b: 'y', v: 2 },
      { a: 1, b: null, v: 3 },
    ]);
    const r = spark.createDataFrame([
      { a: 1, b: 'x', w: 10 },
      { a: 2, b: 'y', w: 20 },
      { a: 1, b: null, w: 30 },
    ]);
    const ran: (JoinStrategyName | undefined)[] = [];
    for (const right of [r, r.hint('merge'), r.hint('shuffle_hash')]) {
      expect(l.join(right, ['a', 'b']).collect()).toEqual([{ a: 1, b: 'x', v: 1, w: 10 }]);
      ran.push(spark.lastJob()!.strategy);
      expect(l.join(right, ['a', 'b'], 'anti').count()).toBe(2);
    }
    expect(ran).toEqual(['BroadcastHashJoin', 'SortMergeJoin', 'ShuffledHashJoin']);
  });

  test('a number key does not match the same digits as a string', () => {
    const spark = new SparkSession();
    const l = spark.createDataFrame([{ k: 1, a: 1 }]);
    const r = spark.createDataFrame([{ k: '1', b: 2 }]);
    expect(l.join(r, 'k').count()).toBe(0);
    expect(l.join(r.hint('merge'), 'k').count()).toBe(0);
  });
});

describe('join errors a learner can act on', () => {
  test('a missing key column names the column and the side', () => {
    const { orders, customers } = tables();
    expect(() => orders.join(customers, 'score')).toThrow(/'score'.*left side/);
    expect(() => orders.join(customers, 'item')).toThrow(/'item'.*right side/);
  });

  test('a non-key column on both sides asks to rename one', () => {
    const spark = new SparkSession();
    const l = spark.createDataFrame([{ id: 1, name: 'a' }]);
    const r = spark.createDataFrame([{ id: 1, name: 'b' }]);
    expect(() => l.join(r, 'id')).toThrow(/'name'.*[Rr]ename/);
    expect(l.join(r.withColumnRenamed('name', 'name_right'), 'id').collect()).toEqual([{ id: 1, name: 'a', name_right: 'b' }]);
  });

  test('an unknown join type lists the valid ones', () => {
    const { orders, customers } = tables();
    expect(() => orders.join(customers, 'id', 'sideways' as JoinType)).toThrow(/left_semi/);
  });

  test('no join columns is an error', () => {
    const { orders, customers } = tables();
    expect(() => orders.join(customers, [])).toThrow(/join column/);
  });
});
