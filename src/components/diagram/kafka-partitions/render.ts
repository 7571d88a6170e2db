/**
 * Draws a 'kafka-partitions' trace: per partition a strip of offsets (one cell each while few,
 * else to scale) ending at the high watermark; under it, per group, the batch in flight, the
 * owner's position and the committed offset, each a labelled mark of its own shape at the offset
 * boundary it stands for; under those, the sink's objects as boxes over the offsets they hold
 * (dashed when the sink holds some of their records twice); to scale, one row of what the objects
 * hold instead. Pure string building, linear in the trace: big traces are drawn in part
 * (selection.ts) and say so under the title.
 */
import type { KafkaPartitionsTrace } from '../../../engine/traces.ts';
import { clipText, formatCount } from '../format.ts';
import type { DrawOptions, Drawing } from '../renderer.ts';
import { MIN_FONT, attr, r, svgText, svgTitle, truncate } from '../svg.ts';
import { LINE, PAD, drawHeading, fittedText, svgDocument } from '../kafka-shared/frame.ts';
import { drawLegend, type LegendItem } from '../kafka-shared/legend.ts';
import { spanText, type Span } from '../kafka-shared/read.ts';
import { coverage } from './coverage.ts';
import { readPartitions, type Markers, type Strip, type StripObject } from './normalize.ts';
import { leftOutSentence, selectStrips, type DrawnStrip } from './selection.ts';
import { partitionsDescription } from './summarize.ts';
import { KAFKA_PARTITIONS_CSS } from './style.ts';

const LABEL_W = 144;
const CELL_W = 20;
/** Cell strips are at least this many cells wide, so short logs still have room for labels. */
const MIN_CELLS = 10;
const BAR_W = 640;
/** Room right of the strip for the high watermark's label and marks' labels. */
const RIGHT_W = 120;
const CELL_H = 22;
const ROW_H = 18;
const OBJECT_ROW_H = 22;
const STRIP_GAP = 22;
/** Ranges drawn per object; an object holding more is drawn as one dashed hull. */
const MAX_SPANS = 12;
const CHAR_W = MIN_FONT * 0.56;

export function partitionsTitle(trace: KafkaPartitionsTrace): string {
  const title = readPartitions(trace).title;
  return clipText(title ? `Partitions: ${title}` : 'Partitions', 120);
}

interface Scale {
  x0: number;
  unit: number;
  width: number;
  right: number;
  x(offset: number): number;
}

/** A label right of `x`, or left of it when it would run past the picture's right edge. */
function sideLabel(scale: Scale, x: number, y: number, text: string, cls = 'kd-fg'): string {
  const w = text.length * CHAR_W;
  return x + 8 + w <= scale.right ? svgText(x + 8, y, cls, text) : svgText(x - 8, y, cls, text, ' text-anchor="end"');
}

function drawCells(d: DrawnStrip, scale: Scale, cells: boolean, y: number): string[] {
  const hw = d.strip.highWatermark;
  const out: string[] = [];
  if (cells) {
    for (let o = 0; o < hw; o++) {
      out.push(`<rect class="kd-cell" x="${r(scale.x(o))}" y="${r(y)}" width="${CELL_W}" height="${CELL_H}"/>`);
      out.push(svgText(scale.x(o) + CELL_W / 2, y + 15, 'kd-muted', String(o), ' text-anchor="middle"'));
    }
  } else if (hw > 0) {
    out.push(`<rect class="kd-cell" x="${r(scale.x0)}" y="${r(y)}" width="${r(scale.x(hw) - scale.x0)}" height="${CELL_H}"/>`);
    const text = `offsets 0-${formatCount(hw - 1)}`;
    if (text.length * CHAR_W + 8 < scale.x(hw) - scale.x0) out.push(svgText(scale.x0 + 4, y + 15, 'kd-muted', text));
  }
  if (hw === 0) out.push(svgText(scale.x0 + 10, y + 15, 'kd-muted', 'no records'));
  const x = scale.x(hw);
  out.push(`<g class="kp-hw">${svgTitle(`High watermark ${formatCount(hw)}: the offset the next record will get`)}` +
    `<line class="kd-hw" x1="${r(x)}" x2="${r(x)}" y1="${r(y - 4)}" y2="${r(y + CELL_H + 4)}"/>${sideLabel(scale, x, y + 15, `HW ${formatCount(hw)}`)}</g>`);
  return out;
}

interface GroupDrawing {
  svg: string[];
  guides: string[];
  height: number;
}

function drawGroup(g: Markers, scale: Scale, stripBottom: number, top: number): GroupDrawing {
  const svg: string[] = [];
  const guides: string[] = [];
  const guide = (x: number, to: number) => guides.push(`<line class="kd-guide" x1="${r(x)}" x2="${r(x)}" y1="${r(stripBottom)}" y2="${r(to)}"/>`);
  let y = top;
  const owner = g.owner === null ? 'no owner' : `owner ${g.owner}${g.ownerLive ? '' : ' (down)'}`;
  const rows: string[] = [];
  if (g.inFlight) {
    const s: Span = g.inFlight;
    const x1 = scale.x(s.from);
    const w = Math.max(3, scale.x(s.to + 1) - x1);
    rows.push(`<g class="kp-flight">${svgTitle(`In flight: offsets ${spanText(s)}, being handled now`)}` +
      `<rect class="kd-flight" x="${r(x1)}" y="${r(y + 4)}" width="${r(w)}" height="10" rx="2"/>${sideLabel(scale, x1 + w, y + 13, `in flight ${spanText(s)}`)}</g>`);
    guide(x1, y + 4);
    y += ROW_H;
  }
  if (g.position !== null) {
    const x = scale.x(g.position);
    rows.push(`<g class="kp-position">${svgTitle(`Position ${formatCount(g.position)}: the next offset the owner fetches (resolved, not committed)`)}` +
      `<path class="kd-position" d="M${r(x - 5)} ${r(y + 4)}H${r(x + 5)}L${r(x)} ${r(y + 13)}Z"/>${sideLabel(scale, x, y + 13, `position ${formatCount(g.position)}`)}</g>`);
    guide(x, y + 4);
  } else {
    const why = !g.owner ? 'no position: no owner' : g.ownerLive ? 'no position yet' : 'no position: the owner is down';
    rows.push(svgText(scale.x0, y + 13, 'kd-muted', why));
  }
  y += ROW_H;
  if (g.committed !== null) {
    const x = scale.x(g.committed);
    rows.push(`<g class="kp-committed">${svgTitle(`Committed ${formatCount(g.committed)}: where an owner starts after a restart or rebalance`)}` +
      `<path class="kd-committed" d="M${r(x)} ${r(y + 3)}L${r(x + 5)} ${r(y + 8.5)}L${r(x)} ${r(y + 14)}L${r(x - 5)} ${r(y + 8.5)}Z"/>${sideLabel(scale, x, y + 13, `committed ${formatCount(g.committed)}`)}</g>`);
    guide(x, y + 3);
  } else {
    rows.push(svgText(scale.x0, y + 13, 'kd-muted', 'nothing committed'));
  }
  y += ROW_H;
  svg.push(`<g class="kp-group" data-group="${attr(g.groupId)}">`,
    fittedText(PAD, top + 13, 'kd-fg kd-strong', `group ${g.groupId}`, LABEL_W - 8),
    fittedText(PAD, top + 13 + ROW_H, 'kd-muted', owner, LABEL_W - 8),
    ...rows, '</g>');
  return { svg, guides, height: Math.max(y - top, 2 * ROW_H) };
}

function objectLabel(o: StripObject): string[] {
  const range = o.spans.length === 1 ? spanText(o.spans[0]!) : spanText({ from: o.first, to: o.last });
  return o.duplicates > 0 ? [`${range} · ${formatCount(o.duplicates)} dup`, `${range} dup`, range] : [range];
}

function drawObject(o: StripObject, scale: Scale, y: number): string {
  const dup = o.duplicates > 0;
  const cls = dup ? 'kd-object-dup' : 'kd-object';
  const tip = `${o.key}: offsets ${o.spans.slice(0, MAX_SPANS).map(spanText).join(', ')}${o.spans.length > MAX_SPANS ? ', ...' : ''}; ` +
    `${formatCount(o.records)} ${o.records === 1 ? 'record' : 'records'}${dup ? `, ${formatCount(o.duplicates)} of them held more than once` : ''}`;
  const boxes = (o.spans.length > MAX_SPANS ? [{ from: o.first, to: o.last }] : o.spans).map((s) => {
    const x = scale.x(s.from);
    return `<rect class="${cls}" x="${r(x)}" y="${r(y)}" width="${r(Math.max(3, scale.x(s.to + 1) - x))}" height="16" rx="3"/>`;
  });
  const hullX = scale.x(o.first);
  const hullW = Math.max(3, scale.x(o.last + 1) - hullX);
  const text = objectLabel(o).find((t) => t.length * CHAR_W + 6 <= hullW);
  const label = text ? svgText(hullX + hullW / 2, y + 12.5, 'kd-fg', text, ' text-anchor="middle"') : '';
  return `<g class="kp-object${dup ? ' kp-dup' : ''}" data-key="${attr(o.key)}">${svgTitle(tip)}${boxes.join('')}${label}</g>`;
}

/**
 * To scale, objects are too thin to draw one by one: one row of the offsets they hold, each pixel
 * column showing the most copies any of its offsets has (so a single duplicate still shows).
 */
function drawHoldings(strip: Strip, scale: Scale, y: number, used: Set<string>): string {
  const held = coverage(strip.objects, strip.highWatermark).held;
  // The scale's domain covers every object, so the bar's pixel columns hold them all.
  const copies = new Uint8Array(BAR_W);
  for (const h of held) {
    const from = Math.max(0, Math.floor(scale.x(h.from) - scale.x0));
    // Offsets held twice get at least 3 pixels, so a short duplicate is seen.
    const end = Math.min(copies.length, Math.max(from + (h.copies > 1 ? 3 : 1), Math.ceil(scale.x(h.to + 1) - scale.x0)));
    for (let c = from; c < end; c++) if (copies[c]! < h.copies) copies[c] = h.copies;
  }
  const rects: string[] = [];
  for (let c = 0; c < copies.length; ) {
    const n = copies[c]!;
    let end = c + 1;
    while (end < copies.length && copies[end] === n) end++;
    if (n > 0) {
      used.add(n > 1 ? 'dup' : 'object');
      rects.push(`<rect class="${n > 1 ? 'kd-object-dup' : 'kd-object'}" x="${r(scale.x0 + c)}" y="${r(y)}" width="${end - c}" height="16"/>`);
    }
    c = end;
  }
  const doubled = held.filter((h) => h.copies > 1).reduce((n, h) => n + h.to - h.from + 1, 0);
  const tip = `${formatCount(strip.objects.length)} objects; the sink holds ${formatCount(held.reduce((n, h) => n + h.to - h.from + 1, 0))} offsets` +
    (doubled > 0 ? `, ${formatCount(doubled)} of them more than once (dashed)` : '');
  return `<g class="kp-holdings">${svgTitle(tip)}${rects.join('')}</g>`;
}

function legendItems(used: Set<string>): LegendItem[] {
  const items: LegendItem[] = [
    { w: 10, label: 'HW: high watermark, the next offset written', swatch: '<line class="kd-hw" x1="5" x2="5" y1="-13" y2="5"/>' },
  ];
  if (used.has('flight')) items.push({ w: 22, label: 'batch in flight', swatch: '<rect class="kd-flight" x="0" y="-9" width="22" height="10" rx="2"/>' });
  if (used.has('position')) items.push({ w: 10, label: 'position: next offset the owner fetches', swatch: '<path class="kd-position" d="M0 -9H10L5 0Z"/>' });
  if (used.has('committed')) items.push({ w: 10, label: 'committed: where the next owner starts', swatch: '<path class="kd-committed" d="M5 -10L10 -4.5L5 1L0 -4.5Z"/>' });
  if (used.has('object')) items.push({ w: 22, label: 'object in the store', swatch: '<rect class="kd-object" x="0" y="-11" width="22" height="14" rx="3"/>' });
  if (used.has('dup')) items.push({ w: 22, label: 'object holding records held twice (dup)', swatch: '<rect class="kd-object-dup" x="0" y="-11" width="22" height="14" rx="3"/>' });
  return items;
}

export function renderPartitions(trace: KafkaPartitionsTrace, options: DrawOptions): Drawing {
  const view = readPartitions(trace);
  const selection = selectStrips(view);
  const stripW = selection.cells ? Math.max(selection.domain, MIN_CELLS) * CELL_W : BAR_W;
  const width = PAD * 2 + LABEL_W + stripW + RIGHT_W;
  const x0 = PAD + LABEL_W;
  const unit = selection.cells ? CELL_W : BAR_W / selection.domain;
  const scale: Scale = { x0, unit, width, right: width - PAD, x: (o) => x0 + o * unit };
  const heading = drawHeading(options.title, leftOutSentence(selection), width);
  const body = [...heading.svg];
  const used = new Set<string>();
  let y = heading.bottom + 8;
  if (selection.strips.length === 0) {
    body.push(svgText(PAD, y + 14, 'kd-muted', 'No partitions.'));
    y += 26;
  }
  for (const d of selection.strips) {
    const part: string[] = [];
    const guides: string[] = [];
    part.push(fittedText(PAD, y + 15, 'kd-fg kd-strong', `${d.strip.topic} p${d.strip.partition}`, LABEL_W - 8));
    part.push(...drawCells(d, scale, selection.cells, y));
    const stripBottom = y + CELL_H;
    let gy = stripBottom + 8;
    for (const g of d.groups) {
      const drawn = drawGroup(g, scale, stripBottom + 4, gy);
      part.push(...drawn.svg);
      guides.push(...drawn.guides);
      if (g.inFlight) used.add('flight');
      if (g.position !== null) used.add('position');
      if (g.committed !== null) used.add('committed');
      gy += drawn.height + 4;
    }
    part.push(svgText(PAD, gy + 12.5, 'kd-muted', 'objects'));
    if (d.strip.objects.length === 0) part.push(svgText(x0, gy + 12.5, 'kd-muted', 'none'));
    else if (!selection.cells) part.push(drawHoldings(d.strip, scale, gy, used));
    d.rows.forEach((row, i) => {
      for (const o of row) {
        used.add(o.duplicates > 0 ? 'dup' : 'object');
        part.push(drawObject(o, scale, gy + i * OBJECT_ROW_H));
      }
    });
    const rows = Math.max(1, d.rows.length);
    if (d.leftOut > 0) part.push(svgText(PAD, gy + 12.5 + LINE, 'kd-muted', truncate(`+${formatCount(d.leftOut)} not drawn`, LABEL_W - 8, MIN_FONT)));
    gy += Math.max(rows * OBJECT_ROW_H, d.leftOut > 0 ? 2 * LINE : 0);
    body.push(`<g class="kp-strip" data-topic="${attr(d.strip.topic)}" data-partition="${attr(d.strip.partition)}">`, ...guides, ...part, '</g>');
    y = gy + STRIP_GAP;
  }
  const legend = drawLegend(legendItems(used), y - STRIP_GAP + 10, width);
  body.push(legend.svg);
  const svg = svgDocument({
    idPrefix: options.idPrefix, title: options.title, description: partitionsDescription(trace), css: KAFKA_PARTITIONS_CSS,
    inlineStyle: options.inlineStyle, width, height: legend.bottom + PAD, body,
  });
  return { svg, width: Math.ceil(width) };
}
