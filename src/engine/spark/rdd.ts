/**
 * RDD: a lazy, partitioned, immutable dataset with lineage, like Spark's. Transformations only build a
 * graph (narrow ones pipeline inside a stage, wide ones add a shuffle boundary); actions run a job.
 * Partitions are frozen arrays: no step may change its input, each builds new output.
 */
import { hashPartition } from './hash.ts';
import { deriveSeed, seededRandom } from '../kernel/random.ts';
import { requireCluster, type Cluster } from './cluster.ts';
import { requireRunningJob, type JobRun, type Schedulable } from './job.ts';
import { runJob } from './scheduler.ts';
import { freezeClass } from '../kernel/sealed.ts';
import { estimateValueBytes } from './sizes.ts';

/** How many narrow steps a stage name lists before it abbreviates. */
const NAME_STEPS = 4;

const WHERE_RDDS_COME_FROM = 'RDDs come from spark.sparkContext.parallelize(...), df.rdd, and transformations of other RDDs.';

/**
 * The cluster that runs each RDD's jobs, kept off the RDD: learner code holds RDDs, never the cluster
 * that records (and accounts for) their jobs. Only RDDs the engine made are in here.
 */
const clusters = new WeakMap<RDD<unknown>, Cluster>();

/** The engine's own RDD classes: the scheduler hands their compute() the running job, so only these may extend RDD. */
const engineClasses = new WeakSet<object>();

/** The cluster of an RDD the engine made; anything else (an RDD-like object) is refused. */
export function clusterOf(rdd: RDD<unknown>): Cluster {
  const cluster = clusters.get(rdd);
  if (!cluster) throw new Error(`Expected an RDD made by this engine, got something else. ${WHERE_RDDS_COME_FROM}`);
  return cluster;
}

/** Registers one of the engine's RDD classes (at its module's load) and freezes it. */
export function engineRdd(cls: abstract new (...args: never[]) => RDD<unknown>): void {
  engineClasses.add(cls);
  freezeClass(cls);
}

export abstract class RDD<T> implements Schedulable<T> {
  readonly id: number;
  /** @internal Short name of this step, e.g. 'map', 'scan orders'. */
  readonly label: string;
  /**
   * @internal Bytes of one record, when known cheaply. Declared as a method so RDD<T> stays
   * covariant in T: an RDD of specific rows can be passed where an RDD<Row> is expected.
   */
  sizer?(record: T): number;

  /** @internal RDDs come from SparkContext.parallelize and from other RDDs. */
  constructor(cluster: Cluster, label: string, sizer?: (record: T) => number) {
    if (!engineClasses.has(new.target)) {
      throw new Error(`RDD cannot be extended or made directly: ${WHERE_RDDS_COME_FROM} For custom steps use mapPartitions or zipPartitions.`);
    }
    clusters.set(this, requireCluster(cluster, `An RDD cannot be made directly: ${WHERE_RDDS_COME_FROM}`));
    this.id = cluster.nextRddId();
    this.label = label;
    if (sizer) this.sizer = sizer;
  }

  /** How many partitions this RDD has. */
  abstract getNumPartitions(): number;
  /** @internal Runs (inside `job`, which must be running) the shuffle map and broadcast stages this RDD depends on. */
  abstract prepare(job: JobRun): void;
  /** @internal Computes one partition inside a task of `job`, which must be running: only the scheduler calls it. */
  abstract compute(split: number, job: JobRun): readonly T[];
  /** @internal The parent in the same stage (for naming); undefined at a stage boundary or a source. */
  abstract narrowParent(): RDD<unknown> | undefined;

  /** @internal The pipeline of narrow steps ending here, for stage names. */
  stageName(): string {
    const labels: string[] = [];
    let rdd: RDD<unknown> | undefined = this as RDD<unknown>;
    while (rdd) {
      labels.push(rdd.stepName());
      rdd = rdd.narrowParent();
    }
    labels.reverse();
    return labels.length > NAME_STEPS ? [labels[0], '…', ...labels.slice(-(NAME_STEPS - 1))].join(' → ') : labels.join(' → ');
  }

  /** @internal This step's name inside a stage name. */
  stepName(): string {
    return this.label;
  }

  /** The lineage as text, like Spark's toDebugString. */
  toDebugString(): string {
    const lines: string[] = [];
    const walk = (rdd: RDD<unknown>, depth: number): void => {
      lines.push(`${'  '.repeat(depth)}(${rdd.getNumPartitions()}) ${rdd.constructor.name}[${rdd.id}] ${rdd.label}`);
      for (const p of rdd.parents()) walk(p, rdd instanceof ShuffledRDD ? depth + 1 : depth);
    };
    walk(this as RDD<unknown>, 0);
    return lines.join('\n');
  }

  /** @internal Every parent RDD (narrow and wide). */
  parents(): RDD<unknown>[] {
    const p = this.narrowParent();
    return p ? [p] : [];
  }

  // ---- narrow transformations: each output partition depends on one input partition ----

  map<U>(f: (x: T) => U): RDD<U> {
    return new MapPartitionsRDD<T, U>(this, 'map', (part) => {
      const out = new Array<U>(part.length);
      for (let i = 0; i < part.length; i++) out[i] = f(part[i]);
      return out;
    });
  }

  filter(f: (x: T) => boolean): RDD<T> {
    return new MapPartitionsRDD<T, T>(
      this,
      'filter',
      (part) => {
        const out: T[] = [];
        for (let i = 0; i < part.length; i++) if (f(part[i])) out.push(part[i]);
        return out;
      },
      this.sizer,
    );
  }

  flatMap<U>(f: (x: T) => Iterable<U>): RDD<U> {
    return new MapPartitionsRDD<T, U>(this, 'flatMap', (part) => {
      const out: U[] = [];
      for (let i = 0; i < part.length; i++) for (const u of f(part[i])) out.push(u);
      return out;
    });
  }

  mapPartitions<U>(f: (partition: readonly T[], partitionIndex: number) => Iterable<U>): RDD<U> {
    return new MapPartitionsRDD<T, U>(this, 'mapPartitions', (part, index) => Array.from(f(part, index)));
  }

  keyBy<K>(f: (x: T) => K): RDD<[K, T]> {
    return new MapPartitionsRDD<T, [K, T]>(this, 'keyBy', (part) => {
      const out = new Array<[K, T]>(part.length);
      for (let i = 0; i < part.length; i++) out[i] = [f(part[i]), part[i]];
      return out;
    });
  }

  /** Pairs partition i of this RDD with partition i of `other` (no shuffle, so the counts must match). */
  zipPartitions<U, V>(other: RDD<U>, f: (a: readonly T[], b: readonly U[], partitionIndex: number) => Iterable<V>): RDD<V> {
    return new ZippedPartitionsRDD<T, U, V>(this, other, f);
  }

  /** Each partition as one array record (to see how data is spread). */
  glom(): RDD<T[]> {
    return new MapPartitionsRDD<T, T[]>(this, 'glom', (part) => [part.slice()]);
  }

  // ---- wide transformations: a shuffle moves records between partitions ----

  /** Moves each [key, value] to partition partitioner(key) (default: hashPartition(key, n)). */
  partitionBy<K, V>(this: RDD<[K, V]>, numPartitions: number, partitioner?: (key: K) => number): RDD<[K, V]> {
    checkPartitionCount('partitionBy', numPartitions);
    // Spark skips the shuffle when the data is already partitioned the same way.
    if (!partitioner && this instanceof ShuffledRDD && this.partitioning === `hash(${numPartitions})`) return this;
    const part = partitioner ?? ((key: K) => hashPartition(key, numPartitions));
    return new ShuffledRDD<[K, V]>(this, numPartitions, () => (rec) => part(rec[0]), 'partitionBy', partitioner ? undefined : `hash(${numPartitions})`);
  }

  /** Spreads records evenly over `numPartitions` with a round-robin shuffle. */
  repartition(numPartitions: number): RDD<T> {
    checkPartitionCount('repartition', numPartitions);
    return new ShuffledRDD<T>(this, numPartitions, roundRobin(clusterOf(this).seed, numPartitions), 'repartition');
  }

  // ---- actions: each runs one job ----

  collect(): T[] {
    const { partitions } = runJob(clusterOf(this), this, 'collect');
    return concat(partitions);
  }

  count(): number {
    const { partitions } = runJob(clusterOf(this), this, 'count');
    let n = 0;
    for (const p of partitions) n += p.length;
    return n;
  }

  /** The partitions themselves (frozen), to see which records live where. Not a Spark API. */
  collectPartitions(): T[][] {
    const { partitions } = runJob(clusterOf(this), this, 'collectPartitions');
    return partitions as T[][];
  }
}

export function checkPartitionCount(method: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${method}: the number of partitions must be a positive whole number, got ${String(n)}`);
}

/** Spark's round-robin: each map task starts at a (seeded) random partition and deals records one by one. */
export function roundRobin<T>(seed: number, numPartitions: number): (mapIndex: number) => (record: T) => number {
  return (mapIndex) => {
    let next = Math.floor(seededRandom(deriveSeed(seed, mapIndex))() * numPartitions);
    return () => {
      const r = next;
      next = next + 1 === numPartitions ? 0 : next + 1;
      return r;
    };
  };
}

/** The partitions as one new (unfrozen) array, in partition order. */
export function concat<T>(parts: readonly (readonly T[])[]): T[] {
  return ([] as T[]).concat(...(parts as T[][])); // native concat copies in bulk
}

/** A source: data split into fixed partitions on the driver (parallelize, createDataFrame, range). */
export class ParallelCollectionRDD<T> extends RDD<T> {
  readonly #partitions: readonly (readonly T[])[];
  /** Bytes per partition when already measured (createDataFrame does it once), so stages need not re-measure. */
  readonly knownPartitionBytes: readonly number[] | undefined;

  constructor(
    cluster: Cluster,
    partitions: readonly (readonly T[])[],
    label: string,
    sizer?: (record: T) => number,
    knownPartitionBytes?: readonly number[],
  ) {
    super(cluster, label, sizer);
    for (const p of partitions) Object.freeze(p);
    this.#partitions = Object.freeze(partitions.slice());
    this.knownPartitionBytes = knownPartitionBytes && Object.freeze(knownPartitionBytes);
    Object.freeze(this);
  }

  /** Splits like Spark's ParallelCollectionRDD: slice i holds elements [i*n/k, (i+1)*n/k). */
  static slice<T>(data: readonly T[], numSlices: number): T[][] {
    const out: T[][] = [];
    const n = data.length;
    for (let i = 0; i < numSlices; i++) out.push(data.slice(Math.floor((i * n) / numSlices), Math.floor(((i + 1) * n) / numSlices)));
    return out;
  }

  getNumPartitions(): number {
    return this.#partitions.length;
  }

  prepare(job: JobRun): void {
    requireRunningJob(job, 'prepare');
  }

  compute(split: number, job: JobRun): readonly T[] {
    requireRunningJob(job, 'compute');
    return this.#partitions[split];
  }

  narrowParent(): undefined {
    return undefined;
  }
}

/** A narrow step: output partition i is f(input partition i). */
export class MapPartitionsRDD<T, U> extends RDD<U> {
  readonly parent: RDD<T>;
  readonly #f: (partition: readonly T[], index: number) => U[];

  constructor(parent: RDD<T>, label: string, f: (partition: readonly T[], index: number) => U[], sizer?: (record: U) => number) {
    super(clusterOf(parent as RDD<unknown>), label, sizer);
    this.parent = parent;
    this.#f = f;
    Object.freeze(this);
  }

  getNumPartitions(): number {
    return this.parent.getNumPartitions();
  }

  prepare(job: JobRun): void {
    requireRunningJob(job, 'prepare');
    this.parent.prepare(job);
  }

  compute(split: number, job: JobRun): readonly U[] {
    requireRunningJob(job, 'compute');
    return Object.freeze(this.#f(this.parent.compute(split, job), split));
  }

  narrowParent(): RDD<unknown> {
    return this.parent as RDD<unknown>;
  }
}

/** Two RDDs with the same partition count, partition i of each handed to f together (no shuffle). */
export class ZippedPartitionsRDD<A, B, V> extends RDD<V> {
  readonly left: RDD<A>;
  readonly right: RDD<B>;
  readonly #f: (a: readonly A[], b: readonly B[], index: number) => Iterable<V>;

  constructor(left: RDD<A>, right: RDD<B>, f: (a: readonly A[], b: readonly B[], index: number) => Iterable<V>) {
    const cluster = clusterOf(left as RDD<unknown>);
    if (clusterOf(right as RDD<unknown>) !== cluster) throw new Error('zipPartitions needs both RDDs to come from the same SparkSession.');
    super(cluster, 'zipPartitions');
    const l = left.getNumPartitions();
    const r = right.getNumPartitions();
    if (l !== r) {
      throw new Error(
        `zipPartitions needs both RDDs to have the same number of partitions, but this one has ${l} and the other has ${r}. ` +
          'Repartition one of them first (zipping pairs partition i with partition i, it never moves data).',
      );
    }
    this.left = left;
    this.right = right;
    this.#f = f;
    Object.freeze(this);
  }

  getNumPartitions(): number {
    return this.left.getNumPartitions();
  }

  prepare(job: JobRun): void {
    requireRunningJob(job, 'prepare');
    this.left.prepare(job);
    this.right.prepare(job);
  }

  compute(split: number, job: JobRun): readonly V[] {
    requireRunningJob(job, 'compute');
    return Object.freeze(Array.from(this.#f(this.left.compute(split, job), this.right.compute(split, job), split)));
  }

  narrowParent(): RDD<unknown> {
    return this.left as RDD<unknown>;
  }

  parents(): RDD<unknown>[] {
    return [this.left as RDD<unknown>, this.right as RDD<unknown>];
  }
}

/** A wide step: a shuffle map stage writes every parent record to a bucket, partition i reads bucket i. */
export class ShuffledRDD<T> extends RDD<T> {
  readonly parent: RDD<T>;
  readonly shuffleId: number;
  readonly numPartitions: number;
  /** 'hash(n)' when partitioned by hashPartition of the key, so partitionBy can skip a second shuffle. */
  readonly partitioning: string | undefined;
  readonly #partitionerFor: (mapIndex: number) => (record: T) => number;

  constructor(
    parent: RDD<T>,
    numPartitions: number,
    partitionerFor: (mapIndex: number) => (record: T) => number,
    label: string,
    partitioning?: string,
  ) {
    const cluster = clusterOf(parent as RDD<unknown>);
    super(cluster, label, parent.sizer);
    this.parent = parent;
    this.numPartitions = numPartitions;
    this.shuffleId = cluster.nextShuffleId();
    this.partitioning = partitioning;
    this.#partitionerFor = partitionerFor;
    Object.freeze(this);
  }

  getNumPartitions(): number {
    return this.numPartitions;
  }

  /** Runs the map side once per job (the parent's own stages first). */
  prepare(job: JobRun): void {
    requireRunningJob(job, 'prepare');
    if (job.shuffles.has(this.shuffleId)) return;
    this.parent.prepare(job);
    job.runShuffleMapStage(this.shuffleId, this.parent, this.numPartitions, this.#partitionerFor, this.parent.sizer ?? estimateValueBytes);
  }

  compute(split: number, job: JobRun): readonly T[] {
    requireRunningJob(job, 'compute');
    return job.readShuffle(this.shuffleId, split) as readonly T[];
  }

  narrowParent(): undefined {
    return undefined;
  }

  parents(): RDD<unknown>[] {
    return [this.parent as RDD<unknown>];
  }

  stepName(): string {
    return `${this.label} (shuffle read)`;
  }
}

freezeClass(RDD);
for (const cls of [ParallelCollectionRDD, MapPartitionsRDD, ZippedPartitionsRDD, ShuffledRDD]) engineRdd(cls);
