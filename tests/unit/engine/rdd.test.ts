import { describe, expect, test } from 'vitest';
import { SparkSession, hashPartition } from '@sai/spark';

const spark = () => new SparkSession({ executors: 2, coresPerExecutor: 2 });

describe('RDD basics', () => {
  test('parallelize splits like Spark and defaults to executors x cores slices', () => {
    const s = spark();
    expect(s.sparkContext.defaultParallelism).toBe(4);
    const rdd = s.sparkContext.parallelize([1, 2, 3, 4, 5, 6, 7]);
    expect(rdd.getNumPartitions()).toBe(4);
    expect(rdd.collectPartitions()).toEqual([[1], [2, 3], [4, 5], [6, 7]]);
    expect(s.sparkContext.parallelize([1, 2, 3], 3).collectPartitions()).toEqual([[1], [2], [3]]);
  });

  test('transformations are lazy: nothing runs until an action', () => {
    const s = spark();
    let calls = 0;
    const rdd = s.sparkContext.parallelize([1, 2, 3]).map((x) => {
      calls++;
      return x * 2;
    });
    expect(calls).toBe(0);
    expect(s.jobs).toHaveLength(0);
    expect(rdd.collect()).toEqual([2, 4, 6]);
    expect(calls).toBe(3);
    rdd.count();
    expect(calls).toBe(6); // no caching: each action recomputes the lineage
  });

  test('narrow transformations run in one stage with no shuffle', () => {
    const s = spark();
    const out = s.sparkContext
      .parallelize([1, 2, 3, 4, 5, 6], 3)
      .map((x) => x + 1)
      .filter((x) => x % 2 === 0)
      .flatMap((x) => [x, x])
      .keyBy((x) => x % 3)
      .collect();
    expect(out).toEqual([[2, 2], [2, 2], [1, 4], [1, 4], [0, 6], [0, 6]]);
    const job = s.lastJob()!;
    expect(job.metrics.stages).toBe(1);
    expect(job.metrics.tasks).toBe(3);
    expect(job.metrics.shuffleWriteRecords).toBe(0);
    expect(job.trace.transfers).toEqual([]);
  });

  test('mapPartitions and glom see whole partitions', () => {
    const s = spark();
    const rdd = s.sparkContext.parallelize([1, 2, 3, 4], 2);
    expect(rdd.mapPartitions((p, i) => [`${i}:${p.join('+')}`]).collect()).toEqual(['0:1+2', '1:3+4']);
    expect(rdd.glom().collect()).toEqual([[1, 2], [3, 4]]);
  });

  test('partitionBy is a shuffle that co-locates equal keys in partition hashPartition(key, n)', () => {
    const s = spark();
    const pairs = Array.from({ length: 40 }, (_, i) => [`k${i % 7}`, i] as [string, number]);
    const parts = s.sparkContext.parallelize(pairs, 4).partitionBy(3).collectPartitions();
    expect(parts).toHaveLength(3);
    const home = new Map<string, number>();
    parts.forEach((p, i) =>
      p.forEach(([k]) => {
        expect(home.get(k) ?? i).toBe(i);
        home.set(k, i);
        expect(hashPartition(k, 3)).toBe(i);
      }),
    );
    expect(home.size).toBe(7);
    const job = s.lastJob()!;
    expect(job.metrics.stages).toBe(2);
    expect(job.metrics.shuffleWriteRecords).toBe(40);
    expect(job.metrics.shuffleReadRecords).toBe(40);
  });

  test('partitionBy with a custom partitioner, and a clear error when it returns a bad partition', () => {
    const s = spark();
    const rdd = s.sparkContext.parallelize([[1, 'a'], [2, 'b'], [3, 'c']] as [number, string][], 2);
    expect(rdd.partitionBy(2, (k) => (k === 2 ? 1 : 0)).collectPartitions()).toEqual([[[1, 'a'], [3, 'c']], [[2, 'b']]]);
    expect(() => rdd.partitionBy(2, () => 5).collect()).toThrow(/partition number/);
  });

  test('partitioning an already hash-partitioned RDD the same way needs no second shuffle', () => {
    const s = spark();
    const p = s.sparkContext.parallelize([[1, 1], [2, 2]] as [number, number][]).partitionBy(4);
    expect(p.partitionBy(4)).toBe(p);
    expect(p.partitionBy(3)).not.toBe(p);
  });

  test('repartition deals records round robin over the new partitions', () => {
    const s = spark();
    const parts = s.sparkContext.parallelize(Array.from({ length: 12 }, (_, i) => i), 1).repartition(4).collectPartitions();
    expect(parts.map((p) => p.length)).toEqual([3, 3, 3, 3]);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(s.lastJob()!.metrics.shuffleWriteRecords).toBe(12);
  });

  test('zipPartitions pairs partition i with partition i and requires equal partition counts', () => {
    const s = spark();
    const a = s.sparkContext.parallelize([1, 2, 3, 4], 2);
    const b = s.sparkContext.parallelize(['a', 'b', 'c', 'd'], 2);
    expect(a.zipPartitions(b, (x, y, i) => [`${i}:${x.join('')}${y.join('')}`]).collect()).toEqual(['0:12ab', '1:34cd']);
    expect(() => a.zipPartitions(s.sparkContext.parallelize([1], 3), (x) => x)).toThrow(/same number of partitions.*2.*3/);
  });

  test('actions inside a task are refused, as in Spark', () => {
    const s = spark();
    const inner = s.sparkContext.parallelize([1]);
    expect(() => s.sparkContext.parallelize([1, 2]).map(() => inner.count()).collect()).toThrow(/SPARK-5063/);
  });
});

describe('immutability', () => {
  test('partitions are frozen: functions cannot change their input', () => {
    const s = spark();
    const rdd = s.sparkContext.parallelize([1, 2, 3, 4], 2);
    expect(() =>
      rdd
        .mapPartitions((p) => {
          (p as number[]).push(99);
          return p;
        })
        .collect(),
    ).toThrow(TypeError);
    const parts = rdd.map((x) => x * 10).collectPartitions();
    expect(Object.isFrozen(parts[0])).toBe(true);
    expect(() => parts[0].push(1)).toThrow(TypeError);
    expect(rdd.collect()).toEqual([1, 2, 3, 4]);
  });

  test('transformations never change their input RDD', () => {
    const s = spark();
    const base = s.sparkContext.parallelize([3, 1, 2]);
    base.map((x) => x * 2).collect();
    base.filter((x) => x > 1).collect();
    expect(base.collect()).toEqual([3, 1, 2]);
  });

  test('createDataFrame copies and freezes rows: later edits to the input change nothing', () => {
    const s = spark();
    const input = [{ id: 1, name: 'a' }];
    const df = s.createDataFrame(input);
    input[0].name = 'changed';
    input.push({ id: 2, name: 'b' });
    expect(df.collect()).toEqual([{ id: 1, name: 'a' }]);
    const row = df.collect()[0];
    expect(Object.isFrozen(row)).toBe(true);
    expect(df.rdd.collectPartitions().every((p) => Object.isFrozen(p))).toBe(true);
  });
});

describe('hashPartition', () => {
  test('is Spark-compatible murmur3 for ints (hash(1) = -559580957) with a non-negative modulo', () => {
    // pmod(-559580957, 200) = 200 - (559580957 % 200) = 200 - 157 = 43
    expect(hashPartition(1, 200)).toBe(43);
  });

  test('null goes to partition 0; results stay in range and are stable', () => {
    expect(hashPartition(null, 7)).toBe(0);
    for (const k of [0, -5, 2 ** 40, 1.5, 'abc', 'é', true, [1, 'x']]) {
      const p = hashPartition(k, 7);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(7);
      expect(hashPartition(k, 7)).toBe(p);
    }
    expect(() => hashPartition(1, 0)).toThrow(/positive/);
  });
});
