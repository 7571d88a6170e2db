/**
 * The scheduler: an action becomes a job; the job runs the stages its RDD graph needs (shuffle map
 * stages and broadcast stages first, then the result stage) and records its report and trace.
 */
import { deepFreeze } from '../kernel/freeze.ts';
import { currentRun } from '../kernel/run-context.ts';
import type { Cluster } from './cluster.ts';
import { endJob, JobRun, type JobReport, type Schedulable } from './job.ts';

/**
 * Runs an action on `rdd` as one job and returns its partitions. `plan` (DataFrame jobs) renders the final
 * physical plan once the job has made its runtime decisions.
 */
export function runJob<T>(
  cluster: Cluster,
  rdd: Schedulable<T>,
  description: string,
  plan?: (job: JobRun) => string,
): { partitions: (readonly T[])[]; report: JobReport } {
  if (cluster.activeJob) {
    throw new Error(
      `Cannot run '${description}' inside a function that is already running on the cluster. ` +
        'Like Spark (SPARK-5063), RDD and DataFrame actions may only be called on the driver, not inside map/filter/etc.',
    );
  }
  const job = new JobRun(cluster, cluster.nextJobId(), description);
  cluster.activeJob = job;
  let partitions: (readonly T[])[];
  try {
    rdd.prepare(job);
    partitions = job.runResultStage(rdd);
  } finally {
    cluster.activeJob = null;
    endJob(job);
  }
  let output = 0;
  for (const p of partitions) output += p.length;
  // Frozen before anyone sees it: what the checks read is what the job measured.
  const report = deepFreeze(job.finish(output, plan?.(job)));
  cluster.recordJob(report);
  currentRun().traces.record(report.trace);
  return { partitions, report };
}
