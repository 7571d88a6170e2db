export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti';
export type JoinHint = 'broadcast' | 'merge' | 'shuffle_hash';
export type Side = 'left' | 'right';

export interface JoinPlanInput {
  how: JoinHow;
  /** Plan-time size estimates (Spark's sizeInBytes). */
  leftBytes: number;
  rightBytes: number;
  leftHint?: JoinHint;
  rightHint?: JoinHint;
  /** spark.sql.autoBroadcastJoinThreshold: -1 disables size-based broadcasts. */
  autoBroadcastJoinThreshold: number;
  /** spark.sql.join.preferSortMergeJoin */
  preferSortMergeJoin: boolean;
  /** spark.sql.shuffle.partitions (default 200). */
  shufflePartitions?: number;
}

export interface JoinChoice {
  strategy: 'BroadcastHashJoin' | 'SortMergeJoin' | 'ShuffledHashJoin';
  buildSide?: Side;
}

export function chooseJoinStrategy(input: JoinPlanInput): JoinChoice {
  // 1. Hints first: broadcast, then merge, then shuffle_hash (only on a side that may be built).
  // 2. No usable hint: broadcast a side that fits autoBroadcastJoinThreshold.
  // 3. preferSortMergeJoin === false: a shuffled hash join on a much smaller side.
  // 4. Otherwise: SortMergeJoin.
  console.log('planning a', input.how, 'join');
  return { strategy: 'SortMergeJoin' };
}
