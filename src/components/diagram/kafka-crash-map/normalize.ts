/**
 * A 'kafka-crash-map' trace as the picture reads it: calls with safe labels, crash points with a
 * known verdict at a call that exists (others are counted, not drawn), the highlight kept only
 * when it names such a point. See kafka-shared/read.ts for why every field is read this way.
 */
import type { KafkaCrashMapTrace } from '../../../engine/traces.ts';
import { countOf, entriesOf, offsetOf, textOf } from '../kafka-shared/read.ts';

export type Verdict = 'exact' | 'duplicate' | 'lost' | 'lost+duplicate';
const VERDICTS = new Set<string>(['exact', 'duplicate', 'lost', 'lost+duplicate']);

export interface Call {
  label: string;
  call: string;
  time: number;
}

export interface Point {
  callIndex: number;
  when: 'before' | 'after';
  verdict: Verdict;
  description: string;
  lost: string;
  duplicated: string;
  lostRecords: number;
  duplicatedRecords: number;
}

export interface CrashMapView {
  title: string;
  calls: Call[];
  clean: { verdict: Verdict; lost: string; duplicated: string } | null;
  points: Point[];
  /** Points of the trace that could not be placed (an unknown verdict or call). */
  unplaced: number;
  /** Index into `points`, or null. */
  highlight: number | null;
  pairs: { runs: number; exact: number; duplicate: number; lost: number } | null;
}

const views = new WeakMap<object, CrashMapView>();

const verdictOf = (x: unknown): Verdict | null => (typeof x === 'string' && VERDICTS.has(x) ? (x as Verdict) : null);

export function readCrashMap(trace: KafkaCrashMapTrace): CrashMapView {
  const done = views.get(trace);
  if (done) return done;
  const raw = trace as unknown as Record<string, unknown>;
  const calls = entriesOf(raw.calls).map((c) => ({ label: textOf(c.label) || textOf(c.call), call: textOf(c.call), time: countOf(c.time) }));
  const points: Point[] = [];
  const placedIndex = new Map<number, number>();
  let unplaced = 0;
  const rawPoints = Array.isArray(raw.points) ? raw.points : [];
  rawPoints.forEach((p: unknown, i: number) => {
    const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    const callIndex = offsetOf(o.callIndex);
    const verdict = verdictOf(o.verdict);
    if (callIndex === null || callIndex >= calls.length || verdict === null) {
      unplaced++;
      return;
    }
    placedIndex.set(i, points.length);
    points.push({
      callIndex, when: o.when === 'after' ? 'after' : 'before', verdict,
      description: textOf(o.description), lost: textOf(o.lost), duplicated: textOf(o.duplicated),
      lostRecords: countOf(o.lostRecords), duplicatedRecords: countOf(o.duplicatedRecords),
    });
  });
  const h = offsetOf(raw.highlight);
  const cleanRaw = typeof raw.clean === 'object' && raw.clean !== null ? (raw.clean as Record<string, unknown>) : null;
  const cleanVerdict = cleanRaw ? verdictOf(cleanRaw.verdict) : null;
  const pairsRaw = typeof raw.pairs === 'object' && raw.pairs !== null ? (raw.pairs as Record<string, unknown>) : null;
  const view: CrashMapView = {
    title: textOf(raw.title),
    calls,
    clean: cleanRaw && cleanVerdict ? { verdict: cleanVerdict, lost: textOf(cleanRaw.lost), duplicated: textOf(cleanRaw.duplicated) } : null,
    points,
    unplaced,
    highlight: h === null ? null : (placedIndex.get(h) ?? null),
    pairs: pairsRaw ? { runs: countOf(pairsRaw.runs), exact: countOf(pairsRaw.exact), duplicate: countOf(pairsRaw.duplicate), lost: countOf(pairsRaw.lost) } : null,
  };
  views.set(trace, view);
  return view;
}

export const isLoss = (v: Verdict) => v === 'lost' || v === 'lost+duplicate';
export const isDuplicate = (v: Verdict) => v === 'duplicate' || v === 'lost+duplicate';
