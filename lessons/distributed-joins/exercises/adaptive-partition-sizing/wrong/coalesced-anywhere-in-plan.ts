// Says 'coalesced' when the word appears anywhere in the plan text, e.g. in a column name.
export interface AqeSettings {
  advisoryPartitionSizeInBytes: number; minPartitionSize: number; parallelismFirst: boolean;
  defaultParallelism: number; skewedPartitionFactor: number; skewedPartitionThresholdInBytes: number;
}
export interface PlanReading { initialStrategy: string; finalStrategy: string; coalesced: boolean; skewJoin: boolean }

export function coalesceTarget(totalBytes: number, s: AqeSettings): number {
  const parts = s.parallelismFirst ? s.defaultParallelism : 1;
  const bound = Math.max(16, Math.ceil(totalBytes / parts));
  return Math.max(s.minPartitionSize, Math.min(s.advisoryPartitionSizeInBytes, bound));
}

export function coalescePartitions(sizes: number[], s: AqeSettings): Array<[number, number]> {
  const target = coalesceTarget(sizes.reduce((a, b) => a + b, 0), s);
  const groups = sizes.reduce<Array<{ start: number; end: number; bytes: number }>>((acc, sz, i) => {
    const cur = acc[acc.length - 1];
    if (cur && (cur.bytes + sz <= target)) { cur.end = i + 1; cur.bytes += sz; }
    else acc.push({ start: i, end: i + 1, bytes: sz });
    return acc;
  }, []);
  const kept = groups.filter((g) => g.bytes > 0).map((g): [number, number] => [g.start, g.end]);
  return kept.length ? kept : [[0, sizes.length]];
}

function median(sizes: number[]): number {
  const sorted = Float64Array.from(sizes).sort();
  const n = sorted.length;
  const m = n % 2 ? sorted[(n - 1) >> 1] : Math.floor((sorted[n / 2 - 1] + sorted[n / 2]) / 2);
  return Math.max(1, m);
}

export function skewedPartitions(sizes: number[], s: AqeSettings): number[] {
  if (!sizes.length) return [];
  const limit = Math.max(s.skewedPartitionThresholdInBytes, Math.floor(s.skewedPartitionFactor * median(sizes)));
  const out: number[] = [];
  sizes.forEach((sz, i) => { if (sz > limit) out.push(i); });
  return out;
}

const JOIN = /\b(BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin)(\(skew=true\))?/;
export function readAdaptivePlan(plan: string): PlanReading {
  let section = '';
  const parts: Record<string, string[]> = { final: [], initial: [] };
  for (const line of plan.split('\n')) {
    if (line.includes('== Final Plan ==')) section = 'final';
    else if (line.includes('== Initial Plan ==')) section = 'initial';
    else if (section) parts[section].push(line);
  }
  const fin = parts.final.join('\n');
  const f = fin.match(JOIN);
  return {
    initialStrategy: parts.initial.join('\n').match(JOIN)?.[1] ?? '',
    finalStrategy: f?.[1] ?? '',
    coalesced: /coalesced/.test(plan),
    skewJoin: Boolean(f?.[2]),
  };
}
