/** AQE's CoalesceShufflePartitions: the arithmetic by hand, then what a learner sees in jobs, plans and notes. */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { SparkSession } from '@sai/spark';
import {
  coalesceShufflePartitions,
  coalesceTargetSize,
  packPartitions,
  type CoalesceSettings,
} from '../../../src/engine/spark/adaptive/coalesce-partitions.ts';
import { statisticsOf } from '../../../src/engine/spark/adaptive/map-output-statistics.ts';
import { coalescedSpec, partialReducerSpec } from '../../../src/engine/spark/adaptive/partition-spec.ts';
import { canon } from './helpers.ts';

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {}); // explain() prints its plan
  return () => vi.restoreAllMocks();
});

const MiB = 1024 * 1024;
const settings = (s: Partial<CoalesceSettings> = {}): CoalesceSettings => ({
  minNumPartitions: 8,
  advisoryPartitionSize: 64 * MiB,
  minPartitionSize: MiB,
  ...s,
});
/** One map task that wrote `sizes[r]` bytes for reducer r. */
const oneMap = (sizes: number[]) => statisticsOf([sizes]);

describe('target size', () => {
  test('defaults: a small shuffle aims at minPartitionSize (1 MiB)', () => {
    // ceil(1000 / 8) = 125 bytes would keep 8 tasks, but no task is made smaller than minPartitionSize
    expect(coalesceTargetSize(1000, settings())).toBe(MiB);
  });

  test('parallelismFirst: total / defaultParallelism, when that is above minPartitionSize', () => {
    expect(coalesceTargetSize(1000, settings({ minPartitionSize: 1 }))).toBe(125);
    expect(coalesceTargetSize(80 * MiB, settings())).toBe(10 * MiB);
  });

  test('never below 16 bytes', () => {
    expect(coalesceTargetSize(10, settings({ minPartitionSize: 1 }))).toBe(16);
  });

  test('parallelismFirst=false (minNumPartitions 1): the advisory size caps it', () => {
    expect(coalesceTargetSize(1000, settings({ minNumPartitions: 1, advisoryPartitionSize: 300, minPartitionSize: 1 }))).toBe(300);
    expect(coalesceTargetSize(1000 * MiB, settings({ minNumPartitions: 1 }))).toBe(64 * MiB);
    expect(coalesceTargetSize(200, settings({ minNumPartitions: 1, advisoryPartitionSize: 300, minPartitionSize: 1 }))).toBe(200);
  });
});

describe('packing partitions', () => {
  test('consecutive partitions are packed until the next one would go over the target', () => {
    expect(packPartitions([10, 20, 30, 40, 50], 0, 5, 60)).toEqual([
      { start: 0, end: 3, size: 60 }, // exactly the target still fits
      { start: 3, end: 4, size: 40 },
      { start: 4, end: 5, size: 50 },
    ]);
  });

  test("two shuffles read together are sized by their sum (Spark's documented example, target 128 MiB)", () => {
    const left = [100, 20, 100, 10, 30].map((x) => x * MiB);
    const right = [10, 10, 70, 5, 5].map((x) => x * MiB);
    const s = settings({ minNumPartitions: 1, advisoryPartitionSize: 128 * MiB });
    const result = coalesceShufflePartitions([oneMap(left), oneMap(right)], undefined, s)!;
    expect(result.targetSize).toBe(128 * MiB);
    expect(result.specs[0]).toEqual([
      coalescedSpec(0, 1, 100 * MiB),
      coalescedSpec(1, 2, 20 * MiB),
      coalescedSpec(2, 3, 100 * MiB),
      coalescedSpec(3, 5, 40 * MiB),
    ]);
    // both sides get the same reducer ranges (each spec with that side's own bytes)
    expect(result.specs[1].map((s) => [s.kind === 'coalesced' && s.startReducerIndex, s.kind === 'coalesced' && s.endReducerIndex])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
    expect(result.specs[1].map((s) => s.dataSize)).toEqual([10, 10, 70, 10].map((x) => x * MiB));
  });

  test('a range of 0 bytes gets no task', () => {
    // partition 0 is empty and 200 does not fit after it: the empty range [0, 1) is dropped
    expect(packPartitions([0, 200, 50], 0, 3, 100)).toEqual([
      { start: 1, end: 2, size: 200 },
      { start: 2, end: 3, size: 50 },
    ]);
    const result = coalesceShufflePartitions([oneMap([0, 200, 50, 0])], undefined, settings({ minNumPartitions: 1, advisoryPartitionSize: 100, minPartitionSize: 1 }))!;
    expect(result.specs[0]).toEqual([coalescedSpec(1, 2, 200), coalescedSpec(2, 4, 50)]);
  });

  test('when every partition is empty, one task still reads them all', () => {
    expect(packPartitions([0, 0, 0], 0, 3, 100)).toEqual([]);
    const result = coalesceShufflePartitions([oneMap([0, 0, 0]), oneMap([0, 0, 0])], undefined, settings())!;
    expect(result.specs).toEqual([[coalescedSpec(0, 3, 0)], [coalescedSpec(0, 3, 0)]]);
  });

  test('nothing is coalesced when every partition keeps its own task', () => {
    expect(coalesceShufflePartitions([oneMap([100, 100, 100])], undefined, settings({ minNumPartitions: 1, advisoryPartitionSize: 100, minPartitionSize: 1 }))).toBeUndefined();
    expect(coalesceShufflePartitions([oneMap([5])], undefined, settings())).toBeUndefined();
  });

  test('parallelismFirst keeps more tasks than the advisory size alone would', () => {
    const sizes = Array.from({ length: 16 }, () => 4 * MiB); // 64 MiB in total
    const first = coalesceShufflePartitions([oneMap(sizes)], undefined, settings({ minNumPartitions: 8 }))!;
    expect(first.targetSize).toBe(8 * MiB);
    expect(first.specs[0]).toHaveLength(8);
    const sizeFirst = coalesceShufflePartitions([oneMap(sizes)], undefined, settings({ minNumPartitions: 1 }))!;
    expect(sizeFirst.targetSize).toBe(64 * MiB);
    expect(sizeFirst.specs[0]).toEqual([coalescedSpec(0, 16, 64 * MiB)]);
  });

  test('minPartitionSize wins over parallelism', () => {
    const sizes = Array.from({ length: 16 }, () => 1000); // 16000 bytes: 8 tasks would be 2000 bytes each
    const result = coalesceShufflePartitions([oneMap(sizes)], undefined, settings({ minPartitionSize: 4000 }))!;
    expect(result.targetSize).toBe(4000);
    expect(result.specs[0]).toHaveLength(4);
  });

  test('skew splits stay as they are; only the partitions between them are packed', () => {
    // reducer 2 was split into two pieces on the left (the right side reads all of reducer 2 twice)
    const left = statisticsOf([
      [10, 10, 500, 10, 10, 10],
      [0, 0, 500, 0, 0, 0],
    ]);
    const right = oneMap([10, 10, 10, 10, 10, 10]);
    const input = [
      [coalescedSpec(0, 1, 10), coalescedSpec(1, 2, 10), partialReducerSpec(2, 0, 1, 500), partialReducerSpec(2, 1, 2, 500), coalescedSpec(3, 4, 10), coalescedSpec(4, 5, 10), coalescedSpec(5, 6, 10)],
      [coalescedSpec(0, 1, 10), coalescedSpec(1, 2, 10), coalescedSpec(2, 3, 10), coalescedSpec(2, 3, 10), coalescedSpec(3, 4, 10), coalescedSpec(4, 5, 10), coalescedSpec(5, 6, 10)],
    ];
    const result = coalesceShufflePartitions([left, right], input, settings({ minNumPartitions: 1, advisoryPartitionSize: 100, minPartitionSize: 1 }))!;
    expect(result.specs[0]).toEqual([coalescedSpec(0, 2, 20), input[0][2], input[0][3], coalescedSpec(3, 6, 30)]);
    expect(result.specs[1]).toEqual([coalescedSpec(0, 2, 20), input[1][2], input[1][3], coalescedSpec(3, 6, 30)]);
    expect(result.note).toMatch(/coalesced the 5 shuffle partitions around the skew splits into 2 .*the 2 tasks of the splits stay/);
  });
});

/** Orders joined with customers: 4000 + 40 small rows, far below 1 MiB in total. */
function shop(conf: Record<string, string | number | boolean> = {}) {
  const spark = new SparkSession({ conf: { 'spark.sql.autoBroadcastJoinThreshold': -1, ...conf } });
  const orders = spark.createDataFrame(
    Array.from({ length: 4000 }, (_, i) => ({ orderId: i, customerId: i % 40, amount: (i * 7) % 100 })),
    { numPartitions: 8, name: 'orders' },
  );
  const customers = spark.createDataFrame(
    Array.from({ length: 40 }, (_, i) => ({ customerId: i, country: ['DE', 'FR', 'NL', 'US'][i % 4] })),
    { name: 'customers' },
  );
  return { spark, orders, customers };
}

describe('coalescing in jobs', () => {
  test('a shuffle join of small tables runs its 200 shuffle partitions as one task, with the same rows', () => {
    const on = shop();
    const rows = on.orders.join(on.customers, 'customerId').collect();
    const job = on.spark.lastJob()!;
    expect(job.strategy).toBe('SortMergeJoin');
    const joinStage = job.stages.at(-1)!;
    expect(joinStage.numTasks).toBe(1);
    expect(joinStage.partitionRecords).toEqual([4000]);
    expect(job.metrics.tasks).toBe(8 + 8 + 1);
    // every shuffled byte is still read exactly once
    expect(job.metrics.shuffleReadBytes).toBe(job.metrics.shuffleWriteBytes);
    expect(job.trace.notes).toContain(
      'AQE coalesced 200 shuffle partitions into 1 (target size 1.0 MiB = spark.sql.adaptive.coalescePartitions.minPartitionSize, ' +
        'since 126.3 KiB over 8 tasks (parallelismFirst: defaultParallelism) would make smaller tasks)',
    );

    const off = shop({ 'spark.sql.adaptive.coalescePartitions.enabled': false });
    expect(canon(off.orders.join(off.customers, 'customerId').collect())).toEqual(canon(rows));
    expect(off.spark.lastJob()!.stages.at(-1)!.numTasks).toBe(200);
    expect(off.spark.lastJob()!.trace.notes.join('\n')).not.toMatch(/coalesced/);
  });

  test('the final plan reads both sides through AQEShuffleRead coalesced', () => {
    const { spark, orders, customers } = shop();
    orders.join(customers, 'customerId').count();
    const plan = spark.lastJob()!.plan!;
    expect(plan).toContain(
      [
        '+- == Final Plan ==',
        '   SortMergeJoin [customerId], [customerId], Inner',
        '   :- Sort [customerId ASC NULLS FIRST], false, 0',
        '   :  +- AQEShuffleRead coalesced',
        '   :     +- ShuffleQueryStage 0',
        '   :        +- Exchange hashpartitioning(customerId, 200), ENSURE_REQUIREMENTS',
        '   :           +- Scan orders[orderId,customerId,amount]',
        '   +- Sort [customerId ASC NULLS FIRST], false, 0',
        '      +- AQEShuffleRead coalesced',
        '         +- ShuffleQueryStage 1',
        '            +- Exchange hashpartitioning(customerId, 200), ENSURE_REQUIREMENTS',
        '               +- Scan customers[customerId,country]',
        '+- == Initial Plan ==',
        '   SortMergeJoin [customerId], [customerId], Inner',
      ].join('\n'),
    );
    // the initial plan is as planned: no AQEShuffleRead
    expect(plan.slice(plan.indexOf('== Initial Plan =='))).not.toContain('AQEShuffleRead');
    // before running there is nothing to coalesce yet
    expect(orders.join(customers, 'customerId').explain()).not.toContain('AQEShuffleRead');
  });

  test('parallelismFirst=false and small sizes: the advisory target decides', () => {
    const { spark, orders, customers } = shop({
      'spark.sql.adaptive.coalescePartitions.parallelismFirst': false,
      'spark.sql.adaptive.advisoryPartitionSizeInBytes': '32k',
      'spark.sql.adaptive.coalescePartitions.minPartitionSize': 1,
    });
    orders.join(customers, 'customerId').count();
    const job = spark.lastJob()!;
    const [leftMap, rightMap, joinStage] = job.stages;
    // 126.3 KiB in 35 non-empty partitions of about 3.6 KiB: runs of whole partitions of at most 32 KiB
    const sizes = leftMap.shuffleWriteBytesByPartition.map((b, r) => b + rightMap.shuffleWriteBytesByPartition[r]);
    const ranges = packPartitions(sizes, 0, 200, 32 * 1024);
    expect(ranges.every((r) => r.size <= 32 * 1024)).toBe(true);
    expect(joinStage.numTasks).toBe(ranges.length);
    expect(joinStage.numTasks).toBeGreaterThanOrEqual(4); // at least ceil(126.3 / 32)
    expect(job.trace.notes.join('\n')).toMatch(/target size 32\.0 KiB = spark\.sql\.adaptive\.advisoryPartitionSizeInBytes/);
  });

  test('a shuffled hash join is coalesced the same way', () => {
    const { spark, orders, customers } = shop();
    const rows = orders.join(customers.hint('shuffle_hash'), 'customerId').collect();
    expect(rows).toHaveLength(4000);
    const job = spark.lastJob()!;
    expect(job.strategy).toBe('ShuffledHashJoin');
    expect(job.stages.at(-1)!.numTasks).toBe(1);
    expect(job.plan).toContain('ShuffledHashJoin [customerId], [customerId], Inner, BuildRight\n   :- AQEShuffleRead coalesced\n   :  +- ShuffleQueryStage 0');
  });

  test("groupBy().count(): the aggregate's exchange is coalesced", () => {
    const { spark, orders } = shop();
    const counts = orders.groupBy('customerId').count().collect();
    expect(counts).toHaveLength(40);
    expect(counts.every((r) => r.count === 100)).toBe(true);
    const job = spark.lastJob()!;
    expect(job.stages.map((s) => s.numTasks)).toEqual([8, 1]);
    expect(job.plan).toContain(
      [
        '   HashAggregate(keys=[customerId], functions=[count(1)])',
        '   +- AQEShuffleRead coalesced',
        '      +- ShuffleQueryStage 0',
        '         +- Exchange hashpartitioning(customerId, 200), ENSURE_REQUIREMENTS',
        '            +- HashAggregate(keys=[customerId], functions=[partial_count(1)])',
      ].join('\n'),
    );
    expect(job.trace.notes.join('\n')).toMatch(/AQE coalesced 200 shuffle partitions into 1/);
  });

  test('groupBy() without keys is one SinglePartition exchange: nothing to coalesce', () => {
    const { spark, orders } = shop();
    expect(orders.groupBy().count().collect()).toEqual([{ count: 4000 }]);
    const job = spark.lastJob()!;
    expect(job.stages.map((s) => s.numTasks)).toEqual([8, 1]);
    expect(job.stages[0].shuffleWriteBytesByPartition).toHaveLength(1);
    expect(job.plan).toContain('Exchange SinglePartition, ENSURE_REQUIREMENTS');
    expect(job.plan).not.toContain('AQEShuffleRead');
  });

  test('df.repartition(n) keeps the n partitions the user asked for (REPARTITION_BY_NUM)', () => {
    const { spark, orders } = shop();
    for (const df of [orders.repartition(50), orders.repartition(50, 'customerId')]) {
      expect(df.collect()).toHaveLength(4000);
      const job = spark.lastJob()!;
      expect(job.stages.at(-1)!.numTasks).toBe(50);
      expect(job.plan).not.toContain('AQEShuffleRead');
      expect(job.trace.notes.join('\n')).not.toMatch(/coalesced/);
    }
  });

  test('RDD partitionBy and repartition are never coalesced', () => {
    const { spark } = shop();
    const pairs = spark.sparkContext.parallelize(Array.from({ length: 100 }, (_, i): [number, number] => [i % 7, i]), 4);
    expect(pairs.partitionBy(64).collectPartitions()).toHaveLength(64);
    expect(pairs.repartition(64).collectPartitions()).toHaveLength(64);
  });

  test('nothing is coalesced with AQE off', () => {
    const { spark, orders, customers } = shop({ 'spark.sql.adaptive.enabled': false });
    orders.join(customers, 'customerId').count();
    expect(spark.lastJob()!.stages.at(-1)!.numTasks).toBe(200);
    orders.groupBy('customerId').count().count();
    expect(spark.lastJob()!.stages.at(-1)!.numTasks).toBe(200);
  });

  test("a map stage reports the bytes it wrote per reducer (AQE's input), summing to its shuffle write", () => {
    const { spark, orders, customers } = shop();
    orders.join(customers, 'customerId').count();
    const [leftMap, rightMap, join] = spark.lastJob()!.stages;
    for (const map of [leftMap, rightMap]) {
      expect(map.shuffleWriteBytesByPartition).toHaveLength(200);
      expect(map.shuffleWriteBytesByPartition.reduce((a, b) => a + b, 0)).toBe(map.shuffleWriteBytes);
      expect(map.shuffleWriteBytesByPartition.filter((b) => b > 0)).toHaveLength(35); // 40 keys in 35 distinct partitions of 200
    }
    expect(join.shuffleWriteBytesByPartition).toEqual([]);
  });

  test('the job records the coalesced tasks in its trace', () => {
    const { spark, orders, customers } = shop({ 'spark.sql.adaptive.coalescePartitions.minPartitionSize': '16k' });
    orders.join(customers, 'customerId').count();
    const job = spark.lastJob()!;
    const [leftMap, rightMap, join] = job.stages;
    // ceil(126.3 KiB / 8) is about 15.8 KiB: the 16 KiB minimum wins; the join packs both sides' bytes per reducer
    const sizes = leftMap.shuffleWriteBytesByPartition.map((b, r) => b + rightMap.shuffleWriteBytesByPartition[r]);
    const expected = packPartitions(sizes, 0, 200, 16 * 1024);
    expect(expected.length).toBeGreaterThan(1);
    expect(join.numTasks).toBe(expected.length);
    const stage = job.trace.stages.at(-1)!;
    expect(stage.partitions.length).toBe(expected.length);
    expect(stage.partitions.map((p) => p.executor)).toEqual(expected.map((_, i) => i % 4));
  });
});
