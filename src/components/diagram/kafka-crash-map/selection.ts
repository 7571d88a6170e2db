/**
 * Which part of a crash map's timeline is drawn. The timeline wraps like text, a fixed number of
 * calls per line, so a long run gets a taller picture rather than a wider one; past MAX_LINES
 * lines it stops, always keeping the line of the highlighted point, and says what it left out.
 */
import { formatCount } from '../format.ts';
import type { CrashMapView } from './normalize.ts';

export const CALLS_PER_LINE = 50;
export const MAX_LINES = 10;

export interface TimelineSelection {
  /** Index of each drawn line (line k holds calls k*CALLS_PER_LINE ...), ascending. */
  lines: number[];
  callsDrawn: number;
  pointsDrawn: number;
}

const selections = new WeakMap<CrashMapView, TimelineSelection>();

export function selectTimeline(view: CrashMapView): TimelineSelection {
  const done = selections.get(view);
  if (done) return done;
  const total = Math.ceil(view.calls.length / CALLS_PER_LINE);
  const lines = Array.from({ length: Math.min(total, MAX_LINES) }, (_, k) => k);
  const h = view.highlight === null ? undefined : view.points[view.highlight];
  const hLine = h ? Math.floor(h.callIndex / CALLS_PER_LINE) : -1;
  if (hLine >= MAX_LINES) lines[lines.length - 1] = hLine;
  const drawn = new Set(lines);
  const callsDrawn = lines.reduce((n, k) => n + Math.min(CALLS_PER_LINE, view.calls.length - k * CALLS_PER_LINE), 0);
  const pointsDrawn = view.points.filter((p) => drawn.has(Math.floor(p.callIndex / CALLS_PER_LINE))).length;
  const selection = { lines, callsDrawn, pointsDrawn };
  selections.set(view, selection);
  return selection;
}

export function leftOutSentence(view: CrashMapView, s = selectTimeline(view)): string {
  if (s.callsDrawn >= view.calls.length) return '';
  return `Showing ${formatCount(s.callsDrawn)} of ${formatCount(view.calls.length)} calls (${formatCount(s.pointsDrawn)} of ` +
    `${formatCount(view.points.length)} crash points); the caption counts them all.`;
}
