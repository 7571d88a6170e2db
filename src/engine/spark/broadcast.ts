/**
 * Broadcast variables: a read-only value shipped once to each executor that uses it. Like Spark, the
 * cost is paid lazily: the first task on an executor that reads `.value` fetches the whole value,
 * later tasks on that executor (in this job or later ones) reuse the local copy. Each executor gets
 * its own deserialized copy, as in Spark: changing it changes nothing on other executors or the driver.
 * And as in Spark (TorrentBroadcast writes its blocks when it is created), the value is serialized
 * when the broadcast is made: changing the driver's object afterwards changes nothing the executors see.
 */
import { requireCluster, type Cluster } from './cluster.ts';
import { DRIVER_ID } from './job-trace.ts';
import { deepFreeze } from '../kernel/freeze.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { estimateValueBytes } from './sizes.ts';

export class Broadcast<T> {
  readonly id: number;
  readonly #value: T;
  /** The value as serialized at creation: what every executor's copy is made from. */
  readonly #shipped: T;
  readonly #cluster: Cluster;
  #bytes: number | undefined;

  /** @internal Made by SparkContext.broadcast. */
  constructor(cluster: Cluster, value: T) {
    this.#cluster = requireCluster(cluster, 'A Broadcast cannot be made directly: use spark.sparkContext.broadcast(value).');
    this.#shipped = serialized(value);
    this.id = cluster.nextBroadcastId();
    this.#value = value;
    sealInstance(this, new.target, Broadcast);
  }

  /** Estimated size of the value in bytes (what each fetching executor receives). */
  get sizeInBytes(): number {
    this.#bytes ??= broadcastValueBytes(this.#shipped);
    return this.#bytes;
  }

  /** The value: on the driver the original; inside a task, this executor's own copy. */
  get value(): T {
    const job = this.#cluster.activeJob;
    if (!job || job.executor === DRIVER_ID) return this.#value;
    const key = `${this.id}@${job.executor}`;
    const copies = this.#cluster.broadcastCopies;
    if (!copies.has(key)) {
      copies.set(key, deepFreeze(structuredClone(this.#shipped)));
      job.chargeBroadcast(this.sizeInBytes, recordsIn(this.#shipped), -1);
    }
    return copies.get(key) as T;
  }
}

freezeClass(Broadcast);

function recordsIn(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  return 1;
}

/**
 * The value as the driver serializes it for the executors: a deep copy. Executors each deserialize
 * their own copy of it, its rows and arrays frozen like every row a task is handed.
 */
function serialized<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    throw new Error(
      'This broadcast value cannot be sent to executors: it holds something that cannot be copied (a function or a class instance?). ' +
        'Broadcast plain data: numbers, strings, arrays, objects, Maps and Sets.',
    );
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
