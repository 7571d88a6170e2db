/** SparkContext: the entry point for RDDs and broadcast variables. It lives on the driver only. */
import { Broadcast } from './broadcast.ts';
import { requireCluster, type Cluster } from './cluster.ts';
import { DRIVER_ID } from './job-trace.ts';
import { checkPartitionCount, ParallelCollectionRDD, type RDD } from './rdd.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';

/** Who is told of each value broadcast through a context (see watchBroadcastValues). */
const broadcastWatchers = new WeakMap<SparkContext, ((value: unknown) => void)[]>();

/**
 * Calls `watcher` with every value broadcast through `sc` from now on, the driver's own object. For the
 * hidden checks: the engine tells them, so no method on `sc` has to be replaced (or can be bypassed).
 */
export function watchBroadcastValues(sc: SparkContext, watcher: (value: unknown) => void): void {
  const watchers = broadcastWatchers.get(sc);
  if (watchers) watchers.push(watcher);
  else broadcastWatchers.set(sc, [watcher]);
}

export class SparkContext {
  readonly #cluster: Cluster;

  /** @internal Made by SparkSession. */
  constructor(cluster: Cluster) {
    this.#cluster = requireCluster(cluster, 'A SparkContext cannot be made directly: use spark.sparkContext.');
    sealInstance(this, new.target, SparkContext);
  }

  /** executors x coresPerExecutor: how many tasks can run at once, and the default partition count. */
  get defaultParallelism(): number {
    return this.#cluster.executors * this.#cluster.coresPerExecutor;
  }

  /**
   * Splits a local array into `numSlices` partitions (default: defaultParallelism). The data is
   * copied and frozen: tasks get rows they cannot change, and changing the array later changes nothing.
   */
  parallelize<T>(data: T[], numSlices: number = this.defaultParallelism): RDD<T> {
    if (!Array.isArray(data)) throw new Error('parallelize expects an array');
    checkPartitionCount('parallelize', numSlices);
    this.#onDriver('parallelize');
    return new ParallelCollectionRDD<T>(this.#cluster, ParallelCollectionRDD.slice(copyRecords(data), numSlices), 'parallelize');
  }

  /** Ships `value` to each executor once, on first use there (see Broadcast). */
  broadcast<T>(value: T): Broadcast<T> {
    this.#onDriver('broadcast');
    const handle = new Broadcast(this.#cluster, value);
    for (const watcher of broadcastWatchers.get(this) ?? []) watcher(value);
    return handle;
  }

  /** Spark refuses to use the SparkContext inside a task (SPARK-5063); so does this engine. */
  #onDriver(method: string): void {
    const job = this.#cluster.activeJob;
    if (job && job.executor !== DRIVER_ID) {
      throw new Error(
        `sparkContext.${method}() was called inside a task. Like Spark (SPARK-5063), the SparkContext only exists on the driver: ` +
          `call ${method}() before the transformation and use its result inside it.`,
      );
    }
  }
}

/** A frozen copy of each record (what a task would deserialize), so no task can change its input. */
function copyRecords<T>(data: readonly T[]): T[] {
  const out = new Array<T>(data.length);
  for (let i = 0; i < data.length; i++) out[i] = frozenCopy(data[i]);
  return out;
}

function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = frozenCopy((value as Record<string, unknown>)[key]);
    return Object.freeze(copy) as T;
  }
  return value; // Maps, Dates, class instances: passed as they are
}

freezeClass(SparkContext);
