/**
 * A 'kafka-rebalance' trace as the picture reads it, every field made safe (kafka-shared/read.ts).
 */
import type { KafkaRebalanceTrace } from '../../../engine/traces.ts';
import { countOf, entriesOf, nameOf, offsetOf, spanOf, textOf, type Span } from '../kafka-shared/read.ts';

export interface Member {
  member: string;
  /** 'p0' or 'orders p0' labels, in the trace's order. */
  partitions: { topic: string; partition: string }[];
}

export type StartSource = 'committed' | 'log-start' | 'high-watermark';

export interface Row {
  topic: string;
  partition: string;
  from: string | null;
  to: string | null;
  start: number | null;
  startSource: StartSource | null;
  previousPosition: number | null;
  reread: Span | null;
  skipped: Span | null;
}

export interface RebalanceView {
  groupId: string;
  cause: string;
  changed: string[];
  time: number;
  generation: { from: number | null; to: number | null };
  before: Member[];
  after: Member[];
  rows: Row[];
  /** More than one topic: labels name the topic. */
  topics: number;
}

const SOURCES = new Set<string>(['committed', 'log-start', 'high-watermark']);
const views = new WeakMap<object, RebalanceView>();

function members(x: unknown): Member[] {
  return entriesOf(x).map((m) => ({
    member: textOf(m.member),
    partitions: entriesOf(m.partitions).map((p) => ({ topic: textOf(p.topic), partition: textOf(p.partition) })),
  }));
}

export function readRebalance(trace: KafkaRebalanceTrace): RebalanceView {
  const done = views.get(trace);
  if (done) return done;
  const raw = trace as unknown as Record<string, unknown>;
  const generation = (typeof raw.generation === 'object' && raw.generation !== null ? raw.generation : {}) as Record<string, unknown>;
  const rows = entriesOf(raw.partitions).map((p): Row => ({
    topic: textOf(p.topic),
    partition: textOf(p.partition),
    from: nameOf(p.from),
    to: nameOf(p.to),
    start: offsetOf(p.start),
    startSource: typeof p.startSource === 'string' && SOURCES.has(p.startSource) ? (p.startSource as StartSource) : null,
    previousPosition: offsetOf(p.previousPosition),
    reread: spanOf(p.reread),
    skipped: spanOf(p.skipped),
  }));
  const view: RebalanceView = {
    groupId: textOf(raw.groupId),
    cause: textOf(raw.cause),
    changed: (Array.isArray(raw.changed) ? raw.changed : []).map(textOf),
    time: countOf(raw.time),
    generation: { from: offsetOf(generation.from), to: offsetOf(generation.to) },
    before: members(raw.before),
    after: members(raw.after),
    rows,
    topics: new Set(rows.map((row) => row.topic)).size,
  };
  views.set(trace, view);
  return view;
}

/** 'p0', or 'orders p0' when the trace has several topics. */
export function partitionLabel(view: RebalanceView, tp: { topic: string; partition: string }): string {
  return view.topics > 1 ? `${tp.topic} p${tp.partition}` : `p${tp.partition}`;
}
