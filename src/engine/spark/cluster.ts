/**
 * The simulated cluster one SparkSession owns: executors x cores, the runtime config, the seed,
 * id counters, what the executors already hold, and the job running right now. Everything that
 * used to be module-level lives here (or in the kernel's per-run context), so two sessions never
 * share state.
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
