/**
 * Draws a 'kafka-crash-map' trace: the consumer's calls in order as a timeline that wraps into
 * lines, each call a letter (its name in the tooltip) with two crash points under it, just before
 * and just after the call. Every crash point is a tick in the row of its verdict, exact, duplicate
 * or lost, drawn as a circle, a triangle or a square: row, shape and colour all say the same. The
 * point a check failed at is ringed and labelled. Linear in the trace; a long one is cut to
 * MAX_LINES lines (selection.ts), said under the title.
 */
import type { KafkaCrashMapTrace } from '../../../engine/traces.ts';
import { clipText, formatCount } from '../format.ts';
import type { DrawOptions, Drawing } from '../renderer.ts';
import { MIN_FONT, r, svgText, svgTitle, wrap } from '../svg.ts';
import { LINE, PAD, drawHeading, svgDocument } from '../kafka-shared/frame.ts';
import { drawLegend, type LegendItem } from '../kafka-shared/legend.ts';
import { isDuplicate, isLoss, readCrashMap, type Point } from './normalize.ts';
import { CALLS_PER_LINE, leftOutSentence, selectTimeline } from './selection.ts';
import { crashMapDescription, pointText } from './summarize.ts';
import { KAFKA_CRASH_MAP_CSS } from './style.ts';

const LABEL_W = 84;
const SLOT_W = 7;
const CALL_W = SLOT_W * 2;
/** Lines are at least this many calls wide, so a short run still has room for its notes. */
const MIN_CALLS = 24;
const RIGHT_W = 16;
const HEADER_H = 18;
const ROW_H = 16;
const LINE_GAP = 14;

/** One letter per call name; the legend spells them out. */
const LETTERS: Record<string, string> = {
  fetch: 'F', poll: 'F', eachBatch: 'B', eachMessage: 'M', put: 'P', delete: 'D', commitOffsets: 'C', commitSync: 'C', commitAsync: 'C',
  join: 'J', heartbeat: 'H', send: 'S',
};
const letterOf = (call: string) => LETTERS[call] ?? (call.trim()[0]?.toUpperCase() || '?');

const ROWS = [
  { key: 'exact', label: 'exact', has: (p: Point) => p.verdict === 'exact' },
  { key: 'duplicate', label: 'duplicate', has: (p: Point) => isDuplicate(p.verdict) },
  { key: 'lost', label: 'lost', has: (p: Point) => isLoss(p.verdict) },
] as const;

function tick(row: (typeof ROWS)[number]['key'], x: number, y: number): string {
  if (row === 'exact') return `<circle class="kd-exact" cx="${r(x)}" cy="${r(y)}" r="2.8"/>`;
  if (row === 'duplicate') return `<path class="kd-dup" d="M${r(x - 3.5)} ${r(y + 3)}H${r(x + 3.5)}L${r(x)} ${r(y - 3.5)}Z"/>`;
  return `<rect class="kd-lost" x="${r(x - 3)}" y="${r(y - 3)}" width="6" height="6"/>`;
}

export function crashMapTitle(trace: KafkaCrashMapTrace): string {
  return clipText(readCrashMap(trace).title || 'Crash map', 120);
}

export function renderCrashMap(trace: KafkaCrashMapTrace, options: DrawOptions): Drawing {
  const view = readCrashMap(trace);
  const selection = selectTimeline(view);
  const perLine = Math.max(MIN_CALLS, Math.min(CALLS_PER_LINE, view.calls.length));
  const x0 = PAD + LABEL_W;
  const width = x0 + perLine * CALL_W + RIGHT_W + PAD;
  const heading = drawHeading(options.title, leftOutSentence(view, selection), width);
  const body = [...heading.svg];
  let y = heading.bottom;
  const intro = view.calls.length === 0
    ? 'The run made no crashable calls.'
    : 'Each letter is one call of the run without crashes; the two ticks under it are a crash just before it (left) and just after it (right).';
  for (const line of wrap(intro, width - PAD * 2, MIN_FONT)) {
    body.push(svgText(PAD, y + 12, 'kd-muted', line));
    y += LINE;
  }
  y += 8;

  // Points by line, in one pass.
  const byLine = new Map<number, Array<{ p: Point; i: number }>>();
  view.points.forEach((p, i) => {
    const k = Math.floor(p.callIndex / CALLS_PER_LINE);
    const list = byLine.get(k);
    if (list) list.push({ p, i });
    else byLine.set(k, [{ p, i }]);
  });
  /** Verdict rows and call letters the picture uses, for the legend. */
  const used = new Set<string>();
  const letters = new Set<string>();
  let previous = -1;
  for (const k of selection.lines) {
    if (k !== previous + 1) {
      body.push(svgText(x0, y + 12, 'kd-muted', `… calls ${formatCount(previous * CALLS_PER_LINE + CALLS_PER_LINE + 1)}-${formatCount(k * CALLS_PER_LINE)} not drawn`));
      y += LINE + 4;
    }
    previous = k;
    const first = k * CALLS_PER_LINE;
    const last = Math.min(view.calls.length, first + CALLS_PER_LINE) - 1;
    const out: string[] = [];
    const rowY = (row: number) => y + HEADER_H + row * ROW_H + ROW_H / 2;
    const slotX = (p: Point) => x0 + ((p.callIndex - first) * 2 + (p.when === 'after' ? 1 : 0)) * SLOT_W + SLOT_W / 2;
    const points = byLine.get(k) ?? [];
    const highlighted = points.find(({ i }) => i === view.highlight);
    if (highlighted) {
      const x = slotX(highlighted.p);
      out.push(`<rect class="kd-band" x="${r(x - SLOT_W / 2 - 1)}" y="${r(y + 2)}" width="${r(SLOT_W + 2)}" height="${r(HEADER_H + ROW_H * ROWS.length)}"/>`);
    }
    out.push(svgText(PAD, y + 13, 'kd-muted', first === last ? `call ${formatCount(first + 1)}` : `calls ${formatCount(first + 1)}-${formatCount(last + 1)}`));
    for (let c = first; c <= last; c++) {
      const call = view.calls[c]!;
      const x = x0 + (c - first) * CALL_W + CALL_W / 2;
      letters.add(letterOf(call.call));
      out.push(`<g class="kc-call">${svgTitle(`Call ${c + 1}: ${call.label} at ${formatCount(call.time)} ms`)}${svgText(x, y + 13, 'kd-fg', letterOf(call.call), ' text-anchor="middle"')}</g>`);
    }
    ROWS.forEach((row, n) => out.push(svgText(PAD, rowY(n) + 4, 'kd-fg', row.label)));
    for (const { p } of points) {
      const x = slotX(p);
      const marks = ROWS.flatMap((row, n) => (row.has(p) ? [tick(row.key, x, rowY(n))] : []));
      for (const row of ROWS) if (row.has(p)) used.add(row.key);
      out.push(`<g class="kc-point" data-verdict="${p.verdict}">${svgTitle(pointText(p))}${marks.join('')}</g>`);
    }
    if (highlighted) {
      const n = ROWS.findIndex((row) => row.has(highlighted.p));
      out.push(`<circle class="kd-ring" cx="${r(slotX(highlighted.p))}" cy="${r(rowY(n))}" r="7"/>`);
    }
    y += HEADER_H + ROW_H * ROWS.length;
    if (highlighted) {
      const x = slotX(highlighted.p);
      const text = '↑ the check failed here';
      const w = text.length * MIN_FONT * 0.56;
      out.push(x + w < width - PAD ? svgText(x - 4, y + 13, 'kd-fg kd-strong', text) : svgText(x + 4, y + 13, 'kd-fg kd-strong', text, ' text-anchor="end"'));
      y += ROW_H + 2;
    }
    body.push(`<g class="kc-line" data-first-call="${first + 1}">`, ...out, '</g>');
    body.push(`<line class="kd-rule" x1="${PAD}" x2="${r(width - PAD)}" y1="${r(y + 6)}" y2="${r(y + 6)}"/>`);
    y += LINE_GAP;
  }

  const items: LegendItem[] = [];
  if (used.has('exact')) items.push({ w: 8, label: 'exact: every record once', swatch: tick('exact', 4, -4) });
  if (used.has('duplicate')) items.push({ w: 8, label: 'duplicate: some written twice', swatch: tick('duplicate', 4, -4) });
  if (used.has('lost')) items.push({ w: 8, label: 'lost: some never written', swatch: tick('lost', 4, -4) });
  if (view.highlight !== null) items.push({ w: 16, label: 'ringed: the check failed here', swatch: '<circle class="kd-ring" cx="8" cy="-4" r="7"/>' });
  const legend = drawLegend(items, y, width);
  body.push(legend.svg);
  y = legend.bottom;
  const names = Object.entries(LETTERS).filter(([call, letter]) => letters.has(letter) && view.calls.some((c) => c.call === call));
  const seen = new Set(names.map(([call]) => call));
  for (const c of view.calls) {
    if (!seen.has(c.call) && letters.has(letterOf(c.call))) {
      seen.add(c.call);
      names.push([c.call, letterOf(c.call)]);
    }
    if (seen.size >= 16) break;
  }
  if (names.length > 0) {
    const key = `Calls: ${names.map(([call, letter]) => `${letter} ${clipText(call, 24)}`).join(', ')}.`;
    for (const line of wrap(key, width - PAD * 2, MIN_FONT, 3)) {
      body.push(svgText(PAD, y + 12, 'kd-fg', line));
      y += LINE;
    }
  }
  const svg = svgDocument({
    idPrefix: options.idPrefix, title: options.title, description: crashMapDescription(trace), css: KAFKA_CRASH_MAP_CSS,
    inlineStyle: options.inlineStyle, width, height: y + PAD, body,
  });
  return { svg, width: Math.ceil(width) };
}
