/**
 * The join planner's reference answer: the engine's own JoinSelection, which follows Spark's
 * rules (and is tested against them), asked in the planner exercise's terms.
 */
import { parseHint } from '../../engine/spark/plan/hints.ts';
import { selectJoin } from '../../engine/spark/plan/join-selection.ts';
import { parseJoinType } from '../../engine/spark/joins/join-type.ts';

export interface JoinPlanQuestion {
  how: 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti';
  leftBytes: number;
  rightBytes: number;
  leftHint?: 'broadcast' | 'merge' | 'shuffle_hash';
  rightHint?: 'broadcast' | 'merge' | 'shuffle_hash';
  autoBroadcastJoinThreshold: number;
  preferSortMergeJoin: boolean;
  shufflePartitions?: number;
}

export interface JoinPlanAnswer {
  strategy: 'BroadcastHashJoin' | 'SortMergeJoin' | 'ShuffledHashJoin';
  buildSide?: 'left' | 'right';
}

export function sparkJoinSelection(q: JoinPlanQuestion): JoinPlanAnswer {
  const decision = selectJoin({
    joinType: parseJoinType(q.how),
    leftSize: q.leftBytes,
    rightSize: q.rightBytes,
    leftHint: q.leftHint && parseHint(q.leftHint),
    rightHint: q.rightHint && parseHint(q.rightHint),
    broadcastThreshold: q.autoBroadcastJoinThreshold,
    preferSortMergeJoin: q.preferSortMergeJoin,
    shufflePartitions: q.shufflePartitions ?? 200,
  });
  const strategy = decision.strategy as JoinPlanAnswer['strategy'];
  return decision.buildSide && strategy !== 'SortMergeJoin' ? { strategy, buildSide: decision.buildSide } : { strategy };
}
