// Writes the 3x rule as bytes <= Math.round(otherBytes / 3): a side one byte short of 3x smaller counts.
export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'left_semi' | 'left_anti';
export type JoinHint = 'broadcast' | 'merge' | 'shuffle_hash';
export type Side = 'left' | 'right';
export interface JoinPlanInput {
  how: JoinHow; leftBytes: number; rightBytes: number; leftHint?: JoinHint; rightHint?: JoinHint;
  autoBroadcastJoinThreshold: number; preferSortMergeJoin: boolean; shufflePartitions?: number;
}
export interface JoinChoice { strategy: 'BroadcastHashJoin' | 'SortMergeJoin' | 'ShuffledHashJoin'; buildSide?: Side }

const L = 1, R = 2;
const BHJ: Record<JoinHow, number> = { inner: L | R, left: R, right: L, full: 0, left_semi: R, left_anti: R };
const SHJ: Record<JoinHow, number> = { inner: L | R, left: L | R, right: L | R, full: L | R, left_semi: R, left_anti: R };

function choose(mask: number, i: JoinPlanInput): Side | null {
  if (mask === (L | R)) return i.rightBytes <= i.leftBytes ? 'right' : 'left';
  return mask === L ? 'left' : mask === R ? 'right' : null;
}

export function chooseJoinStrategy(i: JoinPlanInput): JoinChoice {
  const th = i.autoBroadcastJoinThreshold;
  const n = i.shufflePartitions ?? 200;
  const hinted = (h: JoinHint) => (i.leftHint === h ? L : 0) | (i.rightHint === h ? R : 0);
  const fits = (b: number) => b >= 0 && b <= th;
  const steps: Array<() => JoinChoice | null> = [
    () => { const s = choose(hinted('broadcast') & BHJ[i.how], i); return s && { strategy: 'BroadcastHashJoin', buildSide: s }; },
    () => (hinted('merge') ? { strategy: 'SortMergeJoin' } : null),
    () => { const s = choose(hinted('shuffle_hash') & SHJ[i.how], i); return s && { strategy: 'ShuffledHashJoin', buildSide: s }; },
    () => { const s = choose(((fits(i.leftBytes) ? L : 0) | (fits(i.rightBytes) ? R : 0)) & BHJ[i.how], i); return s && { strategy: 'BroadcastHashJoin', buildSide: s }; },
    () => {
      if (i.preferSortMergeJoin) return null;
      const ok = (b: number, o: number) => b < th * n && b <= Math.round(o / 3);
      const s = choose(((ok(i.leftBytes, i.rightBytes) ? L : 0) | (ok(i.rightBytes, i.leftBytes) ? R : 0)) & SHJ[i.how], i);
      return s && { strategy: 'ShuffledHashJoin', buildSide: s };
    },
  ];
  for (const step of steps) { const r = step(); if (r) return r; }
  return { strategy: 'SortMergeJoin' };
}
