/**
 * OptimizeSkewedJoin (AQE): after a sort-merge or shuffled hash join's map stages have run, a reduce
 * partition much larger than its side's median is read by several tasks, each taking a run of the map
 * outputs; every piece is joined with the whole matching partition of the other side. Only a side whose
 * rows can be joined piece by piece is split: the left of Inner, Cross, LeftSemi, LeftAnti and LeftOuter
 * joins, the right of Inner, Cross and RightOuter joins. Splitting any other side would be wrong: the
 * whole partition of the other side would meet each piece, so its rows would each see only some of their
 * matches (an outer row would come out unmatched, a semi row twice).
 */
import type { RuntimeConfig } from '../config.ts';
import { ADAPTIVE_ENABLED, ADVISORY_PARTITION_SIZE, SKEW_FACTOR, SKEW_JOIN_ENABLED, SKEW_THRESHOLD } from '../config.ts';
import type { BuildSide, CanonicalJoinType } from '../joins/join-type.ts';
import { formatBytes } from '../sizes.ts';
import type { MapOutputStatistics } from './map-output-statistics.ts';
import { coalescedSpec, partialReducerSpec, type ShufflePartitionSpec } from './partition-spec.ts';

export interface SkewSettings {
  /** spark.sql.adaptive.skewJoin.skewedPartitionFactor */
  factor: number;
  /** spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes */
  threshold: number;
  /** spark.sql.adaptive.advisoryPartitionSizeInBytes */
  advisoryPartitionSize: number;
}

export interface SkewJoinResult {
  /** Specs for the left and the right shuffle (same length), when at least one partition was split. */
  specs?: [ShufflePartitionSpec[], ShufflePartitionSpec[]];
  notes: string[];
}

/** When a split piece is this much of the target or less, it is merged into its neighbour (Spark's factors). */
const SMALL_PARTITION_FACTOR = 0.2;
const MERGED_PARTITION_FACTOR = 1.2;

export function skewJoinEnabled(conf: RuntimeConfig): boolean {
  return conf.getBoolean(ADAPTIVE_ENABLED) && conf.getBoolean(SKEW_JOIN_ENABLED);
}

export function skewSettings(conf: RuntimeConfig): SkewSettings {
  return {
    factor: conf.getNumber(SKEW_FACTOR),
    threshold: conf.getNumber(SKEW_THRESHOLD),
    advisoryPartitionSize: conf.getNumber(ADVISORY_PARTITION_SIZE),
  };
}

/** Sides a join may split. Cross joins (Spark splits both) do not exist in this engine's join types. */
export function canSplitSide(side: BuildSide, t: CanonicalJoinType): boolean {
  return side === 'left'
    ? t === 'Inner' || t === 'LeftSemi' || t === 'LeftAnti' || t === 'LeftOuter'
    : t === 'Inner' || t === 'RightOuter';
}

/** The median partition size (an even count averages the middle two, in whole bytes), at least 1. */
export function medianSize(sizes: readonly number[]): number {
  if (sizes.length === 0) return 1;
  const sorted = [...sizes].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : Math.floor((sorted[mid - 1] + sorted[mid]) / 2);
  return Math.max(median, 1);
}

/** A partition is skewed when it is larger than this: max(threshold, factor x median). */
export function skewThreshold(sizes: readonly number[], s: SkewSettings): number {
  return Math.max(s.threshold, Math.floor(s.factor * medianSize(sizes)));
}

/** What each piece of a skewed partition aims at: the advisory size, or the average unskewed partition if larger. */
export function splitTargetSize(sizes: readonly number[], threshold: number, s: SkewSettings): number {
  const normal = sizes.filter((b) => b <= threshold);
  if (normal.length === 0) return s.advisoryPartitionSize;
  return Math.max(s.advisoryPartitionSize, Math.floor(normal.reduce((a, b) => a + b, 0) / normal.length));
}

/**
 * Groups consecutive sizes into runs close to targetSize and returns the index where each run starts.
 * A run closes when the next size would take it over the target; a closed run is merged into the one
 * before it when the two together stay under 1.2 x target or either is under 0.2 x target.
 */
export function splitSizeListByTargetSize(sizes: readonly number[], targetSize: number): number[] {
  const starts = [0];
  let current = 0;
  let previous = -1; // size of the run before the current one; -1 while there is none
  const closeRun = (): void => {
    const merge =
      previous >= 0 &&
      (current + previous < targetSize * MERGED_PARTITION_FACTOR ||
        current < targetSize * SMALL_PARTITION_FACTOR ||
        previous < targetSize * SMALL_PARTITION_FACTOR);
    if (merge) {
      starts.pop();
      previous += current;
    } else previous = current;
  };
  for (let i = 0; i < sizes.length; i++) {
    if (i > 0 && current + sizes[i] > targetSize) {
      closeRun();
      starts.push(i);
      current = sizes[i];
    } else current += sizes[i];
  }
  closeRun();
  return starts;
}

/** The pieces of one skewed reducer, by runs of map outputs; undefined when it would stay one piece. */
export function splitSkewedPartition(reducer: number, mapSizes: readonly number[], targetSize: number): ShufflePartitionSpec[] | undefined {
  const starts = splitSizeListByTargetSize(mapSizes, targetSize);
  if (starts.length < 2) return undefined;
  return starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : mapSizes.length;
    let size = 0;
    for (let m = start; m < end; m++) size += mapSizes[m];
    return partialReducerSpec(reducer, start, end, size);
  });
}

interface SideInfo {
  side: BuildSide;
  stats: MapOutputStatistics;
  splittable: boolean;
  median: number;
  threshold: number;
  target: number;
}

/** Plans the tasks of a shuffle join with skewed partitions split; no specs when nothing was split. */
export function optimizeSkewedJoin(
  left: MapOutputStatistics,
  right: MapOutputStatistics,
  joinType: CanonicalJoinType,
  s: SkewSettings,
): SkewJoinResult {
  const info = (side: BuildSide, stats: MapOutputStatistics): SideInfo => {
    const sizes = stats.bytesByPartitionId;
    const threshold = skewThreshold(sizes, s);
    return { side, stats, splittable: canSplitSide(side, joinType), median: medianSize(sizes), threshold, target: splitTargetSize(sizes, threshold, s) };
  };
  const sides = [info('left', left), info('right', right)] as const;
  const notes: string[] = [];
  const out: [ShufflePartitionSpec[], ShufflePartitionSpec[]] = [[], []];
  let split = false;
  const numReducers = Math.min(left.bytesByPartitionId.length, right.bytesByPartitionId.length);

  for (let r = 0; r < numReducers; r++) {
    const aside: string[] = []; // skew this partition keeps, told after what was split
    const pieces = sides.map((x) => {
      const size = x.stats.bytesByPartitionId[r];
      const whole = [coalescedSpec(r, r + 1, size)];
      if (size <= x.threshold) return whole;
      const what = `skewed partition ${r} of the ${x.side} side (${formatBytes(size)}, median ${formatBytes(x.median)})`;
      if (!x.splittable) {
        aside.push(`AQE cannot split ${what}: ${splittableSides(joinType)}`);
        return whole;
      }
      const pieces = splitSkewedPartition(r, x.stats.mapSizes(r), x.target);
      if (!pieces) aside.push(`AQE found ${what} but did not split it: its map outputs fit one task of the target size ${formatBytes(x.target)}`);
      return pieces ?? whole;
    });
    const [l, rt] = pieces;
    if (l.length > 1 || rt.length > 1) {
      split = true;
      notes.push(splitNote(r, sides, l.length, rt.length));
    }
    notes.push(...aside);
    // Every left piece meets every right piece: each pair of rows still meets exactly once.
    for (const a of l) {
      for (const b of rt) {
        out[0].push(a);
        out[1].push(b);
      }
    }
  }
  return split ? { specs: out, notes } : { notes };
}

function splitNote(r: number, sides: readonly SideInfo[], leftPieces: number, rightPieces: number): string {
  const part = (x: SideInfo, n: number): string =>
    `of the ${x.side} side (${formatBytes(x.stats.bytesByPartitionId[r])}, median ${formatBytes(x.median)}) into ${n}`;
  if (leftPieces > 1 && rightPieces > 1) {
    return `AQE split skewed partition ${r} ${part(sides[0], leftPieces)} parts and ${part(sides[1], rightPieces)} parts: ` +
      `${leftPieces * rightPieces} tasks, every left part joined with every right part`;
  }
  const x = leftPieces > 1 ? sides[0] : sides[1];
  const other = leftPieces > 1 ? 'right' : 'left';
  return `AQE split skewed partition ${r} ${part(x, Math.max(leftPieces, rightPieces))} tasks, each joined with all of partition ${r} of the ${other} side`;
}

function splittableSides(t: CanonicalJoinType): string {
  const l = canSplitSide('left', t);
  const r = canSplitSide('right', t);
  if (l || r) {
    const [ok, no] = l ? ['left', 'right'] : ['right', 'left'];
    return `a ${t} join can split only its ${ok} side (with the ${no} side split, every ${ok} row would meet only part of its matches)`;
  }
  return `a ${t} join can split neither side (with one side split, every row of the other would meet only part of its matches)`;
}
