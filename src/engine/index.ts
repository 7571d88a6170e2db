/**
 * The mini-engine's public API ('@sai/engine'): a simulated Spark cluster with lazy RDDs, DataFrames,
 * joins planned like Spark's (broadcast hash, shuffled hash, sort-merge, adaptive replanning), and a
 * report plus a trace of every job.
 */
export const ENGINE_VERSION = '0.1.0';

export type { Value, Row } from './row.ts';
export { SparkSession, type SparkSessionOptions } from './session.ts';
export { RuntimeConfig, type ConfValue } from './config.ts';
export { SparkContext } from './context.ts';
export { RDD } from './rdd.ts';
export { Broadcast } from './broadcast.ts';
export { DataFrame, broadcast, type JoinType } from './dataframe.ts';
export { hashPartition } from './hash.ts';
export { onJobTrace, DRIVER_ID, type JobReport } from './scheduler.ts';
export type { StageReport, JobMetrics } from './metrics.ts';
export { estimateRowBytes, parseByteSize } from './sizes.ts';
export type { HintName } from './plan/hints.ts';
export { type JobTrace, type JoinStrategyName, TRACE_VERSION } from './trace.ts';
