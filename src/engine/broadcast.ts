/**
 * Broadcast variables: a read-only value shipped once to each executor that uses it. Like Spark, the cost is
 * paid lazily: the first task on an executor that reads `.value` fetches the whole value, later tasks on that
 * executor (in this job or later ones) reuse the local copy.
 */
import { currentJob, type Cluster } from './scheduler.ts';
import { estimateValueBytes } from './sizes.ts';

export class Broadcast<T> {
  readonly id: number;
  readonly #value: T;
  readonly #cluster: Cluster;
  #bytes: number | undefined;

  constructor(cluster: Cluster, value: T) {
    this.#cluster = cluster;
    this.id = cluster.nextBroadcastId();
    this.#value = value;
  }

  /** Estimated size of the value in bytes (what each fetching executor receives). */
  get sizeInBytes(): number {
    this.#bytes ??= broadcastValueBytes(this.#value);
    return this.#bytes;
  }

  get value(): T {
    const job = currentJob();
    if (job) {
      const records = Array.isArray(this.#value) ? this.#value.length : this.#value instanceof Map || this.#value instanceof Set ? this.#value.size : 1;
      job.fetchBroadcast(this.#cluster.fetchedBroadcasts, `broadcast ${this.id}`, this.sizeInBytes, records, -1);
    }
    return this.#value;
  }
}

/** Size of a broadcast value: collections are the sum of their entries. */
export function broadcastValueBytes(value: unknown): number {
  if (value instanceof Map) {
    let b = 0;
    for (const [k, v] of value) b += estimateValueBytes([k, v]);
    return b;
  }
  if (value instanceof Set || Array.isArray(value)) {
    let b = 0;
    for (const v of value) b += estimateValueBytes(v);
    return b;
  }
  return estimateValueBytes(value);
}
