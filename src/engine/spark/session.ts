/**
 * SparkSession: the entry point. It owns the simulated cluster (executors x cores), the runtime config,
 * the seed every random choice derives from, and the record of every job run so far.
 */
import { RuntimeConfig, type ConfValue } from './config.ts';
import { SparkContext } from './spark-context.ts';
import { DataFrame } from './dataframe.ts';
import { addMetrics, emptyMetrics, type JobMetrics } from './metrics.ts';
import { planId, type Scan } from './plan/logical.ts';
import { checkPartitionCount, ParallelCollectionRDD } from './rdd.ts';
import { deriveSeed, seededRandom } from '../kernel/random.ts';
import { describeValue, isValue, type Row } from './row.ts';
import { createCluster, type Cluster, type TaskOrder } from './cluster.ts';
import type { JobReport } from './job.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { rowSizer } from './sizes.ts';

export interface SparkSessionOptions {
  /** Default 4. */
  executors?: number;
  /** Default 2. */
  coresPerExecutor?: number;
  /** Default 42; drives every random choice (round-robin starts, rng()). */
  seed?: number;
  conf?: Record<string, ConfValue>;
  /** @internal The order a stage's tasks run in (default 'partition'; see TaskOrder). */
  taskOrder?: TaskOrder;
}

function positiveInt(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`SparkSession: ${name} must be a positive whole number, got ${describeValue(value)}`);
  }
  return value;
}

export class SparkSession {
  readonly conf: RuntimeConfig;
  readonly sparkContext: SparkContext;
  readonly executors: number;
  readonly coresPerExecutor: number;
  readonly seed: number;
  readonly #jobs: JobReport[] = [];
  /** What `jobs` returns: a frozen copy of #jobs, made on the first read after a new job. */
  #jobsView: readonly JobReport[] | undefined;
  readonly #cluster: Cluster;
  #rngStreams = 0;

  constructor(options: SparkSessionOptions = {}) {
    this.executors = positiveInt('executors', options.executors, 4);
    this.coresPerExecutor = positiveInt('coresPerExecutor', options.coresPerExecutor, 2);
    if (options.seed !== undefined && (typeof options.seed !== 'number' || !Number.isFinite(options.seed))) {
      throw new Error(`SparkSession: seed must be a number, got ${describeValue(options.seed)}`);
    }
    this.seed = (options.seed ?? 42) | 0;
    this.conf = new RuntimeConfig(options.conf);
    const settings = {
      executors: this.executors,
      coresPerExecutor: this.coresPerExecutor,
      conf: this.conf,
      seed: this.seed,
      taskOrder: options.taskOrder === 'reversed' ? ('reversed' as const) : ('partition' as const),
    };
    // Only the scheduler records jobs (reports arrive frozen); the record itself never leaves the session.
    this.#cluster = createCluster(settings, (report) => {
      this.#jobs.push(report);
      this.#jobsView = undefined;
    });
    this.sparkContext = new SparkContext(this.#cluster);
    sealInstance(this, new.target, SparkSession);
  }

  /** Every job run so far, in order (a frozen copy: the session's record cannot be changed through it). */
  get jobs(): readonly JobReport[] {
    this.#jobsView ??= Object.freeze(this.#jobs.slice());
    return this.#jobsView;
  }

  lastJob(): JobReport | undefined {
    return this.#jobs[this.#jobs.length - 1];
  }

  /** Metrics summed over all jobs. */
  totalMetrics(): JobMetrics {
    const total = emptyMetrics();
    for (const j of this.#jobs) addMetrics(total, j.metrics);
    return Object.freeze(total);
  }

  /** A seeded PRNG in [0, 1): each call gives a new stream, the same streams for the same seed. */
  rng(): () => number {
    return seededRandom(deriveSeed(this.seed, this.#rngStreams++));
  }

  /**
   * A DataFrame from local rows, split into numPartitions (default: defaultParallelism). Columns are the
   * union of the rows' keys in first-seen order; a missing or undefined cell is null. Rows are copied and
   * frozen, so changing the input array later changes nothing.
   */
  createDataFrame(rows: Row[], options: { numPartitions?: number; name?: string } = {}): DataFrame {
    if (!Array.isArray(rows)) throw new Error('createDataFrame expects an array of row objects');
    const numPartitions = options.numPartitions ?? this.sparkContext.defaultParallelism;
    checkPartitionCount('createDataFrame', numPartitions);
    const columns: string[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        throw new Error(`createDataFrame: row ${i} is ${describeValue(row)}, but each row must be an object like { id: 1, name: 'a' }`);
      }
      for (const key in row) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
    });
    const copies = new Array<Row>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const src = rows[i];
      const row: Row = {};
      for (let c = 0; c < columns.length; c++) {
        const v = src[columns[c]];
        if (v === undefined) row[columns[c]] = null;
        else if (isValue(v)) row[columns[c]] = v;
        else {
          throw new Error(
            `createDataFrame: row ${i}, column '${columns[c]}' holds ${describeValue(v)}; cells must be numbers, strings, booleans or null.`,
          );
        }
      }
      copies[i] = Object.freeze(row);
    }
    const name = options.name;
    return this.#scan(
      columns,
      ParallelCollectionRDD.slice(copies, numPartitions),
      name ?? 'local',
      name ? `Scan ${name}[${columns.join(',')}]` : `LocalTableScan [${columns.join(', ')}]`,
    );
  }

  /** A DataFrame with one column 'id' holding 0..n-1, split evenly over numPartitions. */
  range(n: number, options: { numPartitions?: number } = {}): DataFrame {
    if (!Number.isInteger(n) || n < 0) throw new Error(`range: n must be a whole number >= 0, got ${describeValue(n)}`);
    const numPartitions = options.numPartitions ?? this.sparkContext.defaultParallelism;
    checkPartitionCount('range', numPartitions);
    const rows = new Array<Row>(n);
    for (let i = 0; i < n; i++) rows[i] = Object.freeze({ id: i });
    return this.#scan(['id'], ParallelCollectionRDD.slice(rows, numPartitions), 'range', `Range (0, ${n}, step=1, splits=${numPartitions})`);
  }

  #scan(columns: string[], partitions: Row[][], name: string, text: string): DataFrame {
    // Plan statistics are measured once here, so planning and broadcasting never re-measure the rows.
    const size = rowSizer(columns);
    const partitionBytes = partitions.map((p) => {
      let b = 0;
      for (let i = 0; i < p.length; i++) b += size(p[i]);
      return b;
    });
    for (const p of partitions) Object.freeze(p);
    const plan: Scan = {
      kind: 'scan',
      id: planId(),
      name,
      text,
      output: columns,
      partitions,
      partitionBytes,
      sizeInBytes: partitionBytes.reduce((a, b) => a + b, 0),
    };
    return new DataFrame(this.#cluster, plan);
  }
}

freezeClass(SparkSession);
