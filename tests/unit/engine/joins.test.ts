import { describe, expect, test } from 'vitest';
import { SparkSession, broadcast, type DataFrame, type HintName, type JoinType, type Row } from '@sai/spark';
import { canon } from './helpers.ts';

function tables(conf: Record<string, string | number | boolean> = {}) {
  const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 5, ...conf } });
  const orders = spark.createDataFrame(
    [
      { id: 1, item: 'x' },
      { id: 2, item: 'y' },
      { id: 2, item: 'z' },
      { id: null, item: 'n1' },
      { id: 4, item: 'w' },
    ],
    { name: 'orders', numPartitions: 3 },
  );
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

/** Ways to run the same join: every strategy the planner can be pushed to. */
const ways: { name: string; conf?: Record<string, string | number | boolean> }[] = [
  { name: 'default plan (small tables broadcast)' },
  { name: 'broadcast hint right' },
  { name: 'broadcast hint left' },
  { name: 'merge hint' },
  { name: 'shuffle_hash hint right' },
  { name: 'shuffle_hash hint left' },
  { name: 'no broadcast, no AQE', conf: { 'spark.sql.autoBroadcastJoinThreshold': -1, 'spark.sql.adaptive.enabled': false } },
  { name: 'shuffled hash preferred', conf: { 'spark.sql.autoBroadcastJoinThreshold': 1, 'spark.sql.join.preferSortMergeJoin': false } },
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
        const { orders, customers } = tables(way.conf);
        const joined = joinWith(way.name, orders, customers, aliases[kind][0]);
        expect(canon(joined.collect())).toEqual(canon(expected[kind]));
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
    for (const right of [r, r.hint('merge'), r.hint('shuffle_hash')]) {
      const rows = l.join(right, 'k').collect();
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((x) => `${x.l}-${x.r}`)).size).toBe(12);
    }
  });

  test('null keys never match, even null = null, for every strategy', () => {
    const spark = new SparkSession();
    const l = spark.createDataFrame([{ k: null, a: 1 }]);
    const r = spark.createDataFrame([{ k: null, b: 2 }]);
    for (const right of [r, r.hint('merge'), r.hint('shuffle_hash'), broadcast(r)]) {
      expect(l.join(right, 'k').collect()).toEqual([]);
      expect(l.join(right, 'k', 'semi').collect()).toEqual([]);
      expect(l.join(right, 'k', 'anti').collect()).toEqual([{ k: null, a: 1 }]);
      expect(canon(l.join(right, 'k', 'left').collect())).toEqual(canon([{ k: null, a: 1, b: null }]));
      expect(canon(l.join(right, 'k', 'right').collect())).toEqual(canon([{ k: null, a: null, b: 2 }]));
      // full outer keeps both null-key rows, unmerged
      expect(canon(l.join(right, 'k', 'full').collect())).toEqual(canon([{ k: null, a: 1, b: null }, { k: null, a: null, b: 2 }]));
    }
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
    for (const right of [r, r.hint('merge'), r.hint('shuffle_hash')]) {
      expect(l.join(right, ['a', 'b']).collect()).toEqual([{ a: 1, b: 'x', v: 1, w: 10 }]);
      expect(l.join(right, ['a', 'b'], 'anti').count()).toBe(2);
    }
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
