/**
 * The 'spark-job' trace kind: what one job did, as plain data — where partitions lived, how big
 * they were, and what crossed the network (shuffles between executors, build sides collected to
 * the driver, broadcasts from the driver). The engine emits one per job; the diagram draws it.
 * Free of engine classes so it crosses a worker boundary (structured clone) unchanged. Change the
 * shape, bump SPARK_JOB_TRACE_VERSION: readers refuse versions they do not know.
 */
export const SPARK_JOB_TRACE_KIND = 'spark-job';
export const SPARK_JOB_TRACE_VERSION = 2;

/** Executor id used in traces for the driver. */
export const DRIVER_ID = -1;

export interface TraceExecutor {
  id: number;
  cores: number;
}

export interface TracePartition {
  /** Partition index inside its stage. */
  index: number;
  /** Executor that holds (or computes) this partition. */
  executor: number;
  records: number;
  bytes: number;
}

export interface TraceStage {
  id: number;
  /** Short human name, e.g. "scan orders", "shuffle read", "join". */
  name: string;
  partitions: TracePartition[];
}

/**
 * shuffle: executor -> executor at a stage boundary; collect: executor -> driver (a broadcast join's
 * build side on its way to being broadcast); broadcast: driver -> executor (one copy per executor).
 */
export type TransferKind = 'shuffle' | 'collect' | 'broadcast';

/** Data moved between two places (aggregated per pair), DRIVER_ID standing for the driver. */
export interface TraceTransfer {
  kind: TransferKind;
  fromStage: number;
  toStage: number;
  fromExecutor: number;
  toExecutor: number;
  records: number;
  bytes: number;
}

export type JoinStrategyName = 'BroadcastHashJoin' | 'SortMergeJoin' | 'ShuffledHashJoin' | 'BroadcastNestedLoopJoin';

export interface SparkJobTrace {
  kind: typeof SPARK_JOB_TRACE_KIND;
  version: typeof SPARK_JOB_TRACE_VERSION;
  jobId: number;
  /** The action that ran the job, e.g. "collect". */
  description: string;
  executors: TraceExecutor[];
  stages: TraceStage[];
  transfers: TraceTransfer[];
  /** The join strategy that finally ran, when the job contained a join. */
  strategy?: JoinStrategyName;
  /** Things worth telling the reader, e.g. "AQE replanned SortMergeJoin as BroadcastHashJoin". */
  notes: string[];
}
