/**
 * The store's objects as a partition strip shows them: per object and partition, the offsets it
 * holds as ranges, and how many of its records the sink holds more than once. Objects are read the
 * way the crash explorer reads a sink (delivery.ts: a body is a list of records carrying
 * `partition`, `offset` and maybe `topic`); an object that is not such a list is named instead of
 * failing the picture.
 */
import type { StoredObject } from './object-store.ts';
import type { OffsetSpan, SinkObject } from './traces.ts';

export interface SinkReading {
  /** By topic, partition, first offset, then key. */
  objects: SinkObject[];
  /** Keys of objects that are not lists of records. */
  unreadable: string[];
}

interface Held {
  topic: string;
  partition: number;
  offsets: number[];
}

const recordKey = (topic: string, partition: number, offset: number) => `${topic}\u0000${partition}\u0000${offset}`;

/** Reads every object; records without a topic belong to `defaultTopic`. One pass, plus sorting each object's offsets. */
export function sinkObjects(objects: readonly StoredObject[], defaultTopic: string): SinkReading {
  const unreadable: string[] = [];
  const read: { key: string; parts: Held[] }[] = [];
  // How often the whole sink holds each record: a record held twice is a duplicate wherever it is.
  const copies = new Map<string, number>();
  for (const object of objects) {
    const parts = recordsOf(object.body, defaultTopic);
    if (!parts) {
      unreadable.push(object.key);
      continue;
    }
    for (const { topic, partition, offsets } of parts) {
      for (const offset of offsets) {
        const key = recordKey(topic, partition, offset);
        copies.set(key, (copies.get(key) ?? 0) + 1);
      }
    }
    read.push({ key: object.key, parts });
  }
  const out: SinkObject[] = [];
  for (const { key, parts } of read) {
    for (const { topic, partition, offsets } of parts) {
      const duplicates = offsets.filter((offset) => copies.get(recordKey(topic, partition, offset))! > 1).length;
      out.push({ key, topic, partition, spans: spansOf(offsets), records: offsets.length, duplicates });
    }
  }
  out.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition || a.spans[0]!.from - b.spans[0]!.from || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  return { objects: out, unreadable };
}

/** A body's records by topic and partition, or undefined when it is not a list of records (as deliveriesFromStore decides). */
function recordsOf(body: unknown, defaultTopic: string): Held[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const parts = new Map<string, Held>();
  for (const record of body as unknown[]) {
    const r = record as { topic?: unknown; partition?: unknown; offset?: unknown } | null;
    if (!r || typeof r !== 'object' || r.offset === '' || r.partition === '') return undefined;
    const partition = Number(r.partition);
    const offset = Number(r.offset);
    if (!Number.isInteger(partition) || !Number.isInteger(offset)) return undefined;
    const topic = typeof r.topic === 'string' ? r.topic : defaultTopic;
    const key = `${topic}\u0000${partition}`;
    let held = parts.get(key);
    if (!held) parts.set(key, (held = { topic, partition, offsets: [] }));
    held.offsets.push(offset);
  }
  return [...parts.values()];
}

/** [5, 3, 4, 9, 4] -> 3-5, 9 (each offset once, ascending). */
export function spansOf(offsets: readonly number[]): OffsetSpan[] {
  const sorted = [...offsets].sort((a, b) => a - b);
  const spans: OffsetSpan[] = [];
  for (const offset of sorted) {
    const last = spans.at(-1);
    if (last && offset <= last.to + 1) last.to = Math.max(last.to, offset);
    else spans.push({ from: offset, to: offset });
  }
  return spans;
}
