/**
 * The simulated cluster one SparkSession owns: executors x cores, the runtime config, the seed,
 * id counters, what the executors already hold, and the job running right now. Everything that
 * used to be module-level lives here (or in the kernel's per-run context), so two sessions never
 * share state.
 *
 * The cluster does the accounting (it records every job), so learner code never holds one: RDDs,
 * DataFrames, SparkContext and Broadcast keep theirs in # fields or module WeakMaps, and only a
 * cluster made here is accepted where one is passed in.
 */
import type { RuntimeConfig } from './config.ts';
import type { JobReport, JobRun } from './job.ts';

/**
 * Spark runs a stage's tasks in parallel, in no set order. The engine runs them one by one, by
 * partition ('partition'), or last partition first ('reversed'), which checks use to catch code that
 * relies on partition 0 running first. Results never depend on it: they are assembled by partition.
 */
export type TaskOrder = 'partition' | 'reversed';

export interface Cluster {
  readonly executors: number;
  readonly coresPerExecutor: number;
  readonly conf: RuntimeConfig;
  readonly seed: number;
  /** The order a stage's tasks run in (see SparkSessionOptions.taskOrder). */
  readonly taskOrder: TaskOrder;
  nextRddId(): number;
  nextShuffleId(): number;
  nextBroadcastId(): number;
  nextJobId(): number;
  /** Broadcast copies executors hold, by "<broadcast id>@<executor>": kept across jobs, like Spark's block manager. */
  readonly broadcastCopies: Map<string, unknown>;
  /** The job running now (set while an action runs): actions and broadcasts are refused inside its tasks. */
  activeJob: JobRun | null;
  recordJob(report: JobReport): void;
}

export interface ClusterSettings {
  executors: number;
  coresPerExecutor: number;
  conf: RuntimeConfig;
  seed: number;
  taskOrder: TaskOrder;
}

/** Clusters made by createCluster: the only ones RDDs, DataFrames and broadcasts accept. */
const clusters = new WeakSet<Cluster>();

/** A new cluster whose finished jobs go to `recordJob` (the session's record). */
export function createCluster(settings: ClusterSettings, recordJob: (report: JobReport) => void): Cluster {
  let rddIds = 0;
  let shuffleIds = 0;
  let broadcastIds = 0;
  let jobIds = 0;
  const cluster: Cluster = {
    ...settings,
    nextRddId: () => rddIds++,
    nextShuffleId: () => shuffleIds++,
    nextBroadcastId: () => broadcastIds++,
    nextJobId: () => jobIds++,
    broadcastCopies: new Map<string, unknown>(),
    activeJob: null,
    recordJob,
  };
  clusters.add(Object.seal(cluster));
  return cluster;
}

/** `value` as a cluster, if createCluster made it; else `refusal` (which says where the object comes from). */
export function requireCluster(value: unknown, refusal: string): Cluster {
  if (!clusters.has(value as Cluster)) throw new Error(refusal);
  return value as Cluster;
}
