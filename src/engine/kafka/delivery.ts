/**
 * Compares what reached a sink with what is in the log, in Jepsen's words: a record of the log the
 * sink never got is a lost write; one it got more than once is a duplicate; one that is not in the
 * log at all (a made-up offset) is unexpected. Offsets are grouped into ranges per partition for
 * people: "p0:100-119, p2:7".
 */
import type { KafkaCluster } from './cluster.ts';

export interface Delivery {
  topic: string;
  partition: number;
  offset: number;
}

export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  /** Ascending; a duplicate appears once per extra delivery. */
  readonly offsets: readonly number[];
}

export type Verdict = 'exact' | 'duplicate' | 'lost' | 'lost+duplicate';

export interface DeliveryDiff {
  readonly verdict: Verdict;
  readonly lost: readonly PartitionOffsets[];
  readonly duplicated: readonly PartitionOffsets[];
  readonly unexpected: readonly PartitionOffsets[];
  /** Records the log holds, and deliveries the sink holds. */
  readonly expected: number;
  readonly delivered: number;
}

/** The sink's deliveries against every record of `topics` in the cluster's log. */
export function diffDeliveries(cluster: KafkaCluster, topics: readonly string[], delivered: readonly Delivery[]): DeliveryDiff {
  const counts = new Map<string, number>();
  for (const { topic, partition, offset } of delivered) {
    const key = `${topic}\u0000${partition}\u0000${offset}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const lost = new Map<string, number[]>();
  const duplicated = new Map<string, number[]>();
  let expected = 0;
  for (const topic of topics) {
    for (let partition = 0; partition < cluster.partitionCount(topic); partition++) {
      const hw = cluster.highWatermark(topic, partition);
      expected += hw;
      for (let offset = 0; offset < hw; offset++) {
        const key = `${topic}\u0000${partition}\u0000${offset}`;
        const n = counts.get(key) ?? 0;
        counts.delete(key);
        if (n === 0) push(lost, topic, partition, offset);
        for (let extra = 1; extra < n; extra++) push(duplicated, topic, partition, offset);
      }
    }
  }
  const unexpected = new Map<string, number[]>();
  for (const [key, n] of counts) {
    const [topic, partition, offset] = key.split('\u0000') as [string, string, string];
    for (let i = 0; i < n; i++) push(unexpected, topic, Number(partition), Number(offset));
  }
  const lostList = grouped(lost);
  const dupList = grouped(duplicated);
  const verdict: Verdict = lostList.length > 0 ? (dupList.length > 0 ? 'lost+duplicate' : 'lost') : dupList.length > 0 ? 'duplicate' : 'exact';
  return Object.freeze({ verdict, lost: lostList, duplicated: dupList, unexpected: grouped(unexpected), expected, delivered: delivered.length });
}

function push(map: Map<string, number[]>, topic: string, partition: number, offset: number): void {
  const key = `${topic}\u0000${partition}`;
  const list = map.get(key) ?? [];
  list.push(offset);
  map.set(key, list);
}

function grouped(map: Map<string, number[]>): PartitionOffsets[] {
  return [...map]
    .map(([key, offsets]) => {
      const [topic, partition] = key.split('\u0000') as [string, string];
      return Object.freeze({ topic, partition: Number(partition), offsets: Object.freeze(offsets.sort((a, b) => a - b)) });
    })
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

/** [3,4,5,9] -> '3-5, 9'. */
export function offsetRanges(offsets: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < offsets.length; ) {
    let j = i;
    while (j + 1 < offsets.length && offsets[j + 1]! <= offsets[j]! + 1) j++;
    parts.push(offsets[i] === offsets[j] ? String(offsets[i]) : `${offsets[i]}-${offsets[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** 'p0:100-119, p1:7' (topic-qualified when several topics are involved). */
export function describeOffsets(list: readonly PartitionOffsets[]): string {
  const topics = new Set(list.map((p) => p.topic));
  return list.map((p) => `${topics.size > 1 ? `${p.topic}/` : ''}p${p.partition}:${offsetRanges([...new Set(p.offsets)])}`).join(', ');
}

/** 'lost-write p0:100-119; duplicate p1:3-5' or 'exact'. */
export function describeDiff(diff: DeliveryDiff): string {
  const parts: string[] = [];
  if (diff.lost.length > 0) parts.push(`lost-write ${describeOffsets(diff.lost)}`);
  if (diff.duplicated.length > 0) parts.push(`duplicate ${describeOffsets(diff.duplicated)}`);
  if (diff.unexpected.length > 0) parts.push(`unexpected ${describeOffsets(diff.unexpected)}`);
  return parts.length > 0 ? parts.join('; ') : 'exact';
}

/**
 * The default way to read a sink: every object's body is a list of records carrying `partition`
 * and `offset` (and `topic`, else `defaultTopic`); offsets may be strings, as KafkaJS gives them.
 */
export function deliveriesFromStore(cluster: KafkaCluster, defaultTopic: string): Delivery[] {
  const out: Delivery[] = [];
  for (const object of cluster.store.objects()) {
    if (!Array.isArray(object.body)) throw new Error(`Object "${object.key}" holds ${describeBody(object.body)}, not a list of records.`);
    for (const record of object.body as unknown[]) {
      const r = record as { topic?: unknown; partition?: unknown; offset?: unknown } | null;
      const partition = Number(r?.partition);
      const offset = Number(r?.offset);
      if (!r || typeof r !== 'object' || !Number.isInteger(partition) || !Number.isInteger(offset) || r.offset === '' || r.partition === '') {
        throw new Error(`Object "${object.key}" holds a record without a whole-number partition and offset: ${JSON.stringify(record)}.`);
      }
      out.push({ topic: typeof r.topic === 'string' ? r.topic : defaultTopic, partition, offset });
    }
  }
  return out;
}

function describeBody(body: unknown): string {
  if (body === null) return 'null';
  if (typeof body === 'string') return `a string (${JSON.stringify(body.slice(0, 40))}${body.length > 40 ? '...' : ''})`;
  return `a ${typeof body}`;
}
