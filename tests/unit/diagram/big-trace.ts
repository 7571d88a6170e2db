/**
 * Synthetic traces of the size an honest but big run records (hundreds of executors, thousands of
 * partitions, tens of thousands of transfers), for the tests that the diagram stays small and fast.
 */
import { DRIVER_ID, SPARK_JOB_TRACE_VERSION, type SparkJobTrace as JobTrace, type TraceTransfer } from '../../../src/engine/spark/job-trace.ts';

export interface BigTraceSize {
  executors: number;
  /** Partitions of each of the two scan stages and of the join. */
  partitions: number;
  /** Shuffle transfers from the big scan into the join (some of them local). */
  shuffles: number;
}

/**
 * Stage 0 scans orders and is shuffled into the join (stage 2); stage 1 scans a small table that
 * is collected from every executor to the driver and broadcast back to every executor. Partition i
 * of a stage sits on executor i % executors with 100 + i % 7 records; shuffle i goes from executor
 * i % executors to executor floor(i / executors) % executors (all pairs of the first executors, as
 * a shuffle into many partitions does), 10 records of 400 bytes.
 */
export function bigTrace({ executors, partitions, shuffles }: BigTraceSize): JobTrace {
  const parts = (n: number) => Array.from({ length: n }, (_, index) => ({
    index, executor: index % executors, records: 100 + (index % 7), bytes: 4000,
  }));
  const transfers: TraceTransfer[] = [];
  for (let i = 0; i < shuffles; i++) {
    transfers.push({ kind: 'shuffle', fromStage: 0, toStage: 2, fromExecutor: i % executors, toExecutor: Math.floor(i / executors) % executors, records: 10, bytes: 400 });
  }
  for (let e = 0; e < executors; e++) {
    transfers.push({ kind: 'collect', fromStage: 1, toStage: 1, fromExecutor: e, toExecutor: DRIVER_ID, records: 1, bytes: 32 });
    transfers.push({ kind: 'broadcast', fromStage: 1, toStage: 2, fromExecutor: DRIVER_ID, toExecutor: e, records: executors, bytes: 32 * executors });
  }
  return {
    kind: 'spark-job',
    version: SPARK_JOB_TRACE_VERSION,
    jobId: 9,
    description: 'count',
    executors: Array.from({ length: executors }, (_, id) => ({ id, cores: 4 })),
    stages: [
      { id: 0, name: 'scan orders', partitions: parts(partitions) },
      { id: 1, name: 'scan countries', partitions: parts(executors) },
      { id: 2, name: 'join', partitions: parts(partitions) },
    ],
    transfers,
    strategy: 'SortMergeJoin',
    notes: [],
  };
}
