/**
 * The scheduler: an action becomes a job; the job runs the stages its RDD graph needs (shuffle map stages
 * and broadcast stages first, then the result stage), one task per partition, task i on executor
 * i % executors. While it runs, the job counts records and bytes per task and everything that crosses
 * executors, and at the end it produces a JobReport and a JobTrace.
 */
import type { RuntimeConfig } from './config.ts';
import { jobMetricsFromStages, type JobMetrics, type StageReport } from './metrics.ts';
import { estimateValueBytes } from './sizes.ts';
import { TRACE_VERSION, type JobTrace, type JoinStrategyName, type TraceStage, type TraceTransfer, type TransferKind } from './trace.ts';

/** Executor id used in traces for the driver (it collects broadcast data and sends it out). */
export const DRIVER_ID = -1;

export interface JobReport {
  id: number;
  /** The action, e.g. 'collect'. */
  description: string;
  /** DataFrame jobs: the final physical plan text (isFinalPlan=true under AQE). */
  plan?: string;
  /** The join strategy that ran, if any. */
  strategy?: JoinStrategyName;
  stages: StageReport[];
  metrics: JobMetrics;
  trace: JobTrace;
}

/** What the scheduler needs from the session. */
export interface Cluster {
  readonly executors: number;
  readonly coresPerExecutor: number;
  readonly conf: RuntimeConfig;
  readonly seed: number;
  nextRddId(): number;
  nextShuffleId(): number;
  nextBroadcastId(): number;
  /** (broadcast id, executor) pairs already fetched: executors keep broadcast blocks across jobs. */
  readonly fetchedBroadcasts: Set<string>;
  recordJob(report: JobReport): void;
}

/** The part of an RDD the scheduler uses. */
export interface Schedulable<T = unknown> {
  readonly id: number;
  readonly label: string;
  getNumPartitions(): number;
  /** Runs (inside `job`) the shuffle map and broadcast stages this RDD depends on. */
  prepare(job: JobRun): void;
  /** Computes one partition inside the current task. */
  compute(split: number, job: JobRun): readonly T[];
  /** Name of the pipeline of narrow steps ending at this RDD, for stage names. */
  stageName(): string;
  /** Bytes of one record, when known cheaply (DataFrames know their columns). */
  readonly sizer?: (record: T) => number;
}

/** Output of a shuffle map stage: the reduce-side buckets and what each map task wrote to each of them. */
export interface ShuffleOutput {
  stageId: number;
  numMaps: number;
  numReduces: number;
  buckets: readonly (readonly unknown[])[];
  /** records[m * numReduces + r]: records map task m wrote for reduce partition r (bytes likewise). */
  records: Float64Array;
  bytes: Float64Array;
  totalRecords: number;
  totalBytes: number;
  /** Bytes per reduce partition (what AQE looks at). */
  bytesByPartition: number[];
}

interface StageRun extends StageReport {
  partitions: TraceStage['partitions'];
}

let listener: ((trace: JobTrace) => void) | null = null;
let activeJob: JobRun | null = null;

/** Registers (or with null, removes) the function that receives every job's trace. */
export function onJobTrace(fn: ((trace: JobTrace) => void) | null): void {
  listener = fn;
}

/** The job running right now, if an action is in progress (used by Broadcast.value). */
export function currentJob(): JobRun | null {
  return activeJob;
}

/** How many records a result stage samples to estimate its output bytes (measuring every row is costly). */
const SAMPLE = 32;

function estimateBytes<T>(records: readonly T[], sizer: ((r: T) => number) | undefined): number {
  const size = sizer ?? estimateValueBytes;
  const n = records.length;
  if (n <= SAMPLE) {
    let b = 0;
    for (let i = 0; i < n; i++) b += size(records[i]);
    return b;
  }
  let b = 0;
  const step = n / SAMPLE;
  for (let i = 0; i < SAMPLE; i++) b += size(records[Math.floor(i * step)]);
  return Math.round((b / SAMPLE) * n);
}

export class JobRun {
  readonly cluster: Cluster;
  readonly id: number;
  readonly description: string;
  readonly stages: StageRun[] = [];
  readonly notes: string[] = [];
  strategy: JoinStrategyName | undefined;
  /** Executor running the current task; DRIVER_ID between tasks. */
  executor = DRIVER_ID;
  /** Per-job state owned by RDDs (shuffle outputs, join decisions, broadcast relations). */
  readonly shuffles = new Map<number, ShuffleOutput>();
  readonly state = new Map<unknown, unknown>();
  #current: StageRun | null = null;
  #transfers = new Map<string, TraceTransfer>();
  #broadcastBytes = 0;
  readonly #fetchedHere = new Set<string>();

  constructor(cluster: Cluster, id: number, description: string) {
    this.cluster = cluster;
    this.id = id;
    this.description = description;
  }

  get currentStageId(): number {
    return this.#current ? this.#current.id : -1;
  }

  /** Runs one stage: task i computes partition i on executor i % executors. */
  runStage(name: string, numTasks: number, task: (index: number, stage: StageReport) => { records: number; bytes: number }): StageReport {
    const stage: StageRun = {
      id: this.stages.length,
      name,
      numTasks,
      partitionRecords: [],
      partitionBytes: [],
      shuffleWriteRecords: 0,
      shuffleWriteBytes: 0,
      shuffleReadRecords: 0,
      shuffleReadBytes: 0,
      remoteShuffleReadBytes: 0,
      partitions: [],
    };
    const outer = this.#current;
    this.#current = stage;
    try {
      for (let i = 0; i < numTasks; i++) {
        this.executor = i % this.cluster.executors;
        const { records, bytes } = task(i, stage);
        stage.partitionRecords.push(records);
        stage.partitionBytes.push(bytes);
        stage.partitions.push({ index: i, executor: this.executor, records, bytes });
      }
    } finally {
      this.#current = outer;
      this.executor = DRIVER_ID;
    }
    this.stages.push(stage);
    return stage;
  }

  /** The result stage: computes every partition of `rdd` and returns them. */
  runResultStage<T>(rdd: Schedulable<T>): (readonly T[])[] {
    const out: (readonly T[])[] = [];
    this.runStage(rdd.stageName(), rdd.getNumPartitions(), (i) => {
      const part = rdd.compute(i, this);
      out.push(part);
      return { records: part.length, bytes: estimateBytes(part, rdd.sizer) };
    });
    return out;
  }

  /**
   * A shuffle map stage: each map task computes its partition of `parent` and writes each record to the
   * bucket of the reduce partition `partitionerFor(mapIndex)(record)` chooses.
   */
  runShuffleMapStage<T>(
    shuffleId: number,
    parent: Schedulable<T>,
    numReduces: number,
    partitionerFor: (mapIndex: number) => (record: T) => number,
    sizer: (record: T) => number,
  ): ShuffleOutput {
    const numMaps = parent.getNumPartitions();
    const buckets: T[][] = [];
    for (let r = 0; r < numReduces; r++) buckets.push([]);
    const records = new Float64Array(numMaps * numReduces);
    const bytes = new Float64Array(numMaps * numReduces);
    const stage = this.runStage(`${parent.stageName()} → shuffle write`, numMaps, (m, st) => {
      const rows = parent.compute(m, this);
      const partitioner = partitionerFor(m);
      const base = m * numReduces;
      let written = 0;
      for (let i = 0; i < rows.length; i++) {
        const rec = rows[i];
        const r = partitioner(rec);
        if (!(r >= 0 && r < numReduces && (r | 0) === r)) {
          throw new Error(`The partitioner returned ${String(r)}, but a partition number must be a whole number from 0 to ${numReduces - 1}.`);
        }
        const b = sizer(rec);
        buckets[r].push(rec);
        records[base + r]++;
        bytes[base + r] += b;
        written += b;
      }
      st.shuffleWriteRecords += rows.length;
      st.shuffleWriteBytes += written;
      return { records: rows.length, bytes: written };
    });
    const bytesByPartition: number[] = new Array(numReduces).fill(0);
    for (let m = 0; m < numMaps; m++) for (let r = 0; r < numReduces; r++) bytesByPartition[r] += bytes[m * numReduces + r];
    for (const b of buckets) Object.freeze(b);
    const output: ShuffleOutput = {
      stageId: stage.id,
      numMaps,
      numReduces,
      buckets,
      records,
      bytes,
      totalRecords: stage.shuffleWriteRecords,
      totalBytes: stage.shuffleWriteBytes,
      bytesByPartition,
    };
    this.shuffles.set(shuffleId, output);
    return output;
  }

  /** Reads reduce partition `reduce` of a shuffle inside the current task, counting local and remote bytes. */
  readShuffle(shuffleId: number, reduce: number): readonly unknown[] {
    const s = this.shuffles.get(shuffleId);
    const stage = this.#current;
    if (!s || !stage) throw new Error(`internal: shuffle ${shuffleId} read outside its job`);
    const to = this.executor;
    const E = this.cluster.executors;
    for (let m = 0; m < s.numMaps; m++) {
      const k = m * s.numReduces + reduce;
      const recs = s.records[k];
      if (recs === 0) continue;
      const b = s.bytes[k];
      const from = m % E;
      stage.shuffleReadRecords += recs;
      stage.shuffleReadBytes += b;
      if (from !== to) stage.remoteShuffleReadBytes += b;
      this.addTransfer('shuffle', s.stageId, stage.id, from, to, recs, b);
    }
    return s.buckets[reduce];
  }

  /**
   * Charges a broadcast read by the current task: the first read on an executor fetches the whole value
   * from the driver (`fetched` remembers which executors already hold it).
   */
  fetchBroadcast(fetched: Set<string>, key: string, bytes: number, records: number, fromStage: number): void {
    const e = this.executor;
    if (e === DRIVER_ID) return; // read on the driver: nothing moves
    const k = `${key}@${e}`;
    if (fetched.has(k)) return;
    fetched.add(k);
    this.#broadcastBytes += bytes;
    this.addTransfer('broadcast', fromStage, this.currentStageId, DRIVER_ID, e, records, bytes);
  }

  /** A job-local set for broadcasts made by this job (e.g. a broadcast join's build side). */
  get jobBroadcasts(): Set<string> {
    return this.#fetchedHere;
  }

  addTransfer(kind: TransferKind, fromStage: number, toStage: number, fromExecutor: number, toExecutor: number, records: number, bytes: number): void {
    const key = `${kind}|${fromStage}|${toStage}|${fromExecutor}|${toExecutor}`;
    const t = this.#transfers.get(key);
    if (t) {
      t.records += records;
      t.bytes += bytes;
    } else {
      this.#transfers.set(key, { kind, fromStage, toStage, fromExecutor, toExecutor, records, bytes });
    }
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  /** Builds the report and trace once the result stage is done. */
  finish(outputRecords: number, plan?: string): JobReport {
    const stages: StageReport[] = this.stages.map(({ partitions: _p, ...report }) => report);
    const trace: JobTrace = {
      version: TRACE_VERSION,
      jobId: this.id,
      description: this.description,
      executors: Array.from({ length: this.cluster.executors }, (_, id) => ({ id, cores: this.cluster.coresPerExecutor })),
      stages: this.stages.map((s) => ({ id: s.id, name: s.name, partitions: s.partitions })),
      transfers: [...this.#transfers.values()],
      notes: [...this.notes],
    };
    if (this.strategy) trace.strategy = this.strategy;
    const report: JobReport = {
      id: this.id,
      description: this.description,
      stages,
      metrics: jobMetricsFromStages(stages, this.#broadcastBytes, outputRecords),
      trace,
    };
    if (plan !== undefined) report.plan = plan;
    if (this.strategy) report.strategy = this.strategy;
    return report;
  }
}

const jobCounters = new WeakMap<Cluster, number>();

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
  if (activeJob) {
    throw new Error(
      `Cannot run '${description}' inside a function that is already running on the cluster. ` +
        'Like Spark (SPARK-5063), RDD and DataFrame actions may only be called on the driver, not inside map/filter/etc.',
    );
  }
  const id = jobCounters.get(cluster) ?? 0;
  jobCounters.set(cluster, id + 1);
  const job = new JobRun(cluster, id, description);
  activeJob = job;
  let partitions: (readonly T[])[];
  try {
    rdd.prepare(job);
    partitions = job.runResultStage(rdd);
  } finally {
    activeJob = null;
  }
  let output = 0;
  for (const p of partitions) output += p.length;
  const report = job.finish(output, plan?.(job));
  cluster.recordJob(report);
  if (listener) listener(report.trace);
  return { partitions, report };
}
