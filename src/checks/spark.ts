/** Helpers for checks of '@sai/spark' exercises. */
import type { SparkContext } from '../engine/spark/spark-context.ts';
import type { RDD } from '../engine/spark/rdd.ts';

/**
 * An RDD whose partition i holds exactly `partitions[i]` (empty and skewed partitions included),
 * which `parallelize` alone cannot make: one element per slice, then a narrow flatMap.
 */
export function partitionedRdd<T>(sc: SparkContext, partitions: readonly (readonly T[])[]): RDD<T> {
  return sc.parallelize(partitions.map((p) => [...p]), Math.max(1, partitions.length)).flatMap((p) => p);
}
