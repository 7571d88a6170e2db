/**
 * '@sai/spark': a simulated Spark cluster with lazy RDDs, DataFrames, joins planned like Spark's
 * (broadcast hash, shuffled hash, sort-merge; AQE replanning, partition coalescing, skew splitting),
 * and a report plus a trace of every job. This file is the learner-facing API: what it exports is what
 * the editor shows.
 */
export type { Value, Row } from './row.ts';
export { SparkSession, type SparkSessionOptions } from './session.ts';
export { RuntimeConfig, type ConfValue } from './config.ts';
export { SparkContext } from './spark-context.ts';
export { RDD } from './rdd.ts';
export { Broadcast } from './broadcast.ts';
export { DataFrame, broadcast, type JoinType } from './dataframe.ts';
export { hashPartition } from './hash.ts';
export type { JobReport } from './job.ts';
export type { StageReport, JobMetrics } from './metrics.ts';
export { estimateRowBytes, parseByteSize } from './sizes.ts';
export type { HintName } from './plan/hints.ts';
export { QueryExecution, type ExplainMode } from './plan/query-execution.ts';
export {
  DRIVER_ID,
  type JoinStrategyName,
  type SparkJobTrace,
  type TraceExecutor,
  type TracePartition,
  type TraceStage,
  type TraceTransfer,
  type TransferKind,
} from './job-trace.ts';
