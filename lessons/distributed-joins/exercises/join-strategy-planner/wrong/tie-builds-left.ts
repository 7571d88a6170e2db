// Mistake: when both sides qualify and are the same size, builds the left side; Spark builds the right (right <= left).
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

// Which side may become the hash table. Building a side means its unmatched rows can't be emitted
// while probing, so the preserved side of an outer join (and the left of semi/anti) must stream.
const broadcastable: Record<JoinHow, Side[]> = {
  inner: ['left', 'right'],
  left: ['right'],
  right: ['left'],
  full: [],
  left_semi: ['right'],
  left_anti: ['right'],
};
// A shuffled hash join can track matched build rows per partition, so outer joins may build either side.
const shuffleHashable: Record<JoinHow, Side[]> = {
  inner: ['left', 'right'],
  left: ['left', 'right'],
  right: ['left', 'right'],
  full: ['left', 'right'],
  left_semi: ['right'],
  left_anti: ['right'],
};

/** Picks the build side among the candidates: the smaller one when both qualify (a tie goes right). */
function pickSide(canLeft: boolean, canRight: boolean, input: JoinPlanInput): Side | undefined {
  if (canLeft && canRight) return input.rightBytes < input.leftBytes ? 'right' : 'left';
  if (canLeft) return 'left';
  if (canRight) return 'right';
  return undefined;
}

export function chooseJoinStrategy(input: JoinPlanInput): JoinChoice {
  const { how, leftHint, rightHint, autoBroadcastJoinThreshold: threshold } = input;
  const bytes = { left: input.leftBytes, right: input.rightBytes };
  const hasHint = (hint: JoinHint) => leftHint === hint || rightHint === hint;

  // 1. Hints, in Spark's priority: broadcast > merge > shuffle_hash. A hint on a side that may not be
  //    built for this join type is ignored.
  const hintedBroadcast = pickSide(
    leftHint === 'broadcast' && broadcastable[how].includes('left'),
    rightHint === 'broadcast' && broadcastable[how].includes('right'),
    input,
  );
  if (hintedBroadcast) return { strategy: 'BroadcastHashJoin', buildSide: hintedBroadcast };
  if (hasHint('merge')) return { strategy: 'SortMergeJoin' };
  const hintedHash = pickSide(
    leftHint === 'shuffle_hash' && shuffleHashable[how].includes('left'),
    rightHint === 'shuffle_hash' && shuffleHashable[how].includes('right'),
    input,
  );
  if (hintedHash) return { strategy: 'ShuffledHashJoin', buildSide: hintedHash };

  // 2. No usable hint: broadcast a legal side that fits the threshold (inclusive; -1 fits nothing).
  const fits = (side: Side) => bytes[side] >= 0 && bytes[side] <= threshold;
  const bySize = pickSide(
    broadcastable[how].includes('left') && fits('left'),
    broadcastable[how].includes('right') && fits('right'),
    input,
  );
  if (bySize) return { strategy: 'BroadcastHashJoin', buildSide: bySize };

  // 3. Only when sort-merge is not preferred: hash-build a side that is at least 3x smaller than the
  //    other and small enough for one hash map per shuffle partition.
  if (!input.preferSortMergeJoin) {
    const partitions = input.shufflePartitions ?? 200;
    const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');
    const hashable = (side: Side) =>
      shuffleHashable[how].includes(side) &&
      bytes[side] < threshold * partitions &&
      bytes[side] * 3 <= bytes[other(side)];
    const side = pickSide(hashable('left'), hashable('right'), input);
    if (side) return { strategy: 'ShuffledHashJoin', buildSide: side };
  }

  // 4. Sort-merge join works for every join type.
  return { strategy: 'SortMergeJoin' };
}
