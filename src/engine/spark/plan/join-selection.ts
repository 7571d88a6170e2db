/**
 * Join selection, after Spark's JoinSelection strategy: hints first (broadcast > merge > shuffle_hash),
 * each only when its build side is legal for the join type; then size-based choices: broadcast a side
 * whose size is <= spark.sql.autoBroadcastJoinThreshold, else a shuffled hash join when sort-merge is not
 * preferred and one side is much smaller, else a sort-merge join (which works for every join type).
 */
import type { JoinStrategyName } from '../job-trace.ts';
import { buildSideRule, canBroadcastBuild, canShuffleHashBuild, type BuildSide, type CanonicalJoinType } from '../joins/join-type.ts';
import type { JoinHint } from './hints.ts';

export interface JoinSelectionInput {
  joinType: CanonicalJoinType;
  leftSize: number;
  rightSize: number;
  leftHint?: JoinHint;
  rightHint?: JoinHint;
  /** spark.sql.autoBroadcastJoinThreshold (or the adaptive one at runtime); -1 disables. */
  broadcastThreshold: number;
  preferSortMergeJoin: boolean;
  shufflePartitions: number;
}

export interface JoinDecision {
  strategy: JoinStrategyName;
  /** The side that is hashed (BroadcastHashJoin, ShuffledHashJoin). */
  buildSide?: BuildSide;
  /** Why, in words: shown in the trace notes. */
  notes: string[];
}

/** Spark's getBuildSide: if both sides may be built, build the smaller (the right one on a tie). */
function pickSide(buildLeft: boolean, buildRight: boolean, leftSize: number, rightSize: number): BuildSide | undefined {
  if (buildLeft && buildRight) return rightSize <= leftSize ? 'right' : 'left';
  return buildRight ? 'right' : buildLeft ? 'left' : undefined;
}

export function selectJoin(input: JoinSelectionInput): JoinDecision {
  const { joinType: t, leftSize, rightSize, leftHint, rightHint } = input;
  const notes: string[] = [];

  // 1. Hints, in Spark's priority order.
  if (leftHint === 'BROADCAST' || rightHint === 'BROADCAST') {
    const left = leftHint === 'BROADCAST' && canBroadcastBuild('left', t);
    const right = rightHint === 'BROADCAST' && canBroadcastBuild('right', t);
    if (leftHint === 'BROADCAST' && !left) notes.push(`broadcast hint on the left side ignored: ${buildSideRule(t)}`);
    if (rightHint === 'BROADCAST' && !right) notes.push(`broadcast hint on the right side ignored: ${buildSideRule(t)}`);
    const side = pickSide(left, right, leftSize, rightSize);
    if (side) return { strategy: 'BroadcastHashJoin', buildSide: side, notes: [...notes, `broadcast hint: build the ${side} side`] };
  }
  if (leftHint === 'SHUFFLE_MERGE' || rightHint === 'SHUFFLE_MERGE') {
    return { strategy: 'SortMergeJoin', notes: [...notes, 'merge hint: sort-merge join'] };
  }
  if (leftHint === 'SHUFFLE_HASH' || rightHint === 'SHUFFLE_HASH') {
    const left = leftHint === 'SHUFFLE_HASH' && canShuffleHashBuild('left', t);
    const right = rightHint === 'SHUFFLE_HASH' && canShuffleHashBuild('right', t);
    const side = pickSide(left, right, leftSize, rightSize);
    if (side) return { strategy: 'ShuffledHashJoin', buildSide: side, notes: [...notes, `shuffle_hash hint: build the ${side} side`] };
    notes.push(`shuffle_hash hint ignored: a ${t} join cannot hash the hinted side`);
  }

  // 2. Sizes. A size of exactly the threshold still broadcasts; -1 (any negative) disables it.
  const threshold = input.broadcastThreshold;
  const fits = (size: number): boolean => size >= 0 && size <= threshold;
  const bcast = pickSide(fits(leftSize) && canBroadcastBuild('left', t), fits(rightSize) && canBroadcastBuild('right', t), leftSize, rightSize);
  if (bcast) {
    const size = bcast === 'left' ? leftSize : rightSize;
    return {
      strategy: 'BroadcastHashJoin',
      buildSide: bcast,
      notes: [...notes, `${bcast} side estimated at ${size} bytes <= spark.sql.autoBroadcastJoinThreshold (${threshold}): broadcast it`],
    };
  }
  if (!input.preferSortMergeJoin) {
    // Spark only hashes a side when it fits per-partition maps (size < threshold x partitions) and is
    // at least 3x smaller than the other side.
    const local = (size: number, other: number): boolean => size < threshold * input.shufflePartitions && size * 3 <= other;
    const side = pickSide(
      canShuffleHashBuild('left', t) && local(leftSize, rightSize),
      canShuffleHashBuild('right', t) && local(rightSize, leftSize),
      leftSize,
      rightSize,
    );
    if (side) return { strategy: 'ShuffledHashJoin', buildSide: side, notes: [...notes, `spark.sql.join.preferSortMergeJoin=false and the ${side} side is much smaller: shuffled hash join`] };
  }
  return { strategy: 'SortMergeJoin', notes: [...notes, 'no side small enough to broadcast: sort-merge join'] };
}
