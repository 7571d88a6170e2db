/** Hand-built traces for the diagram tests; numbers chosen so totals are easy to check by hand. */
import { DRIVER_ID, SPARK_JOB_TRACE_VERSION, type SparkJobTrace as JobTrace, type TracePartition } from '../../../src/engine/spark/job-trace.ts';

const executors = (n: number, cores = 2) => Array.from({ length: n }, (_, id) => ({ id, cores }));

/** `records[i]` on executor i % executorCount, 40 bytes per record. */
const partitions = (records: number[], executorCount: number): TracePartition[] =>
  records.map((r, index) => ({ index, executor: index % executorCount, records: r, bytes: r * 40 }));

/**
 * Sort-merge join on 2 executors. Orders (400 rows) and customers (100 rows) are both
 * shuffled into 4 join partitions; half of each side stays on its executor.
 * Cross-executor: 100 + 100 (orders) + 25 + 25 (customers) = 250 records, 10,000 bytes.
 * Local: the same, 250 records, 10,000 bytes.
 */
export const shuffleJoin: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 1,
  description: 'collect',
  executors: executors(2),
  stages: [
    { id: 0, name: 'scan orders', partitions: partitions([100, 100, 100, 100], 2) },
    { id: 1, name: 'scan customers', partitions: partitions([50, 50], 2) },
    { id: 2, name: 'sort-merge join', partitions: partitions([120, 130, 110, 140], 2) },
  ],
  transfers: [
    { kind: 'shuffle', fromStage: 0, toStage: 2, fromExecutor: 0, toExecutor: 0, records: 100, bytes: 4000 },
    { kind: 'shuffle', fromStage: 0, toStage: 2, fromExecutor: 0, toExecutor: 1, records: 100, bytes: 4000 },
    { kind: 'shuffle', fromStage: 0, toStage: 2, fromExecutor: 1, toExecutor: 0, records: 100, bytes: 4000 },
    { kind: 'shuffle', fromStage: 0, toStage: 2, fromExecutor: 1, toExecutor: 1, records: 100, bytes: 4000 },
    { kind: 'shuffle', fromStage: 1, toStage: 2, fromExecutor: 0, toExecutor: 0, records: 25, bytes: 1000 },
    { kind: 'shuffle', fromStage: 1, toStage: 2, fromExecutor: 0, toExecutor: 1, records: 25, bytes: 1000 },
    { kind: 'shuffle', fromStage: 1, toStage: 2, fromExecutor: 1, toExecutor: 0, records: 25, bytes: 1000 },
    { kind: 'shuffle', fromStage: 1, toStage: 2, fromExecutor: 1, toExecutor: 1, records: 25, bytes: 1000 },
  ],
  strategy: 'SortMergeJoin',
  notes: [],
};

/**
 * Broadcast hash join on 4 executors: the 20-row countries table (800 bytes, one partition on
 * executor 0) is collected to the driver, which sends a copy to each executor, 3,200 bytes in
 * all; the 1,200 orders never move.
 */
export const broadcastJoin: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 2,
  description: 'count',
  executors: executors(4),
  stages: [
    { id: 0, name: 'scan countries', partitions: partitions([20], 4) },
    { id: 1, name: 'scan orders + hash join', partitions: partitions([150, 150, 150, 150, 150, 150, 150, 150], 4) },
  ],
  transfers: [
    { kind: 'collect', fromStage: 0, toStage: 0, fromExecutor: 0, toExecutor: DRIVER_ID, records: 20, bytes: 800 },
    ...[0, 1, 2, 3].map((to) => ({
      kind: 'broadcast' as const, fromStage: 0, toStage: 1, fromExecutor: DRIVER_ID, toExecutor: to, records: 20, bytes: 800,
    })),
  ],
  strategy: 'BroadcastHashJoin',
  notes: ['AQE replanned SortMergeJoin as BroadcastHashJoin: the countries side was 800 bytes at runtime.'],
};

/**
 * A value the driver broadcast on its own (sc.broadcast, no stage of this job made it): 2 of the
 * 4 executors read it, 256 bytes each.
 */
export const driverBroadcast: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 6,
  description: 'collect',
  executors: executors(4),
  stages: [{ id: 0, name: 'parallelize → mapPartitions', partitions: partitions([30, 30], 4) }],
  transfers: [0, 1].map((to) => ({
    kind: 'broadcast' as const, fromStage: -1, toStage: 0, fromExecutor: DRIVER_ID, toExecutor: to, records: 8, bytes: 256,
  })),
  notes: [],
};

/**
 * Adaptive execution turned a sort-merge join into a broadcast join after both map stages ran,
 * on 2 executors: customers (stage 1) are shuffled into stage 2, whose output (4 rows) is
 * collected and broadcast; orders (stage 0) are shuffled straight into the join (stage 3),
 * skipping the column of stage 2.
 */
export const skippingShuffle: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 7,
  description: 'count',
  executors: executors(2),
  stages: [
    { id: 0, name: 'scan orders → shuffle write', partitions: partitions([100, 100], 2) },
    { id: 1, name: 'scan customers → filter → shuffle write', partitions: partitions([2, 2], 2) },
    { id: 2, name: 'Exchange (shuffle read) → broadcast', partitions: partitions([2, 2], 2) },
    { id: 3, name: 'Exchange (shuffle read) → BroadcastHashJoin', partitions: partitions([100, 100], 2) },
  ],
  transfers: [
    { kind: 'shuffle', fromStage: 1, toStage: 2, fromExecutor: 0, toExecutor: 1, records: 1, bytes: 32 },
    { kind: 'shuffle', fromStage: 1, toStage: 2, fromExecutor: 1, toExecutor: 0, records: 1, bytes: 32 },
    { kind: 'shuffle', fromStage: 0, toStage: 3, fromExecutor: 0, toExecutor: 1, records: 50, bytes: 2000 },
    { kind: 'shuffle', fromStage: 0, toStage: 3, fromExecutor: 1, toExecutor: 0, records: 50, bytes: 2000 },
    { kind: 'collect', fromStage: 2, toStage: 2, fromExecutor: 0, toExecutor: DRIVER_ID, records: 2, bytes: 64 },
    { kind: 'collect', fromStage: 2, toStage: 2, fromExecutor: 1, toExecutor: DRIVER_ID, records: 2, bytes: 64 },
    { kind: 'broadcast', fromStage: 2, toStage: 3, fromExecutor: DRIVER_ID, toExecutor: 0, records: 4, bytes: 128 },
    { kind: 'broadcast', fromStage: 2, toStage: 3, fromExecutor: DRIVER_ID, toExecutor: 1, records: 4, bytes: 128 },
  ],
  strategy: 'BroadcastHashJoin',
  notes: ['no side small enough to broadcast: sort-merge join'],
};

/**
 * A groupBy with spark.sql.shuffle.partitions = 200 on 4 executors: 4 map partitions of
 * 1,000 records shuffled into 200 reduce partitions (50 per executor) of 10, 15, 20, 25 or
 * 30 records (partition i has 10 + 5 * (i % 5)): 40 of each size, 4,000 records in all.
 * Every executor sends 250 records to each other executor: 12 pairs x 250 = 3,000 records.
 */
export const wideAggregate: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 3,
  description: 'collect',
  executors: executors(4),
  stages: [
    { id: 0, name: 'scan clicks', partitions: partitions([1000, 1000, 1000, 1000], 4) },
    { id: 1, name: 'count by user', partitions: partitions(Array.from({ length: 200 }, (_, i) => 10 + 5 * (i % 5)), 4) },
  ],
  transfers: [0, 1, 2, 3].flatMap((from) => [0, 1, 2, 3].map((to) => ({
    kind: 'shuffle' as const, fromStage: 0, toStage: 1, fromExecutor: from, toExecutor: to, records: 250, bytes: 10_000,
  }))),
  notes: [],
};

/**
 * One hot key: join partition 3 holds 600 records while the other seven hold 50
 * (median 50, so 12x the median).
 */
export const skewedJoin: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 4,
  description: 'write parquet',
  executors: executors(4),
  stages: [
    { id: 0, name: 'scan events', partitions: partitions([250, 250, 250, 200], 4) },
    { id: 1, name: 'join on user_id', partitions: partitions([50, 50, 50, 600, 50, 50, 50, 50], 4) },
  ],
  transfers: [
    { kind: 'shuffle', fromStage: 0, toStage: 1, fromExecutor: 0, toExecutor: 3, records: 150, bytes: 6000 },
    { kind: 'shuffle', fromStage: 0, toStage: 1, fromExecutor: 1, toExecutor: 3, records: 150, bytes: 6000 },
    { kind: 'shuffle', fromStage: 0, toStage: 1, fromExecutor: 2, toExecutor: 3, records: 150, bytes: 6000 },
    { kind: 'shuffle', fromStage: 0, toStage: 1, fromExecutor: 3, toExecutor: 0, records: 50, bytes: 2000 },
    { kind: 'shuffle', fromStage: 0, toStage: 1, fromExecutor: 0, toExecutor: 1, records: 50, bytes: 2000 },
  ],
  strategy: 'SortMergeJoin',
  notes: [],
};

/** A stage named by user code with markup and an ampersand in it. */
export const hostileNames: JobTrace = {
  kind: 'spark-job',
  version: SPARK_JOB_TRACE_VERSION,
  jobId: 5,
  description: 'show & tell',
  executors: executors(2),
  stages: [
    { id: 0, name: '<script>alert("x")</script> & friends', partitions: partitions([10, 10], 2) },
  ],
  transfers: [],
  notes: ['Filter on "a < b" & done'],
};

/** Every fixture above, by name. */
export const ALL_FIXTURES: Record<string, JobTrace> = { shuffleJoin, broadcastJoin, driverBroadcast, skippingShuffle, wideAggregate, skewedJoin, hostileNames };
