/** Helpers for checks of '@sai/spark' exercises. */
import { watchBroadcastValues, type SparkContext } from '../../engine/spark/spark-context.ts';
import type { RDD } from '../../engine/spark/rdd.ts';

/**
 * An RDD whose partition i holds exactly `partitions[i]` (empty and skewed partitions included),
 * which `parallelize` alone cannot make: one element per slice, then a narrow flatMap.
 */
export function partitionedRdd<T>(sc: SparkContext, partitions: readonly (readonly T[])[]): RDD<T> {
  return sc.parallelize(partitions.map((p) => [...p]), Math.max(1, partitions.length)).flatMap((p) => p);
}

/** What a learner's code broadcast, seen from the driver (see watchBroadcasts). */
export interface BroadcastWatch {
  /** The values passed to sc.broadcast, in order: the driver's own objects. */
  readonly values: unknown[];
  /**
   * Empties the driver's originals (Maps, Sets, arrays, objects that are not frozen). The executors'
   * copies were serialized when each broadcast was made, as in Spark, so code that reads `.value` in
   * its tasks is unaffected; code that reads the driver's table from its closure finds it empty.
   */
  emptyDriverOriginals(): void;
}

/**
 * Records every value broadcast through `sc` from now on. The engine reports them (sc and its class
 * are frozen), so learner code can neither hide a broadcast from the watch nor add one to it.
 */
export function watchBroadcasts(sc: SparkContext): BroadcastWatch {
  const values: unknown[] = [];
  watchBroadcastValues(sc, (value) => values.push(value));
  return {
    values,
    emptyDriverOriginals() {
      for (const value of values) emptyInPlace(value);
    },
  };
}

function emptyInPlace(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  if (value instanceof Map || value instanceof Set) value.clear();
  else if (Array.isArray(value)) value.length = 0;
  else for (const key of Object.keys(value)) delete (value as Record<string, unknown>)[key];
}

/** Every plain object found inside a value (in Maps, Sets, arrays and objects): the rows a broadcast holds. */
export function objectsWithin(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (value === null || typeof value !== 'object') return found;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      objectsWithin(k, found);
      objectsWithin(v, found);
    }
  } else if (value instanceof Set || Array.isArray(value)) {
    for (const v of value) objectsWithin(v, found);
  } else {
    found.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objectsWithin(v, found);
  }
  return found;
}
