// With broadcast hints on both sides it always builds the right side, whatever the sizes.
export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti';
export type JoinHint = 'broadcast' | 'merge' | 'shuffle_hash';
export type Side = 'left' | 'right';

export interface JoinPlanInput {
  how: JoinHow;
  leftBytes: number;
  rightBytes: number;
  leftHint?: JoinHint;
  rightHint?: JoinHint;
  autoBroadcastJoinThreshold: number;
  preferSortMergeJoin: boolean;
  shufflePartitions?: number;
}

export interface JoinChoice {
  strategy: 'BroadcastHashJoin' | 'SortMergeJoin' | 'ShuffledHashJoin';
  buildSide?: Side;
}

// [may build left, may build right]
const BHJ: Record<JoinHow, [boolean, boolean]> = {
  inner: [true, true], left: [false, true], right: [true, false], full: [false, false],
  left_semi: [false, true], left_anti: [false, true],
};
const SHJ: Record<JoinHow, [boolean, boolean]> = {
  inner: [true, true], left: [true, true], right: [true, true], full: [true, true],
  left_semi: [false, true], left_anti: [false, true],
};

function pick(l: boolean, r: boolean, lb: number, rb: number): Side | undefined {
  if (l && r) return rb <= lb ? 'right' : 'left';
  if (l) return 'left';
  if (r) return 'right';
  return undefined;
}

export function chooseJoinStrategy(input: JoinPlanInput): JoinChoice {
  const { how, leftBytes: lb, rightBytes: rb, leftHint: lh, rightHint: rh } = input;
  const t = input.autoBroadcastJoinThreshold;
  const [bl, br] = BHJ[how];
  const [sl, sr] = SHJ[how];
  // 1. broadcast hint
  const hb = lh === 'broadcast' && rh === 'broadcast' && bl && br ? 'right' : pick(bl && lh === 'broadcast', br && rh === 'broadcast', lb, rb);
  if (hb) return { strategy: 'BroadcastHashJoin', buildSide: hb };
  // 2. merge hint
  if (lh === 'merge' || rh === 'merge') return { strategy: 'SortMergeJoin' };
  // 3. shuffle_hash hint
  const hs = pick(sl && lh === 'shuffle_hash', sr && rh === 'shuffle_hash', lb, rb);
  if (hs) return { strategy: 'ShuffledHashJoin', buildSide: hs };
  // 4. size-based broadcast
  const fits = (b: number) => b >= 0 && b <= t;
  const sb = pick(bl && fits(lb), br && fits(rb), lb, rb);
  if (sb) return { strategy: 'BroadcastHashJoin', buildSide: sb };
  // 5. shuffled hash join by size
  if (!input.preferSortMergeJoin) {
    const limit = t * (input.shufflePartitions ?? 200);
    const ok = (b: number, o: number) => b < limit && b * 3 <= o;
    const ss = pick(sl && ok(lb, rb), sr && ok(rb, lb), lb, rb);
    if (ss) return { strategy: 'ShuffledHashJoin', buildSide: ss };
  }
  // 6.
  return { strategy: 'SortMergeJoin' };
}
