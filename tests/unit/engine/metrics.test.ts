import { describe, expect, test } from 'vitest';
import { DRIVER_ID, SparkSession, broadcast, type JobReport, type SparkJobTrace } from '@sai/spark';
import { beginRun, endRun } from '../../../src/engine/kernel/run-context.ts';

function tables(conf: Record<string, string | number | boolean> = {}, executors = 4) {
  const spark = new SparkSession({ executors, conf: { 'spark.sql.shuffle.partitions': 6, ...conf } });
  const big = spark.createDataFrame(Array.from({ length: 300 }, (_, i) => ({ id: i % 50, v: i })), { name: 'big', numPartitions: 8 });
  const small = spark.createDataFrame(Array.from({ length: 50 }, (_, i) => ({ id: i, w: `n${i}` })), { name: 'small', numPartitions: 2 });
  return { spark, big, small };
}

/** Checks that the trace's transfers add up to the job's shuffle and broadcast metrics. */
function expectTransfersMatchMetrics(job: JobReport): void {
  const shuffle = job.trace.transfers.filter((t) => t.kind === 'shuffle');
  const sum = (xs: { records: number; bytes: number }[], f: 'records' | 'bytes') => xs.reduce((a, t) => a + t[f], 0);
  expect(sum(shuffle, 'records')).toBe(job.metrics.shuffleReadRecords);
  expect(sum(shuffle, 'bytes')).toBe(job.metrics.shuffleReadBytes);
  expect(sum(shuffle.filter((t) => t.fromExecutor !== t.toExecutor), 'bytes')).toBe(job.metrics.remoteShuffleReadBytes);
  const fromDriver = job.trace.transfers.filter((t) => t.kind === 'broadcast' && t.fromExecutor === DRIVER_ID);
  expect(sum(fromDriver, 'bytes')).toBe(job.metrics.broadcastBytes);
}

describe('shuffle metrics', () => {
  test('a sort-merge join shuffles every row of both sides, once', () => {
    // Coalescing off: one reduce task per shuffle partition (aqe-coalesce.test.ts covers the coalesced counts).
    const { spark, big, small } = tables({ 'spark.sql.autoBroadcastJoinThreshold': -1, 'spark.sql.adaptive.coalescePartitions.enabled': false });
    big.join(small, 'id').collect();
    const job = spark.lastJob()!;
    expect(job.strategy).toBe('SortMergeJoin');
    expect(job.metrics.shuffleWriteRecords).toBe(300 + 50);
    expect(job.metrics.shuffleReadRecords).toBe(300 + 50);
    expect(job.metrics.shuffleWriteBytes).toBe(big.estimatedSizeInBytes() + small.estimatedSizeInBytes());
    expect(job.metrics.shuffleReadBytes).toBe(job.metrics.shuffleWriteBytes);
    expect(job.metrics.stages).toBe(3); // two shuffle map stages + the join stage
    expect(job.metrics.tasks).toBe(8 + 2 + 6);
    expect(job.metrics.remoteShuffleReadBytes).toBeGreaterThan(0);
    expect(job.metrics.remoteShuffleReadBytes).toBeLessThan(job.metrics.shuffleReadBytes);
    expectTransfersMatchMetrics(job);
  });

  test('a broadcast hash join moves nothing of the large side and sends the small side to each executor', () => {
    const { spark, big, small } = tables();
    big.join(broadcast(small), 'id').collect();
    const job = spark.lastJob()!;
    expect(job.strategy).toBe('BroadcastHashJoin');
    expect(job.metrics.shuffleWriteRecords).toBe(0);
    expect(job.metrics.shuffleReadRecords).toBe(0);
    // big has 8 partitions on 4 executors: every executor fetches the 50-row table once
    expect(job.metrics.broadcastBytes).toBe(small.estimatedSizeInBytes() * 4);
    expectTransfersMatchMetrics(job);
  });

  test('broadcast bytes count only executors that ran a task reading it', () => {
    const spark = new SparkSession({ executors: 4 });
    const big = spark.createDataFrame(Array.from({ length: 10 }, (_, i) => ({ id: i, v: i })), { numPartitions: 2 });
    const small = spark.createDataFrame([{ id: 1, w: 1 }], { numPartitions: 1 });
    big.join(broadcast(small), 'id').collect();
    expect(spark.lastJob()!.metrics.broadcastBytes).toBe(24 * 2);
  });

  test('per-partition records show skew', () => {
    // Coalescing off: AQE would pack these tiny partitions into one task and hide the skew.
    const spark = new SparkSession({
      conf: { 'spark.sql.shuffle.partitions': 4, 'spark.sql.autoBroadcastJoinThreshold': -1, 'spark.sql.adaptive.coalescePartitions.enabled': false },
    });
    const l = spark.createDataFrame(Array.from({ length: 100 }, (_, i) => ({ k: i < 90 ? 'hot' : `k${i}`, v: i })));
    const r = spark.createDataFrame(Array.from({ length: 100 }, (_, i) => ({ k: i === 0 ? 'hot' : `k${i}`, w: i })));
    l.join(r, 'k').collect();
    const join = spark.lastJob()!.stages.at(-1)!;
    expect(join.partitionRecords.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...join.partitionRecords)).toBeGreaterThanOrEqual(90);
    expect(join.partitionRecords).toHaveLength(4);
    expect(join.partitionBytes).toHaveLength(4);
  });

  test('stage partition records add up to shuffle writes for map stages', () => {
    const { spark, big } = tables();
    big.repartition(5, 'id').collect();
    const [map, reduce] = spark.lastJob()!.stages;
    expect(map.partitionRecords.reduce((a, b) => a + b, 0)).toBe(map.shuffleWriteRecords);
    expect(reduce.partitionRecords.reduce((a, b) => a + b, 0)).toBe(reduce.shuffleReadRecords);
    expect(reduce.numTasks).toBe(5);
  });

  test('session totals sum every job', () => {
    const { spark, big, small } = tables({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
    big.join(small, 'id').count();
    big.count();
    const total = spark.totalMetrics();
    expect(total.jobs).toBe(2);
    expect(total.shuffleWriteRecords).toBe(350);
    expect(total.stages).toBe(3 + 1);
    expect(spark.jobs.map((j) => j.description)).toEqual(['count', 'count']);
  });
});

describe('traces', () => {
  test("each job records one trace in the run's context, the same object stored in the report", () => {
    const run = beginRun();
    let seen: SparkJobTrace[];
    try {
      const { spark, big, small } = tables({ 'spark.sql.autoBroadcastJoinThreshold': -1 });
      big.join(small, 'id').collect();
      big.count();
      seen = run.traces.list() as SparkJobTrace[];
      expect(seen).toHaveLength(2);
      expect(seen[0]).toBe(spark.jobs[0].trace);
      const t = seen[0];
      expect(t.kind).toBe('spark-job');
      expect(t.version).toBe(2);
      expect(t.executors).toEqual([0, 1, 2, 3].map((id) => ({ id, cores: 2 })));
      expect(t.stages).toHaveLength(3);
      expect(t.strategy).toBe('SortMergeJoin');
      // partition i lives on executor i % executors
      for (const s of t.stages) for (const p of s.partitions) expect(p.executor).toBe(p.index % 4);
      expectTransfersMatchMetrics(spark.jobs[0]);
    } finally {
      endRun(run);
    }
    expect(() => JSON.parse(JSON.stringify(seen))).not.toThrow();
  });

  test('a run begun later does not see the traces of an earlier one', () => {
    const first = beginRun();
    tables().big.count();
    endRun(first);
    const second = beginRun();
    try {
      expect(second.traces.list()).toEqual([]);
      tables().big.count();
      expect(second.traces.list()).toHaveLength(1);
      expect(first.traces.list()).toHaveLength(1);
    } finally {
      endRun(second);
    }
  });

  test('transfers are aggregated per executor pair and stage boundary', () => {
    const { spark, big } = tables();
    big.repartition(4, 'id').collect();
    const keys = spark.lastJob()!.trace.transfers.map((t) => `${t.kind}|${t.fromStage}|${t.toStage}|${t.fromExecutor}|${t.toExecutor}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeLessThanOrEqual(16);
  });

  test('same inputs and seed give identical traces and metrics; repartition depends on the seed', () => {
    const run = (seed: number) => {
      const spark = new SparkSession({ seed, conf: { 'spark.sql.shuffle.partitions': 5, 'spark.sql.autoBroadcastJoinThreshold': -1 } });
      const a = spark.createDataFrame(Array.from({ length: 200 }, (_, i) => ({ id: i % 37, v: i })));
      const b = spark.createDataFrame(Array.from({ length: 60 }, (_, i) => ({ id: i, w: `x${i}` })));
      const rows = a.repartition(3).join(b, 'id').collect();
      const parts = a.rdd.repartition(7).collectPartitions().map((p) => p.map((r) => r.v));
      return { rows, jobs: spark.jobs, parts };
    };
    const one = run(7);
    const two = run(7);
    expect(two.rows).toEqual(one.rows);
    expect(two.jobs).toEqual(one.jobs);
    expect(two.parts).toEqual(one.parts);
    expect(run(8).parts).not.toEqual(one.parts);
  });
});

describe('broadcast variables', () => {
  test('sc.broadcast is charged once per executor that reads it, and not again in later jobs', () => {
    const spark = new SparkSession({ executors: 3 });
    const lookup = spark.sparkContext.broadcast(['a', 'b', 'c']);
    const rdd = spark.sparkContext.parallelize([0, 1, 2, 0, 1, 2], 6).map((i) => lookup.value[i]);
    expect(rdd.collect()).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    // each string is a 1-field row of 8 + 8 + 8 bytes
    expect(spark.lastJob()!.metrics.broadcastBytes).toBe(3 * 24 * 3);
    rdd.count();
    expect(spark.lastJob()!.metrics.broadcastBytes).toBe(0);
    expect(lookup.value).toEqual(['a', 'b', 'c']); // reading on the driver is free
  });

  test('the value is serialized when the broadcast is made: later changes on the driver never reach the executors', () => {
    const spark = new SparkSession({ executors: 2 });
    const table = new Map([[1, 'one']]);
    const handle = spark.sparkContext.broadcast(table);
    table.set(2, 'two');
    table.delete(1);
    const seen = spark.sparkContext.parallelize([1, 2], 2).map((k) => handle.value.get(k) ?? 'missing').collect();
    expect(seen).toEqual(['one', 'missing']);
    expect(handle.value, 'on the driver, .value is the driver\'s own object, as in Spark').toBe(table);
  });

  test('a value that cannot be serialized fails when the broadcast is made, with what to send instead', () => {
    const spark = new SparkSession();
    expect(() => spark.sparkContext.broadcast({ f: () => 1 })).toThrow(/cannot be sent to executors.*plain data/);
  });
});
