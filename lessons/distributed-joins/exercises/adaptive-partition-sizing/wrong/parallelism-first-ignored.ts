// Mistake: ignores parallelismFirst: always divides by the default parallelism, so without it partitions stay far below the advisory size.
/** The settings adaptive execution reads, with Spark's names (defaults in the comments). */
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

/** 1. The size a coalesced partition aims for, for a shuffle of totalBytes. */
export function coalesceTarget(totalBytes: number, settings: AqeSettings): number {
  // With parallelismFirst, Spark wants at least defaultParallelism partitions (never a target below 16 bytes).
  const minPartitions = settings.defaultParallelism;
  const largest = Math.max(Math.ceil(totalBytes / minPartitions), 16);
  return Math.max(Math.min(largest, settings.advisoryPartitionSizeInBytes), settings.minPartitionSize);
}

/** 2. The [start, end) ranges of partitions each task reads after coalescing. */
export function coalescePartitions(sizes: number[], settings: AqeSettings): Array<[number, number]> {
  const target = coalesceTarget(sizes.reduce((sum, size) => sum + size, 0), settings);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < sizes.length; i++) {
    // Adding partition i would overflow the target: close the range so far and start a new one at i.
    if (i > start && size + sizes[i] > target) {
      if (size > 0) ranges.push([start, i]); // a range with no data would be a task with nothing to do
      start = i;
      size = sizes[i];
    } else {
      size += sizes[i];
    }
  }
  if (size > 0 || ranges.length === 0) ranges.push([start, sizes.length]);
  return ranges;
}

/** 3. The skewed partitions of one side of a join. */
export function skewedPartitions(sizes: number[], settings: AqeSettings): number[] {
  if (sizes.length === 0) return [];
  const sorted = [...sizes].sort((a, b) => a - b);
  const n = sorted.length;
  // Spark's median: whole bytes (an even count averages the middle two, rounding down), at least 1.
  const median = Math.max(n % 2 === 1 ? sorted[(n - 1) / 2] : Math.floor((sorted[n / 2 - 1] + sorted[n / 2]) / 2), 1);
  const threshold = Math.max(settings.skewedPartitionThresholdInBytes, Math.floor(settings.skewedPartitionFactor * median));
  return sizes.flatMap((size, i) => (size > threshold ? [i] : []));
}

export interface PlanReading {
  /** The join strategy of the initial plan: 'SortMergeJoin', 'ShuffledHashJoin' or 'BroadcastHashJoin'. */
  initialStrategy: string;
  /** The join strategy that ran, from the final plan. */
  finalStrategy: string;
  /** An AQEShuffleRead in the final plan coalesced partitions. */
  coalesced: boolean;
  /** The final plan's join split skewed partitions. */
  skewJoin: boolean;
}

/** 4. What adaptive execution did, read from a finished query's plan (spark.lastJob().plan). */
export function readAdaptivePlan(plan: string): PlanReading {
  const finalStart = plan.indexOf('== Final Plan ==');
  const initialStart = plan.indexOf('== Initial Plan ==');
  const finalPart = plan.slice(finalStart, initialStart);
  const initialPart = plan.slice(initialStart);
  const join = /(BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin)(\(skew=true\))?/;
  const finalJoin = join.exec(finalPart);
  return {
    initialStrategy: join.exec(initialPart)?.[1] ?? '',
    finalStrategy: finalJoin?.[1] ?? '',
    coalesced: /AQEShuffleRead coalesced/.test(finalPart),
    skewJoin: finalJoin?.[2] !== undefined,
  };
}
