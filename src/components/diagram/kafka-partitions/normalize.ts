/**
 * A 'kafka-partitions' trace as the picture reads it: each partition with its groups' markers and
 * the sink objects that hold its records, every field made safe (kafka-shared/read.ts). Objects
 * are grouped under their partition in one pass; objects of a partition the trace does not list
 * are only counted.
 */
import type { KafkaPartitionsTrace } from '../../../engine/traces.ts';
import { countOf, entriesOf, nameOf, offsetOf, spanOf, textOf, type Span } from '../kafka-shared/read.ts';

export interface Markers {
  groupId: string;
  owner: string | null;
  ownerLive: boolean;
  position: number | null;
  committed: number | null;
  inFlight: Span | null;
}

export interface StripObject {
  key: string;
  spans: Span[];
  records: number;
  duplicates: number;
  /** First and last offset it holds. */
  first: number;
  last: number;
}

export interface Strip {
  topic: string;
  partition: string;
  highWatermark: number;
  groups: Markers[];
  /** By first offset, as the trace lists them. */
  objects: StripObject[];
}

export interface PartitionsView {
  title: string;
  time: number;
  strips: Strip[];
  unreadable: string[];
  /** Objects of partitions the trace does not list. */
  strayObjects: number;
}

const normalized = new WeakMap<object, PartitionsView>();

export function readPartitions(trace: KafkaPartitionsTrace): PartitionsView {
  const done = normalized.get(trace);
  if (done) return done;
  const raw = trace as unknown as Record<string, unknown>;
  const strips: Strip[] = [];
  const byKey = new Map<string, Strip>();
  for (const p of entriesOf(raw.partitions)) {
    const topic = textOf(p.topic);
    const partition = textOf(p.partition);
    const key = `${topic}\u0000${partition}`;
    if (byKey.has(key)) continue; // a partition listed twice is drawn once
    const strip: Strip = {
      topic, partition,
      highWatermark: offsetOf(p.highWatermark) ?? 0,
      groups: entriesOf(p.groups).map((g) => ({
        groupId: textOf(g.groupId),
        owner: nameOf(g.owner),
        ownerLive: g.ownerLive === true,
        position: offsetOf(g.position),
        committed: offsetOf(g.committed),
        inFlight: spanOf(g.inFlight),
      })),
      objects: [],
    };
    byKey.set(key, strip);
    strips.push(strip);
  }
  let strayObjects = 0;
  for (const o of entriesOf(raw.objects)) {
    const spans = entriesOf(o.spans).map(spanOf).filter((s): s is Span => s !== null);
    const strip = byKey.get(`${textOf(o.topic)}\u0000${textOf(o.partition)}`);
    if (spans.length === 0) continue;
    if (!strip) {
      strayObjects++;
      continue;
    }
    let first = spans[0]!.from;
    let last = spans[0]!.to;
    for (const s of spans) {
      if (s.from < first) first = s.from;
      if (s.to > last) last = s.to;
    }
    strip.objects.push({ key: textOf(o.key), spans, records: countOf(o.records), duplicates: countOf(o.duplicates), first, last });
  }
  const view: PartitionsView = {
    title: textOf(raw.title),
    time: countOf(raw.time),
    strips,
    unreadable: (Array.isArray(raw.unreadable) ? raw.unreadable : []).map(textOf),
    strayObjects,
  };
  normalized.set(trace, view);
  return view;
}
