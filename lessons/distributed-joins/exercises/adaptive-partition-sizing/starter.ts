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
  // The advisory size, bounded by the minimum partition size; parallelismFirst changes the upper bound.
  console.log('total bytes:', totalBytes);
  return settings.advisoryPartitionSizeInBytes;
}

/** 2. The [start, end) ranges of partitions each task reads after coalescing. */
export function coalescePartitions(sizes: number[], settings: AqeSettings): Array<[number, number]> {
  // Walk the partitions in order and pack neighbours until the next one would overflow the target.
  // This placeholder keeps every partition on its own (no coalescing at all).
  return sizes.map((_, i): [number, number] => [i, i + 1]);
}

/** 3. The skewed partitions of one side of a join. */
export function skewedPartitions(sizes: number[], settings: AqeSettings): number[] {
  // Skewed: bigger than the threshold AND than factor x the median size of this side.
  return [];
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
  // Split the text at '== Final Plan ==' and '== Initial Plan ==', then look for the join and AQEShuffleRead lines.
  return { initialStrategy: '', finalStrategy: '', coalesced: false, skewJoin: false };
}
