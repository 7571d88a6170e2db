import { beforeEach, describe, expect, test, vi } from 'vitest';
import { SparkSession } from '@sai/spark';

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {}); // explain() prints its plan
  return () => vi.restoreAllMocks();
});

/** Two tables over the threshold at plan time; the right one is filtered down to a handful of rows. */
function setup(adaptive: boolean) {
  const spark = new SparkSession({
    conf: {
      'spark.sql.shuffle.partitions': 8,
      'spark.sql.autoBroadcastJoinThreshold': 10_000,
      'spark.sql.adaptive.enabled': adaptive,
    },
  });
  const facts = spark.createDataFrame(Array.from({ length: 2000 }, (_, i) => ({ id: i % 500, v: i })), { name: 'facts' });
  const dims = spark.createDataFrame(Array.from({ length: 1000 }, (_, i) => ({ id: i, w: i })), { name: 'dims' });
  // 1000 rows x 24 bytes = 24000 bytes planned (> 10000); only 5 rows (120 bytes) survive the filter.
  const joined = facts.join(dims.filter((r) => (r.id as number) < 5), 'id');
  return { spark, joined };
}

describe('adaptive query execution', () => {
  test('plans a SortMergeJoin from estimates, runs a BroadcastHashJoin from shuffle sizes', () => {
    const { spark, joined } = setup(true);
    const before = joined.explain();
    expect(before).toContain('AdaptiveSparkPlan isFinalPlan=false');
    expect(before).toContain('SortMergeJoin');
    expect(before).not.toContain('BroadcastHashJoin');

    const rows = joined.collect();
    expect(rows).toHaveLength(5 * 4); // ids 0..4 appear 4 times each in facts
    const job = spark.lastJob()!;
    expect(job.strategy).toBe('BroadcastHashJoin');
    expect(job.trace.strategy).toBe('BroadcastHashJoin');
    expect(job.plan).toContain('AdaptiveSparkPlan isFinalPlan=true');
    expect(job.plan).toContain('BroadcastHashJoin [id], [id], Inner, BuildRight, false');
    expect(job.plan).toContain('== Initial Plan ==');
    expect(job.trace.notes.join('\n')).toMatch(/AQE replanned SortMergeJoin as BroadcastHashJoin/);
    // the shuffles had already run: both sides were written, then the small one was broadcast
    expect(job.metrics.shuffleWriteRecords).toBe(2000 + 5);
    expect(job.metrics.broadcastBytes).toBeGreaterThan(0);
  });

  test('stays a SortMergeJoin with AQE off', () => {
    const { spark, joined } = setup(false);
    expect(joined.explain()).not.toContain('AdaptiveSparkPlan');
    expect(joined.collect()).toHaveLength(20);
    const job = spark.lastJob()!;
    expect(job.strategy).toBe('SortMergeJoin');
    expect(job.metrics.broadcastBytes).toBe(0);
    expect(job.plan).toContain('SortMergeJoin');
  });

  test('spark.sql.adaptive.autoBroadcastJoinThreshold overrides the planner threshold at runtime', () => {
    const { spark, joined } = setup(true);
    spark.conf.set('spark.sql.adaptive.autoBroadcastJoinThreshold', 100); // 120 bytes actual > 100
    joined.collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
    spark.conf.unset('spark.sql.adaptive.autoBroadcastJoinThreshold');
    joined.collect();
    expect(spark.lastJob()!.strategy).toBe('BroadcastHashJoin');
  });

  test('a merge hint is still respected after the shuffles', () => {
    const { spark } = setup(true);
    const facts = spark.createDataFrame(Array.from({ length: 2000 }, (_, i) => ({ id: i % 500, v: i })));
    const dims = spark.createDataFrame(Array.from({ length: 1000 }, (_, i) => ({ id: i, w: i })));
    facts.join(dims.filter((r) => (r.id as number) < 5).hint('merge'), 'id').collect();
    expect(spark.lastJob()!.strategy).toBe('SortMergeJoin');
  });

  test('AQE gives the same rows as the static plan', () => {
    const a = setup(true).joined.collect();
    const b = setup(false).joined.collect();
    const key = (r: Record<string, unknown>) => `${r.id}/${r.v}/${r.w}`;
    expect(a.map(key).sort()).toEqual(b.map(key).sort());
  });

  test('a skewed shuffle partition is split into several tasks when skew join thresholds are met', () => {
    const spark = new SparkSession({
      conf: {
        'spark.sql.shuffle.partitions': 8,
        'spark.sql.autoBroadcastJoinThreshold': -1,
        'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': 1000,
        // pieces of about 2000 bytes; with the default 64 MiB the hot partition would fit one task and stay whole
        'spark.sql.adaptive.advisoryPartitionSizeInBytes': 2000,
      },
    });
    // key 7 holds 900 of 1000 rows: its partition is far above 5 x the median; each of the 8 map tasks wrote part of it
    const l = spark.createDataFrame(Array.from({ length: 1000 }, (_, i) => ({ k: i < 900 ? 7 : i, v: i })));
    const r = spark.createDataFrame(Array.from({ length: 1000 }, (_, i) => ({ k: i, w: i })));
    expect(l.join(r, 'k').count()).toBe(1000);
    const job = spark.lastJob()!;
    expect(job.trace.notes.join('\n')).toMatch(/AQE split skewed partition \d+ of the left side .* into 8 tasks/);
    expect(job.plan).toContain('SortMergeJoin(skew=true)');
    const joinStage = job.stages[job.stages.length - 1];
    // the hot key's 900 rows are joined by several tasks, none holding more than one map task's share (125 rows)
    expect(Math.max(...joinStage.partitionRecords)).toBeLessThanOrEqual(125);
    expect(joinStage.partitionRecords.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  test('with the default advisory size (64 MiB) small skew is noticed but not split', () => {
    const spark = new SparkSession({
      conf: {
        'spark.sql.shuffle.partitions': 8,
        'spark.sql.autoBroadcastJoinThreshold': -1,
        'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes': 1000,
        'spark.sql.adaptive.coalescePartitions.enabled': false,
      },
    });
    const l = spark.createDataFrame(Array.from({ length: 1000 }, (_, i) => ({ k: i < 900 ? 7 : i, v: i })));
    const r = spark.createDataFrame(Array.from({ length: 1000 }, (_, i) => ({ k: i, w: i })));
    l.join(r, 'k').count();
    const job = spark.lastJob()!;
    expect(job.trace.notes.join('\n')).toMatch(/AQE found skewed partition \d+ of the left side .* did not split it/);
    expect(job.plan).not.toContain('skew=true');
    expect(Math.max(...job.stages[job.stages.length - 1].partitionRecords)).toBeGreaterThanOrEqual(900);
  });
});
