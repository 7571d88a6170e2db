/**
 * A trace as the diagram code may assume it: arrays that are arrays, counts that are finite and not
 * negative, names that are strings, one entry per executor id and per stage id. Traces come from
 * learner code, so a field typed as a number may be NaN, negative, huge or not a number at all;
 * fixing that once here, in one pass, keeps every drawing and sentence free of such checks.
 * An honest trace comes out equal to the one that went in.
 */
import type { SparkJobTrace, TraceExecutor, TracePartition, TraceStage, TraceTransfer } from '../../../engine/spark/job-trace.ts';

/** Traces this module built, so normalizing one again costs nothing (callers need not pass them around). */
const normalized = new WeakSet<object>();

/** A record or byte count: finite, at least 0, at most 2^53 so that sums of millions of them stay finite. */
function amount(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? Math.min(Math.max(x, 0), Number.MAX_SAFE_INTEGER) : 0;
}

/**
 * An id: a finite number, or a string as the trace gave it (escaped and shortened where it is
 * shown). Anything else becomes "?", so it still prints and still works as a Map key.
 */
export function id(x: unknown): number {
  if (typeof x === 'number') return Number.isFinite(x) ? x : ('?' as unknown as number);
  return (typeof x === 'string' ? x : '?') as unknown as number;
}

/** A name or note: a string as given; a number or boolean spelled out; anything else empty. */
export function text(x: unknown): string {
  if (typeof x === 'string') return x;
  return typeof x === 'number' || typeof x === 'boolean' ? String(x) : '';
}

/** The entries of a list that are objects (reading a field of null would throw). */
function entries(x: unknown): Array<Record<string, unknown>> {
  return Array.isArray(x) ? x.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

/** Numbers first, ascending; then strings (ids of odd traces) in code-unit order. A total order, so sorting is stable. */
export function compareIds(a: unknown, b: unknown): number {
  const an = typeof a === 'number';
  const bn = typeof b === 'number';
  if (an && bn) return (a as number) - (b as number);
  if (an !== bn) return an ? -1 : 1;
  const as = String(a);
  const bs = String(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** The largest of `values` (at least `floor`), without spreading them into arguments: a spread of 200,000 overflows the stack. */
export function maxOf<T>(values: Iterable<T>, pick: (v: T) => number, floor: number): number {
  let most = floor;
  for (const v of values) {
    const n = pick(v);
    if (n > most) most = n;
  }
  return most;
}

function partition(p: Record<string, unknown>): TracePartition {
  return { index: id(p.index), executor: id(p.executor), records: amount(p.records), bytes: amount(p.bytes) };
}

function transfer(t: Record<string, unknown>): TraceTransfer {
  return {
    kind: text(t.kind) as TraceTransfer['kind'],
    fromStage: id(t.fromStage), toStage: id(t.toStage), fromExecutor: id(t.fromExecutor), toExecutor: id(t.toExecutor),
    records: amount(t.records), bytes: amount(t.bytes),
  };
}

export function normalizeTrace(trace: SparkJobTrace): SparkJobTrace {
  if (normalized.has(trace)) return trace;
  const raw = trace as unknown as Record<string, unknown>;
  // An executor listed twice is one lane: the first entry wins.
  const executors = new Map<number, TraceExecutor>();
  for (const e of entries(raw.executors)) {
    const key = id(e.id);
    if (!executors.has(key)) executors.set(key, { id: key, cores: amount(e.cores) });
  }
  // A stage listed twice is one stage holding the partitions of both, so totals still count them all.
  const stages = new Map<number, TraceStage>();
  for (const s of entries(raw.stages)) {
    const key = id(s.id);
    let stage = stages.get(key);
    if (!stage) stages.set(key, (stage = { id: key, name: text(s.name), partitions: [] }));
    for (const p of entries(s.partitions)) stage.partitions.push(partition(p));
  }
  const out: SparkJobTrace = {
    kind: trace.kind,
    version: trace.version,
    jobId: id(raw.jobId),
    description: text(raw.description),
    executors: [...executors.values()],
    stages: [...stages.values()],
    transfers: entries(raw.transfers).map(transfer),
    notes: (Array.isArray(raw.notes) ? raw.notes : []).map(text),
  };
  if (raw.strategy !== undefined) out.strategy = text(raw.strategy) as SparkJobTrace['strategy'];
  normalized.add(out);
  return out;
}
