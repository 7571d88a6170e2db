/** SparkContext: the entry point for RDDs and broadcast variables. */
import { Broadcast } from './broadcast.ts';
import { checkPartitionCount, ParallelCollectionRDD, type RDD } from './rdd.ts';
import type { Cluster } from './scheduler.ts';

export class SparkContext {
  readonly #cluster: Cluster;

  constructor(cluster: Cluster) {
    this.#cluster = cluster;
  }

  /** executors x coresPerExecutor: how many tasks can run at once, and the default partition count. */
  get defaultParallelism(): number {
    return this.#cluster.executors * this.#cluster.coresPerExecutor;
  }

  /** Splits a local array into `numSlices` partitions (default: defaultParallelism). */
  parallelize<T>(data: T[], numSlices: number = this.defaultParallelism): RDD<T> {
    if (!Array.isArray(data)) throw new Error('parallelize expects an array');
    checkPartitionCount('parallelize', numSlices);
    return new ParallelCollectionRDD<T>(this.#cluster, ParallelCollectionRDD.slice(data, numSlices), 'parallelize');
  }

  broadcast<T>(value: T): Broadcast<T> {
    return new Broadcast(this.#cluster, value);
  }
}
