/**
 * Adaptive Query Execution (spark.sql.adaptive.enabled, on by default since Spark 3.2) replanning a join:
 * once a shuffle join's map stages have run, the planner looks again with the sizes the shuffles actually
 * wrote instead of plan-time estimates. A side that turned out small enough is broadcast; its shuffle
 * already happened, but the join no longer needs the sort, and it can no longer be hurt by skewed partitions.
 */
import type { RuntimeConfig } from '../config.ts';
import { selectJoin, type JoinDecision, type JoinSelectionInput } from '../plan/join-selection.ts';

/** Replans a shuffle join with actual shuffle sizes; returns the broadcast decision, or undefined to keep the plan. */
export function replanWithRuntimeSizes(
  planned: JoinDecision,
  selection: JoinSelectionInput,
  leftBytes: number,
  rightBytes: number,
  conf: RuntimeConfig,
): JoinDecision | undefined {
  if (planned.strategy === 'BroadcastHashJoin') return undefined;
  const threshold = conf.adaptiveBroadcastThreshold();
  // Same rules as at plan time (hints still win), with measured sizes and the adaptive threshold.
  const again = selectJoin({ ...selection, leftSize: leftBytes, rightSize: rightBytes, broadcastThreshold: threshold });
  if (again.strategy !== 'BroadcastHashJoin' || !again.buildSide) return undefined;
  const size = again.buildSide === 'left' ? leftBytes : rightBytes;
  return {
    strategy: 'BroadcastHashJoin',
    buildSide: again.buildSide,
    notes: [
      `AQE replanned ${planned.strategy} as BroadcastHashJoin: the ${again.buildSide} side's shuffle wrote ${size} bytes ` +
        `(<= spark.sql.adaptive.autoBroadcastJoinThreshold = ${threshold}), so it is broadcast instead of sorted and merged`,
    ],
  };
}
