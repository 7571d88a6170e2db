/**
 * What a job did, as plain data: where partitions lived, how big they were, and what
 * crossed the network. The engine emits one per job; the diagram draws it. Kept free of
 * engine classes so it can cross a worker boundary (structured clone) unchanged.
 */
export const TRACE_VERSION = 1;

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

export type TransferKind = 'shuffle' | 'broadcast';

/** Data moved between two executors at a stage boundary (aggregated per executor pair). */
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

export interface JobTrace {
  version: typeof TRACE_VERSION;
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
