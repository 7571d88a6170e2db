import { afterEach, describe, expect, test, vi } from 'vitest';
import { SparkSession } from '@sai/spark';
import { canon } from './helpers.ts';

afterEach(() => vi.restoreAllMocks());

const people = () => {
  const spark = new SparkSession({ conf: { 'spark.sql.shuffle.partitions': 4 } });
  const df = spark.createDataFrame(
    [
      { id: 1, name: 'Ada', city: 'London' },
      { id: 2, name: 'Grace', city: 'NYC' },
      { id: 3, name: 'Alan', city: 'London' },
      { id: 4, name: 'Edsger' },
    ],
    { name: 'people', numPartitions: 2 },
  );
  return { spark, df };
};

describe('DataFrame transformations', () => {
  test('columns are the union of row keys; missing cells are null', () => {
    const { df } = people();
    expect(df.columns).toEqual(['id', 'name', 'city']);
    expect(df.collect()[3]).toEqual({ id: 4, name: 'Edsger', city: null });
  });

  test('filter / where / select / withColumn / withColumnRenamed / drop', () => {
    const { df } = people();
    const out = df
      .where((r) => r.city === 'London')
      .withColumn('upper', (r) => String(r.name).toUpperCase())
      .withColumnRenamed('name', 'first')
      .drop('city', 'nope')
      .select('id', 'upper', 'first')
      .collect();
    expect(out).toEqual([
      { id: 1, upper: 'ADA', first: 'Ada' },
      { id: 3, upper: 'ALAN', first: 'Alan' },
    ]);
    expect(df.withColumn('id', (r) => (r.id as number) * 10).columns).toEqual(['id', 'name', 'city']);
  });

  test('narrow DataFrame steps make one stage and no shuffle; repartition and groupBy shuffle', () => {
    const { spark, df } = people();
    df.filter((r) => r.id !== 2).select('id').collect();
    expect(spark.lastJob()!.metrics.stages).toBe(1);
    expect(spark.lastJob()!.metrics.shuffleWriteRecords).toBe(0);
    expect(df.repartition(3, 'city').rdd.getNumPartitions()).toBe(3);
    df.repartition(3, 'city').collect();
    expect(spark.lastJob()!.metrics.shuffleWriteRecords).toBe(4);
    expect(spark.lastJob()!.metrics.stages).toBe(2);
  });

  test('repartition by a column puts equal values together', () => {
    const { df } = people();
    const parts = df.repartition(3, 'city').rdd.collectPartitions();
    const where = new Map<unknown, number>();
    parts.forEach((p, i) =>
      p.forEach((r) => {
        expect(where.get(r.city) ?? i).toBe(i);
        where.set(r.city, i);
      }),
    );
    expect(parts.flat()).toHaveLength(4);
  });

  test('groupBy().count() counts per key, nulls as one group', () => {
    const { df } = people();
    expect(canon(df.groupBy('city').count().collect())).toEqual(
      canon([
        { city: 'London', count: 2 },
        { city: 'NYC', count: 1 },
        { city: null, count: 1 },
      ]),
    );
    expect(df.groupBy().count().collect()).toEqual([{ count: 4 }]);
  });

  test('flatMap makes zero or more rows per row', () => {
    const { df } = people();
    expect(df.flatMap((r) => ((r.id as number) % 2 ? [r, r] : [])).count()).toBe(4);
  });

  test('flatMap can declare new output columns, which later steps (and joins) can use', () => {
    const { spark, df } = people();
    const copies = df.flatMap((r) => [0, 1].map((copy) => ({ ...r, copy })), [...df.columns, 'copy']);
    expect(copies.columns).toEqual([...df.columns, 'copy']);
    expect(copies.count()).toBe(2 * df.count());
    const tags = spark.createDataFrame([{ copy: 1, tag: 'second' }]);
    const joined = copies.join(tags, 'copy').collect();
    expect(joined).toHaveLength(df.count());
    expect(joined.every((row) => row.tag === 'second' && row.copy === 1)).toBe(true);
    expect(() => df.flatMap((r) => [r], ['a', 'a'])).toThrow(/listed twice/);
  });

  test('take and show', () => {
    const { df } = people();
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(df.take(2)).toHaveLength(2);
    const table = df.select('id', 'name').show(2);
    expect(table).toBe(['+---+-----+', '| id| name|', '+---+-----+', '|  1|  Ada|', '|  2|Grace|', '+---+-----+', 'only showing top 2 rows'].join('\n'));
  });

  test('errors name the missing column and list the available ones', () => {
    const { df } = people();
    expect(() => df.select('age')).toThrow(/'age'.*id, name, city/);
    expect(() => df.groupBy('age')).toThrow(/'age'/);
    expect(() => df.repartition(0)).toThrow(/positive/);
    expect(() => df.filter('id > 1' as never)).toThrow(/function/);
    expect(() => df.hint('fast' as never)).toThrow(/Unknown hint/);
    const spark = new SparkSession();
    expect(() => spark.createDataFrame([{ a: { nested: 1 } } as never])).toThrow(/column 'a'/);
    expect(() => spark.createDataFrame([{ id: 1 }]).join(df, 'id')).toThrow(/same SparkSession/);
  });

  test('range gives ids 0..n-1 over evenly split partitions', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const spark = new SparkSession();
    const r = spark.range(10, { numPartitions: 3 });
    expect(r.collect().map((x) => x.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.rdd.collectPartitions().map((p) => p.length)).toEqual([3, 3, 4]);
    expect(r.explain()).toContain('Range (0, 10, step=1, splits=3)');
  });

  test('mapPartitions hands each partition and its index to the function, keeping per-partition state inside it', () => {
    const spark = new SparkSession();
    const df = spark.createDataFrame([{ v: 'a' }, { v: 'b' }, { v: 'c' }, { v: 'd' }], { numPartitions: 2 });
    const numbered = df.mapPartitions((rows, p) => rows.map((row, i) => ({ ...row, p, i })), [...df.columns, 'p', 'i']);
    expect(numbered.columns).toEqual(['v', 'p', 'i']);
    expect(numbered.rdd.collectPartitions()).toEqual([
      [{ v: 'a', p: 0, i: 0 }, { v: 'b', p: 0, i: 1 }],
      [{ v: 'c', p: 1, i: 0 }, { v: 'd', p: 1, i: 1 }],
    ]);
    // Running it again gives the same rows: nothing carries over between runs.
    expect(numbered.collect()).toEqual(numbered.collect());
    expect(numbered.queryExecution.explainString()).toMatch(/MapPartitions /);
  });

  test('rows from flatMap and mapPartitions fit the declared columns', () => {
    const spark = new SparkSession();
    const df = spark.createDataFrame([{ id: 1 }]);
    const extra = df.flatMap((row) => [{ ...row, stray: true }], ['id', 'label']);
    expect(extra.collect()).toEqual([{ id: 1, label: null }]);
    expect(() => df.mapPartitions(() => [7 as never]).collect()).toThrow(/returned 7 where a row object/);
  });
});

