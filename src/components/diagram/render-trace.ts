/**
 * Draws a JobTrace as an SVG string: one lane per executor, stages as columns, partitions
 * as slots filled to their record count, shuffle arrows between lanes at stage boundaries
 * and broadcasts as a dashed fan-out. Pure string building (no DOM) so it runs in Node at
 * build time and in the browser after a Run, and the same trace always gives the same SVG.
 */
import type { SparkJobTrace as JobTrace, TraceStage, TraceTransfer } from '../../engine/spark/job-trace.ts';
import { escapeXml as esc, formatBytes, formatCompact, formatCount, formatRecords } from './format.ts';
import {
  SKEW_FACTOR, crossesNetwork, describeTrace, isDriver, isSkewed, stageMedian, summarizeTrace,
} from './summarize-trace.ts';

export interface RenderTraceOptions {
  /** Visible heading and accessible name; defaults to "Job <id>: <description>". */
  title?: string;
  /** Prefix for every id in the SVG, so several diagrams can share a page. */
  idPrefix?: string;
  /**
   * false: leave out the SVG's own <style>; the page provides TRACE_SVG_CSS once instead.
   * Inserting a <style> restyles the whole document, which on a long lesson costs far more
   * than drawing the diagram, so diagrams drawn after a Run use this.
   */
  inlineStyle?: boolean;
}

// Geometry, in viewBox units (about CSS pixels at natural size).
const PAD = 16;
const LABEL_W = 96;
const COL_W = 172;
const GUTTER_W = 104;
const MIN_W = 680;
const HEADER_PER_STAGE = 38;
const SUB_H = 50;
const LANE_GAP = 8;
const BOX_GAP = 4;
const MAX_BOX_W = 26;
const MIN_BOX_W = 7;
const MAX_STROKE = 5;
const FONT = 12;

/** The diagram's own rules; scoped to .sai-trace so they can live in the page's stylesheet too. */
export const TRACE_SVG_CSS = [
  '.sai-trace{font-family:var(--sai-diagram-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:12px;font-variant-numeric:tabular-nums}',
  '.sai-trace .sd-fg{fill:var(--sai-diagram-fg,currentColor)}',
  '.sai-trace .sd-muted{fill:var(--sai-diagram-muted,currentColor)}',
  '.sai-trace .sd-strong{font-weight:600}',
  '.sai-trace .sd-cell{fill:var(--sai-diagram-cell,rgba(128,128,128,.1))}',
  '.sai-trace .sd-slot{fill:var(--sai-diagram-bg,transparent);stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1}',
  '.sai-trace .sd-part{fill:var(--sai-diagram-partition,#3b82f6)}',
  '.sai-trace .sd-skew{fill:var(--sai-diagram-skew,#e0245e)}',
  '.sai-trace .sd-skew-text{fill:var(--sai-diagram-skew-text,var(--sai-diagram-skew,#e0245e));font-weight:700}',
  '.sai-trace .sd-shuffle{fill:none;stroke:var(--sai-diagram-shuffle,#e07b00);stroke-linecap:round}',
  '.sai-trace .sd-shuffle-head{fill:var(--sai-diagram-shuffle,#e07b00)}',
  '.sai-trace .sd-broadcast{fill:none;stroke:var(--sai-diagram-broadcast,#8b5cf6);stroke-dasharray:7 4}',
  '.sai-trace .sd-broadcast-head{fill:var(--sai-diagram-broadcast,#8b5cf6)}',
  '.sai-trace .sd-driver{fill:var(--sai-diagram-bg,transparent);stroke:var(--sai-diagram-broadcast,#8b5cf6);stroke-width:1.5}',
  '.sai-trace .sd-rule{stroke:var(--sai-diagram-outline,rgba(128,128,128,.75));stroke-width:1}',
].join('');

/** Rounds coordinates so output is short and free of float noise. */
function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function truncate(text: string, width: number, fontSize: number): string {
  // Average glyph width of a sans-serif face is a little over half the font size.
  const max = Math.max(4, Math.floor(width / (fontSize * 0.56)));
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function wrap(text: string, width: number, fontSize: number): string[] {
  const max = Math.max(10, Math.floor(width / (fontSize * 0.54)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function text(x: number, y: number, cls: string, content: string, extra = ''): string {
  return `<text x="${r(x)}" y="${r(y)}" class="${cls}"${extra}>${esc(content)}</text>`;
}

/** A stage's column is its depth in the transfer graph: sources first, the stages they feed after. */
function stageColumns(trace: JobTrace): Map<number, number> {
  const depth = new Map<number, number>(trace.stages.map((s) => [s.id, 0]));
  // Relaxing once per stage is enough for an acyclic graph and stops on a malformed one.
  for (let i = 0; i < trace.stages.length; i++) {
    for (const t of trace.transfers) {
      const from = depth.get(t.fromStage);
      const to = depth.get(t.toStage);
      if (from !== undefined && to !== undefined && t.fromStage !== t.toStage && to < from + 1) {
        depth.set(t.toStage, from + 1);
      }
    }
  }
  // Close gaps left by stages that are not in the trace.
  const used = [...new Set(depth.values())].sort((a, b) => a - b);
  return new Map([...depth].map(([id, d]) => [id, used.indexOf(d)]));
}

interface StagePlace {
  stage: TraceStage;
  col: number;
  /** Position among the stages sharing the column, top to bottom inside each lane. */
  sub: number;
  subs: number;
}

interface Slot {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function renderTraceSvg(trace: JobTrace, options: RenderTraceOptions = {}): string {
  const p = (options.idPrefix ?? `sai-trace-${trace.jobId}`).replace(/[^A-Za-z0-9_-]/g, '-');
  const title = options.title ?? `Job ${trace.jobId}: ${trace.description}`;
  const summary = summarizeTrace(trace);
  const executors = [...trace.executors].sort((a, b) => a.id - b.id);

  // Columns and the stages stacked inside them.
  const colOf = stageColumns(trace);
  const colCount = Math.max(1, ...[...colOf.values()].map((c) => c + 1));
  const columns: TraceStage[][] = Array.from({ length: colCount }, () => []);
  for (const s of trace.stages) columns[colOf.get(s.id) ?? 0].push(s);
  const places = new Map<number, StagePlace>();
  columns.forEach((stages, col) => stages.forEach((stage, sub) => places.set(stage.id, { stage, col, sub, subs: stages.length })));
  const maxSubs = Math.max(1, ...columns.map((c) => c.length));

  const drawn = trace.transfers.filter(crossesNetwork);
  const hasIncoming = (col: number) => drawn.some((t) => places.get(t.toStage)?.col === col);

  // Horizontal layout: label column, then [gutter] column [gutter] column ...
  const gutters: number[] = columns.map((_, c) => (c > 0 || hasIncoming(0) ? GUTTER_W : 0));
  const fixed = PAD * 2 + LABEL_W + gutters.reduce((a, b) => a + b, 0);
  const colW = Math.max(COL_W, Math.floor((MIN_W - fixed) / colCount));
  const colX: number[] = [];
  let x = PAD + LABEL_W;
  for (let c = 0; c < colCount; c++) {
    x += gutters[c];
    colX.push(x);
    x += colW;
  }
  const width = x + PAD;

  // Vertical layout: title, stage headers, lanes, legend, notes.
  const titleY = PAD + 14;
  const headerTop = titleY + 20;
  const lanesTop = headerTop + maxSubs * HEADER_PER_STAGE + 10;
  const laneH = 12 + maxSubs * SUB_H;
  const laneTop = new Map(executors.map((e, i) => [e.id, lanesTop + i * (laneH + LANE_GAP)]));
  const lanesBottom = lanesTop + executors.length * (laneH + LANE_GAP) - LANE_GAP;

  const shuffleMax = Math.max(1, ...drawn.filter((t) => t.kind === 'shuffle').map((t) => t.bytes));
  // Shuffle width is proportional to bytes; every broadcast copy is the same value, so one width.
  const strokeFor = (t: TraceTransfer) => (t.kind === 'broadcast' ? 2 : Math.max(1.25, (MAX_STROKE * t.bytes) / shuffleMax));
  // Fill is relative to the stage's largest partition: skew shows at once, and the labels give absolute counts.
  const fillHeight = (records: number, stageMax: number, slotH: number) =>
    records <= 0 ? 0 : Math.max(1.5, (slotH * records) / Math.max(1, stageMax));

  const body: string[] = [];
  let usesStrip = false;
  let usesSkew = false;

  /** Sub-row of a stage inside a lane: where its label line and slots go. */
  const subRow = (place: StagePlace, exec: number) => {
    const top = (laneTop.get(exec) ?? lanesTop) + 6;
    const h = (laneH - 12) / place.subs;
    const y = top + place.sub * h;
    const slotH = Math.min(34, h - 18);
    return { labelY: y + 12, slotY: y + 16, slotH, mid: y + 16 + slotH / 2 };
  };

  // Title and stage headers.
  body.push(text(PAD, titleY, 'sd-fg sd-strong', truncate(title, width - PAD * 2, 14), ' font-size="14"'));
  for (const place of places.values()) {
    const { stage, col, sub } = place;
    const hx = colX[col] + 2;
    const hy = headerTop + sub * HEADER_PER_STAGE;
    const total = stage.partitions.reduce((n, q) => n + q.records, 0);
    body.push(`<text x="${r(hx)}" y="${r(hy + 13)}" class="sd-fg sd-strong" font-size="13"><title>${esc(stage.name)}</title>${esc(truncate(stage.name, colW - 4, 13))}</text>`);
    body.push(text(hx, hy + 29, 'sd-muted', truncate(
      `Stage ${stage.id} · ${formatCount(stage.partitions.length)} part. · ${formatCompact(total)} rec`, colW - 4, 11), ' font-size="11"'));
  }

  // Lanes: a label and one cell per column.
  for (const e of executors) {
    const top = laneTop.get(e.id) ?? lanesTop;
    body.push(text(PAD + 2, top + laneH / 2 - 1, 'sd-fg sd-strong', `Executor ${e.id}`));
    body.push(text(PAD + 2, top + laneH / 2 + 14, 'sd-muted', `${formatCount(e.cores)} ${e.cores === 1 ? 'core' : 'cores'}`, ' font-size="11"'));
    for (let c = 0; c < colCount; c++) {
      body.push(`<rect class="sd-cell" x="${r(colX[c])}" y="${r(top)}" width="${r(colW)}" height="${r(laneH)}" rx="6"/>`);
    }
  }

  // Partitions: one slot per partition, or one strip per lane when there are too many.
  for (const place of places.values()) {
    const { stage, col, subs } = place;
    const m = stageMedian(stage);
    const tag = subs > 1 ? `S${stage.id}` : '';
    const innerX = colX[col] + 10 + (tag ? 24 : 0);
    const innerW = colW - 20 - (tag ? 24 : 0);
    const byExec = executors.map((e) => stage.partitions.filter((q) => q.executor === e.id).sort((a, b) => a.index - b.index));
    const most = Math.max(1, ...byExec.map((ps) => ps.length));
    const boxW = Math.min(MAX_BOX_W, Math.floor((innerW - (most - 1) * BOX_GAP) / most));
    const strip = boxW < MIN_BOX_W;
    const skewedHere = (records: number) => isSkewed(records, m, stage.partitions.length);
    const stageMax = Math.max(0, ...stage.partitions.map((q) => q.records));

    executors.forEach((e, i) => {
      const parts = byExec[i];
      const row = subRow(place, e.id);
      if (tag) body.push(text(colX[col] + 8, row.mid + 4, 'sd-muted sd-strong', tag, ' font-size="11"'));
      const group: string[] = [];
      if (strip) {
        usesStrip = true;
        const total = parts.reduce((n, q) => n + q.records, 0);
        group.push(text(innerX, row.labelY, 'sd-muted', `${formatCount(parts.length)} partitions`, ' font-size="10"'));
        group.push(text(innerX + innerW, row.labelY, 'sd-muted', `${formatCompact(total)} rec`, ' font-size="10" text-anchor="end"'));
        group.push(`<rect class="sd-slot" x="${r(innerX)}" y="${r(row.slotY)}" width="${r(innerW)}" height="${r(row.slotH)}" rx="2"/>`);
        // Bin neighbours into bars at least 2 units wide; a bin shows its largest partition so skew still shows.
        const bins = Math.max(1, Math.min(parts.length, Math.floor(innerW / 2)));
        const binW = innerW / bins;
        let normal = '';
        let skewed = '';
        for (let b = 0; b < bins && parts.length > 0; b++) {
          const members = parts.slice(Math.floor((b * parts.length) / bins), Math.floor(((b + 1) * parts.length) / bins));
          const top = Math.max(0, ...members.map((q) => q.records));
          const h = fillHeight(top, stageMax, row.slotH);
          if (h === 0) continue;
          // A hairline gap keeps neighbouring partitions apart when there is room for it.
          const barW = binW >= 2.5 ? binW - 0.8 : binW;
          const d = `M${r(innerX + b * binW)} ${r(row.slotY + row.slotH)}h${r(barW)}v${r(-h)}h${r(-barW)}Z`;
          if (skewedHere(top)) skewed += d;
          else normal += d;
        }
        if (normal) group.push(`<path class="sd-part" d="${normal}"/>`);
        if (skewed) {
          usesSkew = true;
          group.push(`<path class="sd-skew" d="${skewed}"/>`);
        }
        body.push(`<g class="sd-strip" data-stage="${stage.id}" data-executor="${e.id}" data-partitions="${parts.length}">${group.join('')}</g>`);
        return;
      }
      const span = parts.length * boxW + (parts.length - 1) * BOX_GAP;
      const startX = innerX + (innerW - span) / 2;
      const labelAll = boxW >= 22;
      parts.forEach((q, k) => {
        const bx = startX + k * (boxW + BOX_GAP);
        const h = fillHeight(q.records, stageMax, row.slotH);
        const skew = skewedHere(q.records);
        if (skew) usesSkew = true;
        const tip = `${stage.name}, partition ${q.index} on executor ${q.executor}: ${formatRecords(q.records)}, ${formatBytes(q.bytes)}`;
        const marks = [`<title>${esc(tip)}</title>`,
          `<rect class="sd-slot" x="${r(bx)}" y="${r(row.slotY)}" width="${r(boxW)}" height="${r(row.slotH)}" rx="2"/>`];
        if (h > 0) {
          marks.push(`<rect class="${skew ? 'sd-skew' : 'sd-part'}" x="${r(bx)}" y="${r(row.slotY + row.slotH - h)}" width="${r(boxW)}" height="${r(h)}" rx="1.5"/>`);
        }
        if (skew || labelAll) {
          marks.push(text(bx + boxW / 2, row.labelY, skew ? 'sd-skew-text' : 'sd-muted', formatCompact(q.records), ' font-size="10" text-anchor="middle"'));
        }
        body.push(`<g class="sd-partition${skew ? ' sd-skewed' : ''}" data-stage="${stage.id}" data-partition="${q.index}" data-executor="${q.executor}">${marks.join('')}</g>`);
      });
    });
  }

  // Transfers, drawn in the gutter before the stage that reads them.
  const arrowHead = (tipX: number, y: number, w: number, cls: string) => {
    const len = 5 + w * 1.1;
    const half = 3 + w * 0.7;
    return { len, d: `<path class="${cls}" d="M${r(tipX)} ${r(y)}L${r(tipX - len)} ${r(y - half)}L${r(tipX - len)} ${r(y + half)}Z"/>` };
  };
  /** Spreads the several arrows at one lane over the slot height so they do not share a point. */
  const port = (mid: number, slotH: number, i: number, n: number) =>
    n <= 1 ? mid : mid - slotH * 0.35 + (slotH * 0.7 * i) / (n - 1);
  const sortedDrawn = [...drawn].sort((a, b) =>
    a.kind.localeCompare(b.kind) || a.toStage - b.toStage || a.fromStage - b.fromStage ||
    a.fromExecutor - b.fromExecutor || a.toExecutor - b.toExecutor);

  const shuffles = sortedDrawn.filter((t) => t.kind === 'shuffle');
  for (const t of shuffles) {
    const to = places.get(t.toStage);
    if (!to) continue;
    const from = places.get(t.fromStage);
    const tipX = colX[to.col] - 2;
    const adjacent = from !== undefined && from.col === to.col - 1;
    const startX = adjacent ? colX[from.col] + colW + 2 : colX[to.col] - gutters[to.col] + 2;
    const outs = shuffles.filter((u) => u.fromStage === t.fromStage && u.toStage === t.toStage && u.fromExecutor === t.fromExecutor);
    const ins = shuffles.filter((u) => u.toStage === t.toStage && u.toExecutor === t.toExecutor);
    const src = from && adjacent ? subRow(from, t.fromExecutor) : subRow(to, t.fromExecutor);
    const dst = subRow(to, t.toExecutor);
    const y0 = port(src.mid, src.slotH, outs.indexOf(t), outs.length);
    const y1 = port(dst.mid, dst.slotH, ins.indexOf(t), ins.length);
    const w = strokeFor(t);
    const head = arrowHead(tipX, y1, w, 'sd-shuffle-head');
    const endX = tipX - head.len + 1;
    const midX = (startX + endX) / 2;
    const tip = `Shuffle from executor ${t.fromExecutor} to executor ${t.toExecutor}: ${formatRecords(t.records)}, ${formatBytes(t.bytes)}`;
    body.push(`<g class="sd-transfer" data-kind="shuffle" data-from="${t.fromExecutor}" data-to="${t.toExecutor}" data-from-stage="${t.fromStage}" data-to-stage="${t.toStage}"><title>${esc(tip)}</title>` +
      `<path class="sd-shuffle" stroke-width="${r(w)}" stroke-opacity="0.8" d="M${r(startX)} ${r(y0)}C${r(midX)} ${r(y0)} ${r(midX)} ${r(y1)} ${r(endX)} ${r(y1)}"/>${head.d}</g>`);
  }

  const broadcasts = sortedDrawn.filter((t) => t.kind === 'broadcast');
  const driverNodes = new Set<string>();
  for (const t of broadcasts) {
    const to = places.get(t.toStage);
    if (!to) continue;
    const gutterLeft = colX[to.col] - gutters[to.col];
    const tipX = colX[to.col] - 2;
    const dst = subRow(to, t.toExecutor);
    let sx: number;
    let sy: number;
    if (isDriver(trace, t.fromExecutor)) {
      // The driver sits above the lanes: it collected the small side and sends each executor a copy.
      sx = gutterLeft + gutters[to.col] / 2 - 8;
      sy = lanesTop - 10;
      const key = `${to.col}`;
      if (!driverNodes.has(key)) {
        driverNodes.add(key);
        body.push(`<g class="sd-driver-node"><rect class="sd-driver" x="${r(sx - 26)}" y="${r(sy - 22)}" width="52" height="20" rx="10"/>` +
          text(sx, sy - 8, 'sd-fg sd-strong', 'Driver', ' font-size="11" text-anchor="middle"') + '</g>');
      }
    } else {
      const from = places.get(t.fromStage);
      const row = from && from.col === to.col - 1 ? subRow(from, t.fromExecutor) : subRow(to, t.fromExecutor);
      sx = gutterLeft + 16;
      sy = row.mid;
      const key = `${to.col}/${t.fromExecutor}/${t.fromStage}`;
      if (!driverNodes.has(key)) {
        driverNodes.add(key);
        body.push(`<circle class="sd-broadcast-head" cx="${r(sx)}" cy="${r(sy)}" r="3.5"/>`);
      }
    }
    const w = strokeFor(t);
    const head = arrowHead(tipX, dst.mid, w, 'sd-broadcast-head');
    const endX = tipX - head.len + 1;
    const tip = `Broadcast to executor ${t.toExecutor}: ${formatRecords(t.records)}, ${formatBytes(t.bytes)}`;
    body.push(`<g class="sd-transfer" data-kind="broadcast" data-from="${t.fromExecutor}" data-to="${t.toExecutor}" data-from-stage="${t.fromStage}" data-to-stage="${t.toStage}"><title>${esc(tip)}</title>` +
      `<path class="sd-broadcast" stroke-width="${r(w)}" d="M${r(sx)} ${r(sy)}C${r(sx)} ${r((sy + dst.mid) / 2)} ${r((sx + endX) / 2)} ${r(dst.mid)} ${r(endX)} ${r(dst.mid)}"/>${head.d}</g>`);
  }

  // Legend: only what this diagram uses.
  const legendTop = lanesBottom + 22;
  const items: Array<{ swatch: string; label: string; w: number }> = [];
  items.push({ w: 12, label: 'partition: fill = records (vs. largest in stage)', swatch:
    `<rect class="sd-slot" x="0" y="-11" width="12" height="16" rx="2"/><rect class="sd-part" x="0" y="-3" width="12" height="8" rx="1.5"/>` });
  if (usesSkew) {
    items.push({ w: 12, label: `skewed: ≥ ${SKEW_FACTOR}x the stage median`, swatch:
      `<rect class="sd-slot" x="0" y="-11" width="12" height="16" rx="2"/><rect class="sd-skew" x="0" y="-11" width="12" height="16" rx="1.5"/>` });
  }
  if (usesStrip) {
    items.push({ w: 26, label: 'many partitions: bar height = records', swatch:
      `<rect class="sd-slot" x="0" y="-11" width="26" height="16" rx="2"/><path class="sd-part" d="M0 5h4v-6h-4ZM5 5h4v-9h-4ZM10 5h4v-5h-4ZM15 5h4v-7h-4ZM20 5h4v-4h-4Z"/>` });
  }
  if (drawn.some((t) => t.kind === 'shuffle')) {
    items.push({ w: 30, label: 'shuffle: width = bytes', swatch:
      `<path class="sd-shuffle" stroke-width="3" d="M0 -3H20"/><path class="sd-shuffle-head" d="M30 -3L19 -9L19 3Z"/>` });
  }
  if (broadcasts.length > 0) {
    items.push({ w: 30, label: 'broadcast copy (dashed)', swatch:
      `<path class="sd-broadcast" stroke-width="2" d="M0 -3H21"/><path class="sd-broadcast-head" d="M30 -3L21 -8L21 2Z"/>` });
  }
  const legend: string[] = [];
  let lx = PAD;
  let ly = legendTop;
  for (const item of items) {
    const itemW = item.w + 8 + item.label.length * 6.2 + 22;
    if (lx > PAD && lx + itemW > width - PAD) {
      lx = PAD;
      ly += 22;
    }
    legend.push(`<g transform="translate(${r(lx)} ${r(ly)})">${item.swatch}${text(item.w + 8, 0, 'sd-fg', item.label, ' font-size="11"')}</g>`);
    lx += itemW;
  }
  body.push(`<g class="sd-legend">${legend.join('')}</g>`);

  // Strategy and notes as text under the legend.
  const lines: Array<{ content: string; cls: string }> = [];
  if (trace.strategy) lines.push({ content: `Join strategy: ${trace.strategy}`, cls: 'sd-fg sd-strong' });
  const notes = [...trace.notes];
  if (summary.localShuffle.records > 0 || summary.localShuffle.bytes > 0) {
    notes.push(`Local shuffle reads (same executor, no network, not drawn): ${formatRecords(summary.localShuffle.records)}, ${formatBytes(summary.localShuffle.bytes)}.`);
  }
  for (const note of notes) {
    wrap(note, width - PAD * 2 - 12, FONT).forEach((l, i) => lines.push({ content: (i === 0 ? '• ' : '  ') + l, cls: 'sd-fg' }));
  }
  let ny = ly + 30;
  if (lines.length > 0) body.push(`<line class="sd-rule" x1="${PAD}" x2="${r(width - PAD)}" y1="${r(ny - 16)}" y2="${r(ny - 16)}"/>`);
  const noteText: string[] = [];
  for (const l of lines) {
    noteText.push(`<text x="${PAD}" y="${r(ny)}" class="${l.cls}" xml:space="preserve">${esc(l.content)}</text>`);
    ny += 17;
  }
  body.push(`<g class="sd-notes">${noteText.join('')}</g>`);
  const height = Math.ceil(lines.length > 0 ? ny - 17 + PAD : ly + PAD);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sai-trace" id="${p}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${p}-title ${p}-desc" style="max-width:100%;height:auto">`,
    `<title id="${p}-title">${esc(title)}</title>`,
    `<desc id="${p}-desc">${esc(describeTrace(trace))}</desc>`,
    ...(options.inlineStyle === false ? [] : [`<style>${TRACE_SVG_CSS}</style>`]),
    ...body,
    '</svg>',
  ].join('\n');
}
