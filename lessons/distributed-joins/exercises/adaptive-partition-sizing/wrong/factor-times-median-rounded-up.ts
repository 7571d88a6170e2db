// Rounds factor x median up instead of down.
export interface AqeSettings {
  advisoryPartitionSizeInBytes: number;
  minPartitionSize: number;
  parallelismFirst: boolean;
  defaultParallelism: number;
  skewedPartitionFactor: number;
  skewedPartitionThresholdInBytes: number;
}

export function coalesceTarget(totalBytes: number, settings: AqeSettings): number {
  const minParts = settings.parallelismFirst ? settings.defaultParallelism : 1;
  const bound = Math.max(Math.ceil(totalBytes / minParts), 16);
  return Math.max(Math.min(bound, settings.advisoryPartitionSizeInBytes), settings.minPartitionSize);
}

export function coalescePartitions(sizes: number[], settings: AqeSettings): Array<[number, number]> {
  let total = 0;
  for (const s of sizes) total += s;
  const target = coalesceTarget(total, settings);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let acc = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (i > start && acc + sizes[i] > target) {
      if (acc > 0) ranges.push([start, i]);
      start = i;
      acc = sizes[i];
    } else {
      acc += sizes[i];
    }
  }
  if (acc > 0 || ranges.length === 0) ranges.push([start, sizes.length]);
  return ranges;
}

export function skewedPartitions(sizes: number[], settings: AqeSettings): number[] {
  if (sizes.length === 0) return [];
  const s = sizes.slice().sort((a, b) => a - b);
  const n = s.length;
  const mid = n % 2 === 1 ? s[(n - 1) / 2] : Math.floor((s[n / 2 - 1] + s[n / 2]) / 2);
  const median = Math.max(mid, 1);
  const limit = Math.max(settings.skewedPartitionThresholdInBytes, Math.ceil(settings.skewedPartitionFactor * median));
  const out: number[] = [];
  sizes.forEach((size, i) => { if (size > limit) out.push(i); });
  return out;
}

export interface PlanReading {
  initialStrategy: string;
  finalStrategy: string;
  coalesced: boolean;
  skewJoin: boolean;
}

const JOIN = /(BroadcastHashJoin|SortMergeJoin|ShuffledHashJoin)(\(skew=true\))?/;

export function readAdaptivePlan(plan: string): PlanReading {
  const fi = plan.indexOf('== Final Plan ==');
  const ii = plan.indexOf('== Initial Plan ==');
  const finalPart = plan.slice(fi, ii);
  const initialPart = plan.slice(ii);
  const fj = JOIN.exec(finalPart);
  const ij = JOIN.exec(initialPart);
  return {
    initialStrategy: ij ? ij[1] : '',
    finalStrategy: fj ? fj[1] : '',
    coalesced: /AQEShuffleRead coalesced/.test(finalPart),
    skewJoin: !!fj && fj[2] !== undefined,
  };
}
