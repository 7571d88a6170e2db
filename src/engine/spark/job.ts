/**
 * A job while it runs: it runs stages (task i of a stage on executor i % executors), counts
 * records and bytes per task, remembers what crossed the network, and at the end turns all of that
 * into a JobReport (metrics) and a SparkJobTrace (the picture).
 */
import type { Cluster } from './cluster.ts';
import {
  DRIVER_ID,
  SPARK_JOB_TRACE_KIND,
  SPARK_JOB_TRACE_VERSION,
  type JoinStrategyName,
  type SparkJobTrace,
  type TraceStage,
  type TraceTransfer,
  type TransferKind,
} from './job-trace.ts';
import { jobMetricsFromStages, type JobMetrics, type StageReport } from './metrics.ts';
import { freezeClass } from '../kernel/sealed.ts';
import { estimateValueBytes } from './sizes.ts';

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
  trace: SparkJobTrace;
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
  /** Bytes of one record, when known cheaply (DataFrames know their columns); a method, so T stays covariant. */
  sizer?(record: T): number;
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

/**
 * Jobs the scheduler is running now. RDDs compute partitions (and run the stages they depend on) only
 * for one of these, so no partition is read outside a job's accounting: learner code never holds a
 * JobRun, and an object that looks like one is not in this set.
 */
const running = new WeakSet<JobRun>();

/** Throws unless `job` is a job the scheduler is running now (see `running`). */
export function requireRunningJob(job: unknown, method: string): asserts job is JobRun {
  if (!running.has(job as JobRun)) {
    throw new Error(`${method}() is the scheduler's: run an action such as collect() or count() instead, which runs (and measures) a job.`);
  }
}

/** The job is over (finished or failed): its RDDs compute nothing more for it. */
export function endJob(job: JobRun): void {
  running.delete(job);
}

export class JobRun {
  readonly #cluster: Cluster;
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

  /** Made by the scheduler only; running until endJob. */
  constructor(cluster: Cluster, id: number, description: string) {
    this.#cluster = cluster;
    this.id = id;
    this.description = description;
    running.add(this);
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
      shuffleWriteBytesByPartition: [],
      partitions: [],
    };
    const outer = this.#current;
    this.#current = stage;
    // Filled by partition index (tasks may run in another order); in partition order they stay packed arrays.
    const reversed = this.#cluster.taskOrder === 'reversed';
    try {
      for (let n = 0; n < numTasks; n++) {
        const i = reversed ? numTasks - 1 - n : n;
        this.executor = i % this.#cluster.executors;
        const { records, bytes } = task(i, stage);
        stage.partitionRecords[i] = records;
        stage.partitionBytes[i] = bytes;
        stage.partitions[i] = { index: i, executor: this.executor, records, bytes };
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
      out[i] = part;
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
    // The buckets hold map 0's records first, then map 1's, ... (readShuffle relies on it): tasks run
    // by partition write straight into them; in another order each task writes its own, merged after.
    const buckets: T[][] = [];
    for (let r = 0; r < numReduces; r++) buckets.push([]);
    const inOrder = this.#cluster.taskOrder === 'partition';
    const written: T[][][] = inOrder ? [] : new Array(numMaps);
    const records = new Float64Array(numMaps * numReduces);
    const bytes = new Float64Array(numMaps * numReduces);
    const stage = this.runStage(`${parent.stageName()} → shuffle write`, numMaps, (m, st) => {
      const rows = parent.compute(m, this);
      const partitioner = partitionerFor(m);
      const base = m * numReduces;
      let mine = buckets;
      if (!inOrder) {
        mine = [];
        for (let r = 0; r < numReduces; r++) mine.push([]);
        written[m] = mine;
      }
      let bytesWritten = 0;
      for (let i = 0; i < rows.length; i++) {
        const rec = rows[i];
        const r = partitioner(rec);
        if (!(r >= 0 && r < numReduces && (r | 0) === r)) {
          throw new Error(`The partitioner returned ${String(r)}, but a partition number must be a whole number from 0 to ${numReduces - 1}.`);
        }
        const b = sizer(rec);
        mine[r].push(rec);
        records[base + r]++;
        bytes[base + r] += b;
        bytesWritten += b;
      }
      st.shuffleWriteRecords += rows.length;
      st.shuffleWriteBytes += bytesWritten;
      return { records: rows.length, bytes: bytesWritten };
    });
    if (!inOrder) for (let r = 0; r < numReduces; r++) for (let m = 0; m < numMaps; m++) for (const rec of written[m][r]) buckets[r].push(rec);
    const bytesByPartition: number[] = new Array(numReduces).fill(0);
    for (let m = 0; m < numMaps; m++) for (let r = 0; r < numReduces; r++) bytesByPartition[r] += bytes[m * numReduces + r];
    stage.shuffleWriteBytesByPartition = bytesByPartition.slice();
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

  /**
   * Reads reduce partition `reduce` of a shuffle inside the current task, counting local and remote bytes.
   * With a map range, only what map tasks [startMap, endMap) wrote for it (a piece of a skewed partition).
   */
  readShuffle(shuffleId: number, reduce: number, startMap = 0, endMap?: number): readonly unknown[] {
    const s = this.shuffles.get(shuffleId);
    const stage = this.#current;
    if (!s || !stage) throw new Error(`internal: shuffle ${shuffleId} read outside its job`);
    const end = endMap ?? s.numMaps;
    const to = this.executor;
    const E = this.#cluster.executors;
    let offset = 0; // the bucket holds map 0's records first, then map 1's, ...
    let count = 0;
    for (let m = 0; m < end; m++) {
      const k = m * s.numReduces + reduce;
      const recs = s.records[k];
      if (recs === 0) continue;
      if (m < startMap) {
        offset += recs;
        continue;
      }
      count += recs;
      const b = s.bytes[k];
      const from = m % E;
      stage.shuffleReadRecords += recs;
      stage.shuffleReadBytes += b;
      if (from !== to) stage.remoteShuffleReadBytes += b;
      this.addTransfer('shuffle', s.stageId, stage.id, from, to, recs, b);
    }
    const bucket = s.buckets[reduce];
    return startMap === 0 && end === s.numMaps ? bucket : Object.freeze(bucket.slice(offset, offset + count));
  }

  /** Charges one copy of a broadcast sent from the driver to the current task's executor. */
  chargeBroadcast(bytes: number, records: number, fromStage: number): void {
    const e = this.executor;
    if (e === DRIVER_ID) return; // read on the driver: nothing moves
    this.#broadcastBytes += bytes;
    this.addTransfer('broadcast', fromStage, this.currentStageId, DRIVER_ID, e, records, bytes);
  }

  /**
   * Charges a broadcast made by this job (a broadcast join's build side) the first time the current
   * task's executor reads it; later tasks on that executor reuse the copy.
   */
  fetchJobBroadcast(key: string, bytes: number, records: number, fromStage: number): void {
    const k = `${key}@${this.executor}`;
    if (this.executor === DRIVER_ID || this.#fetchedHere.has(k)) return;
    this.#fetchedHere.add(k);
    this.chargeBroadcast(bytes, records, fromStage);
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
    const trace: SparkJobTrace = {
      kind: SPARK_JOB_TRACE_KIND,
      version: SPARK_JOB_TRACE_VERSION,
      jobId: this.id,
      description: this.description,
      executors: Array.from({ length: this.#cluster.executors }, (_, id) => ({ id, cores: this.#cluster.coresPerExecutor })),
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

freezeClass(JobRun);
