/** What a job cost, per stage and in total: tasks, shuffle traffic and broadcast traffic. */

export interface StageReport {
  id: number;
  name: string;
  numTasks: number;
  /** Output records per partition/task (skew is visible here). */
  partitionRecords: number[];
  partitionBytes: number[];
  shuffleWriteRecords: number;
  shuffleWriteBytes: number;
  shuffleReadRecords: number;
  shuffleReadBytes: number;
  /** The part of the shuffle read that crossed executors. */
  remoteShuffleReadBytes: number;
  /**
   * Shuffle map stages: bytes written for each reduce partition, summed over the stage's tasks (what AQE
   * reads as MapOutputStatistics.bytesByPartitionId). Empty for stages that write no shuffle.
   */
  shuffleWriteBytesByPartition: number[];
}

export interface JobMetrics {
  jobs: number;
  stages: number;
  tasks: number;
  shuffleWriteRecords: number;
  shuffleWriteBytes: number;
  shuffleReadRecords: number;
  shuffleReadBytes: number;
  remoteShuffleReadBytes: number;
  /** Bytes sent for broadcasts: size x executors that fetched it. */
  broadcastBytes: number;
  outputRecords: number;
}

export function emptyMetrics(): JobMetrics {
  return {
    jobs: 0,
    stages: 0,
    tasks: 0,
    shuffleWriteRecords: 0,
    shuffleWriteBytes: 0,
    shuffleReadRecords: 0,
    shuffleReadBytes: 0,
    remoteShuffleReadBytes: 0,
    broadcastBytes: 0,
    outputRecords: 0,
  };
}

/** Adds b into a (field by field) and returns a. */
export function addMetrics(a: JobMetrics, b: JobMetrics): JobMetrics {
  for (const key of Object.keys(a) as (keyof JobMetrics)[]) a[key] += b[key];
  return a;
}

/** A job's metrics from its stages, plus the broadcast bytes and output records counted while it ran. */
export function jobMetricsFromStages(stages: readonly StageReport[], broadcastBytes: number, outputRecords: number): JobMetrics {
  const m = emptyMetrics();
  m.jobs = 1;
  m.stages = stages.length;
  for (const s of stages) {
    m.tasks += s.numTasks;
    m.shuffleWriteRecords += s.shuffleWriteRecords;
    m.shuffleWriteBytes += s.shuffleWriteBytes;
    m.shuffleReadRecords += s.shuffleReadRecords;
    m.shuffleReadBytes += s.shuffleReadBytes;
    m.remoteShuffleReadBytes += s.remoteShuffleReadBytes;
  }
  m.broadcastBytes = broadcastBytes;
  m.outputRecords = outputRecords;
  return m;
}
