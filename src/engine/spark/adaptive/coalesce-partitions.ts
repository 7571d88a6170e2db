/**
 * CoalesceShufflePartitions (AQE): after the map stages of a stage's shuffles have run, neighbouring
 * small reduce partitions are packed into one task, aiming at a target size. Applies only to shuffles
 * planned to satisfy an operator (ENSURE_REQUIREMENTS: a shuffle join's two exchanges, an aggregate's),
 * never to df.repartition(n) whose partition count the user asked for. Shuffles read together (both sides
 * of a join) are coalesced with the same ranges, so partition i of each still meets partition i of the other.
 */
import type { RuntimeConfig } from '../config.ts';
import {
  ADAPTIVE_ENABLED,
  ADVISORY_PARTITION_SIZE,
  COALESCE_MIN_PARTITION_SIZE,
  COALESCE_PARALLELISM_FIRST,
  COALESCE_PARTITIONS_ENABLED,
} from '../config.ts';
import { formatBytes } from '../sizes.ts';
import type { MapOutputStatistics } from './map-output-statistics.ts';
import { coalescedSpec, reducerIndexOf, type ShufflePartitionSpec } from './partition-spec.ts';

export interface CoalesceSettings {
  /** defaultParallelism when parallelismFirst (do not go below the cluster's task slots), else 1. */
  minNumPartitions: number;
  /** spark.sql.adaptive.advisoryPartitionSizeInBytes */
  advisoryPartitionSize: number;
  /** spark.sql.adaptive.coalescePartitions.minPartitionSize */
  minPartitionSize: number;
}

/** A run of consecutive reducers [start, end) and their bytes summed over the shuffles. */
export interface ReducerRange {
  start: number;
  end: number;
  size: number;
}

export interface CoalesceResult {
  /** New specs for each shuffle, in the order the shuffles were given (all the same length). */
  specs: ShufflePartitionSpec[][];
  targetSize: number;
  /** What happened, in words, for the trace notes. */
  note: string;
}

export function coalescingEnabled(conf: RuntimeConfig): boolean {
  return conf.getBoolean(ADAPTIVE_ENABLED) && conf.getBoolean(COALESCE_PARTITIONS_ENABLED);
}

export function coalesceSettings(conf: RuntimeConfig, defaultParallelism: number): CoalesceSettings {
  return {
    // parallelismFirst: keep at least as many tasks as the cluster runs at once, whatever the target size.
    minNumPartitions: conf.getBoolean(COALESCE_PARALLELISM_FIRST) ? defaultParallelism : 1,
    advisoryPartitionSize: conf.getNumber(ADVISORY_PARTITION_SIZE),
    minPartitionSize: conf.getNumber(COALESCE_MIN_PARTITION_SIZE),
  };
}

/**
 * The size a coalesced task aims at: the advisory size, lowered so that at least minNumPartitions tasks
 * remain (never below 16 bytes), and never below minPartitionSize.
 */
export function coalesceTargetSize(totalBytes: number, s: CoalesceSettings): number {
  const maxTargetSize = Math.max(Math.ceil(totalBytes / s.minNumPartitions), 16);
  return Math.max(Math.min(maxTargetSize, s.advisoryPartitionSize), s.minPartitionSize);
}

/**
 * Packs reducers [start, end) in order: a new range starts when adding the next reducer would take the
 * current one over targetSize. Ranges of 0 bytes are dropped: an empty range would launch a task that
 * reads nothing.
 */
export function packPartitions(sizes: readonly number[], start: number, end: number, targetSize: number): ReducerRange[] {
  const ranges: ReducerRange[] = [];
  let from = start;
  let size = 0;
  const close = (to: number): void => {
    if (size > 0) ranges.push({ start: from, end: to, size });
  };
  for (let i = start; i < end; i++) {
    if (i > from && size + sizes[i] > targetSize) {
      close(i);
      from = i;
      size = sizes[i];
    } else size += sizes[i];
  }
  close(end);
  return ranges;
}

/**
 * Coalesces the shuffles one stage reads together. `inputSpecs` are the specs skew splitting already made
 * (undefined: one spec per reducer); their splits stay as they are and only the reducers between them are
 * packed. Returns undefined when packing would not make fewer tasks.
 */
export function coalesceShufflePartitions(
  stats: readonly MapOutputStatistics[],
  inputSpecs: readonly (readonly ShufflePartitionSpec[])[] | undefined,
  s: CoalesceSettings,
): CoalesceResult | undefined {
  if (stats.length === 0) return undefined;
  const numReducers = stats[0].bytesByPartitionId.length;
  if (stats.some((st) => st.bytesByPartitionId.length !== numReducers)) return undefined; // not read together
  const sizes = Array.from({ length: numReducers }, (_, r) => stats.reduce((sum, st) => sum + st.bytesByPartitionId[r], 0));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const targetSize = coalesceTargetSize(totalBytes, s);
  const out: ShufflePartitionSpec[][] = stats.map(() => []);
  const emit = (ranges: readonly ReducerRange[]): void => {
    for (const r of ranges) {
      stats.forEach((st, j) => out[j].push(coalescedSpec(r.start, r.end, sumRange(st.bytesByPartitionId, r.start, r.end))));
    }
  };

  let numInput: number;
  if (!inputSpecs) {
    numInput = numReducers;
    const ranges = packPartitions(sizes, 0, numReducers, targetSize);
    // Every partition empty: still one task, so the stage runs (and e.g. an aggregate still answers).
    emit(ranges.length ? ranges : [{ start: 0, end: numReducers, size: 0 }]);
  } else {
    // A reducer listed more than once was split for skew: copy those specs, pack the runs between them.
    const reducers = inputSpecs[0].map(reducerIndexOf);
    numInput = reducers.length;
    let start = 0;
    let i = 1;
    while (i < numInput) {
      if (reducers[i - 1] === reducers[i]) {
        const skewed = reducers[i];
        if (i - 1 > start) emit(packPartitions(sizes, reducers[start], skewed, targetSize));
        let end = i + 1;
        while (end < numInput && reducers[end] === skewed) end++;
        inputSpecs.forEach((specs, j) => out[j].push(...specs.slice(i - 1, end)));
        start = end;
        i = end + 1;
      } else i++;
    }
    if (numInput > start) emit(packPartitions(sizes, reducers[start], reducers[numInput - 1] + 1, targetSize));
  }
  if (out[0].length >= numInput) return undefined;

  const target = explainTarget(totalBytes, targetSize, s);
  // Tasks of skew splits: a piece of a skewed partition on either side.
  const splits = out[0].filter((_, i) => out.some((specs) => specs[i].kind === 'partialReducer'));
  if (splits.length === 0) {
    return { specs: out, targetSize, note: `AQE coalesced ${numReducers} shuffle partitions into ${out[0].length} (${target})` };
  }
  const splitReducers = new Set(splits.map(reducerIndexOf)).size;
  return {
    specs: out,
    targetSize,
    note:
      `AQE coalesced the ${numReducers - splitReducers} shuffle partitions around the skew splits into ` +
      `${out[0].length - splits.length} (${target}); the ${splits.length} tasks of the splits stay as they are`,
  };
}

function sumRange(xs: readonly number[], start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += xs[i];
  return sum;
}

/** Why the target size is what it is, in words. */
function explainTarget(totalBytes: number, targetSize: number, s: CoalesceSettings): string {
  const target = `target size ${formatBytes(targetSize)}`;
  const spread = s.minNumPartitions > 1 ? `${formatBytes(totalBytes)} over ${s.minNumPartitions} tasks (parallelismFirst: defaultParallelism)` : `${formatBytes(totalBytes)} in total`;
  if (targetSize === s.minPartitionSize && targetSize > Math.min(s.advisoryPartitionSize, Math.ceil(totalBytes / s.minNumPartitions))) {
    return `${target} = spark.sql.adaptive.coalescePartitions.minPartitionSize, since ${spread} would make smaller tasks`;
  }
  if (targetSize === s.advisoryPartitionSize) return `${target} = spark.sql.adaptive.advisoryPartitionSizeInBytes`;
  return `${target}: ${spread}`;
}
