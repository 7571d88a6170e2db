/**
 * Reference arithmetic of Spark's adaptive execution, written from Spark 3.5's rules (kept apart from
 * the engine's own implementation, so the two check each other):
 *   - coalescing: a target size from the total, the advisory size, the minimum partition size and
 *     (with parallelismFirst) the default parallelism; then neighbouring partitions are packed up
 *     to that size, skipping ranges with no data;
 *   - skew: a partition is skewed when bigger than both the threshold and factor x the median.
 */

export interface AqeSettings {
  /** spark.sql.adaptive.advisoryPartitionSizeInBytes (64 MB) */
  advisoryPartitionSizeInBytes: number;
  /** spark.sql.adaptive.coalescePartitions.minPartitionSize (1 MB) */
  minPartitionSize: number;
  /** spark.sql.adaptive.coalescePartitions.parallelismFirst (true) */
  parallelismFirst: boolean;
  /** spark.default.parallelism: executors x cores */
  defaultParallelism: number;
  /** spark.sql.adaptive.skewJoin.skewedPartitionFactor (5) */
  skewedPartitionFactor: number;
  /** spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes (256 MB) */
  skewedPartitionThresholdInBytes: number;
}

/** The size a coalesced partition aims for, for a shuffle of `totalBytes`. */
export function coalesceTarget(totalBytes: number, s: AqeSettings): number {
  const minPartitions = s.parallelismFirst ? s.defaultParallelism : 1;
  const maxTarget = Math.max(Math.ceil(totalBytes / minPartitions), 16);
  return Math.max(Math.min(maxTarget, s.advisoryPartitionSizeInBytes), s.minPartitionSize);
}

/** The [start, end) reducer ranges the tasks read after coalescing partitions of these sizes. */
export function coalesceRanges(sizes: readonly number[], s: AqeSettings): Array<[number, number]> {
  const target = coalesceTarget(sizes.reduce((a, b) => a + b, 0), s);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (i > start && size + sizes[i] > target) {
      if (size > 0) ranges.push([start, i]); // an empty range would launch a task with nothing to do
      start = i;
      size = sizes[i];
    } else {
      size += sizes[i];
    }
  }
  if (size > 0 || ranges.length === 0) ranges.push([start, sizes.length]);
  return ranges;
}

/** Spark's median of partition sizes: whole bytes (integer division for an even count), at least 1. */
export function medianSize(sizes: readonly number[]): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  const n = sorted.length;
  const mid = n % 2 === 0 ? Math.floor((sorted[n / 2 - 1] + sorted[n / 2]) / 2) : sorted[(n - 1) / 2];
  return Math.max(mid, 1);
}

/** Indices of the skewed partitions of one side of a join. */
export function skewedIndices(sizes: readonly number[], s: AqeSettings): number[] {
  if (sizes.length === 0) return [];
  // factor x median in whole bytes (Spark keeps sizes as longs)
  const threshold = Math.max(s.skewedPartitionThresholdInBytes, Math.floor(medianSize(sizes) * s.skewedPartitionFactor));
  return sizes.flatMap((size, i) => (size > threshold ? [i] : []));
}
