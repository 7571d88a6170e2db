/**
 * Stage headers, executor lanes and partitions. A partition is a slot filled to its record count
 * (relative to the stage's largest, so skew shows at once; labels give the counts); when a lane holds
 * too many partitions for slots, it gets one strip of bars instead.
 */
import type { TracePartition, TraceStage } from '../../../engine/spark/job-trace.ts';
import { clipText, formatBytes, formatCompact, formatCount, formatRecords } from '../format.ts';
import { MIN_FONT, attr, r, svgText, svgTitle, truncate } from '../svg.ts';
import type { Layout } from './layout.ts';
import { PAD, STAGE_FONT } from './layout.ts';
import { compareIds, maxOf } from './normalize.ts';
import { isSkewed, stageMedian } from './summarize.ts';

const BOX_GAP = 4;
const MAX_BOX_W = 28;
const MIN_BOX_W = 7;
/** Count labels over every slot only when the slots are wide enough for "1.2k" at the smallest font. */
const LABEL_ALL_W = 24;
/** A strip has at most this many bars; with more partitions, each bar stands for several neighbours. */
export const MAX_BARS = 64;
/** Room for an executor's label beside its lane ("Executor 1234"); a longer one is cut, its full text in a tooltip. */
const EXECUTOR_LABEL_W = 90;
/** The numbers under a stage's name; longer only for absurd counts. */
const STAGE_NUMBERS_CHARS = 30;

export interface PartitionMarks {
  svg: string[];
  usesStrip: boolean;
  usesSkew: boolean;
}

/** A label cut to `width`; when cut, it goes in a group whose tooltip has the full text. */
function fittedText(x: number, y: number, cls: string, content: string, width: number): string {
  const shown = truncate(content, width, MIN_FONT);
  const text = svgText(x, y, cls, shown);
  return shown === content ? text : `<g>${svgTitle(content)}${text}</g>`;
}

/** Stage headers over the columns and executor labels beside the lanes, with the lane cells. */
export function drawFrame(layout: Layout): string[] {
  const out: string[] = [];
  for (const { stage, col, headerY, nameLines } of layout.places.values()) {
    const hx = layout.colX[col] + 2;
    const total = stage.partitions.reduce((n, q) => n + q.records, 0);
    const lines = nameLines.map((line, i) => svgText(hx, headerY + 13 + i * 16, 'sd-fg sd-strong', line, ` font-size="${STAGE_FONT}"`));
    const numbers = `${formatCount(stage.partitions.length)} ${stage.partitions.length === 1 ? 'partition' : 'partitions'} · ${formatCompact(total)} rec`;
    out.push(`<g class="sd-stage" data-stage="${attr(stage.id)}">${svgTitle(`Stage ${stage.id}: ${stage.name}`)}${lines.join('')}` +
      svgText(hx, headerY + 13 + nameLines.length * 16, 'sd-muted', clipText(numbers, STAGE_NUMBERS_CHARS)) + '</g>');
  }
  for (const e of layout.executors) {
    const top = layout.laneTop(e.id);
    out.push(fittedText(PAD + 2, top + layout.laneH / 2 - 1, 'sd-fg sd-strong', `Executor ${e.id}`, EXECUTOR_LABEL_W));
    out.push(fittedText(PAD + 2, top + layout.laneH / 2 + 15, 'sd-muted', `${formatCount(e.cores)} ${e.cores === 1 ? 'core' : 'cores'}`, EXECUTOR_LABEL_W));
    for (let c = 0; c < layout.colCount; c++) {
      out.push(`<rect class="sd-cell" x="${r(layout.colX[c])}" y="${r(top)}" width="${r(layout.colW)}" height="${r(layout.laneH)}" rx="6"/>`);
    }
  }
  return out;
}

/** A stage's partitions on each drawn executor, by index: one pass over the stage. */
function byExecutor(stage: TraceStage, layout: Layout): TracePartition[][] {
  const lane = new Map(layout.executors.map((e, i) => [e.id, i]));
  const groups: TracePartition[][] = layout.executors.map(() => []);
  for (const q of stage.partitions) {
    const i = lane.get(q.executor);
    if (i !== undefined) groups[i].push(q);
  }
  for (const g of groups) g.sort((a, b) => compareIds(a.index, b.index));
  return groups;
}

export function drawPartitions(layout: Layout): PartitionMarks {
  const out: string[] = [];
  let usesStrip = false;
  let usesSkew = false;
  // Fill height is relative to the stage's largest partition.
  const fillHeight = (records: number, stageMax: number, slotH: number) =>
    records <= 0 ? 0 : Math.max(1.5, (slotH * records) / Math.max(1, stageMax));

  for (const place of layout.places.values()) {
    const { stage, col, subs } = place;
    const m = stageMedian(stage);
    const tag = subs > 1 ? clipText(`S${stage.id}`, 4) : '';
    const innerX = layout.colX[col] + 10 + (tag ? 24 : 0);
    const innerW = layout.colW - 20 - (tag ? 24 : 0);
    const byExec = byExecutor(stage, layout);
    const most = maxOf(byExec, (ps) => ps.length, 1);
    const boxW = Math.min(MAX_BOX_W, Math.floor((innerW - (most - 1) * BOX_GAP) / most));
    const strip = boxW < MIN_BOX_W;
    const skewedHere = (records: number) => isSkewed(records, m, stage.partitions.length);
    const stageMax = maxOf(stage.partitions, (q) => q.records, 0);

    layout.executors.forEach((e, i) => {
      const parts = byExec[i];
      const row = layout.subRow(place, e.id);
      if (tag) out.push(svgText(layout.colX[col] + 6, row.mid + 4, 'sd-muted sd-strong', tag));
      if (strip) {
        usesStrip = true;
        const total = parts.reduce((n, q) => n + q.records, 0);
        const group = [
          svgText(innerX, row.labelY, 'sd-muted', `${formatCount(parts.length)} partitions`),
          svgText(innerX + innerW, row.labelY, 'sd-muted', `${formatCompact(total)} rec`, ' text-anchor="end"'),
          `<rect class="sd-slot" x="${r(innerX)}" y="${r(row.slotY)}" width="${r(innerW)}" height="${r(row.slotH)}" rx="2"/>`,
        ];
        // Bin neighbours into bars at least 2 units wide; a bin shows its largest partition so skew still shows.
        const bins = Math.max(1, Math.min(parts.length, Math.floor(innerW / 2), MAX_BARS));
        const binW = innerW / bins;
        let normal = '';
        let skewed = '';
        for (let b = 0; b < bins && parts.length > 0; b++) {
          const members = parts.slice(Math.floor((b * parts.length) / bins), Math.floor(((b + 1) * parts.length) / bins));
          const top = maxOf(members, (q) => q.records, 0);
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
        out.push(`<g class="sd-strip" data-stage="${attr(stage.id)}" data-executor="${attr(e.id)}" data-partitions="${parts.length}">${group.join('')}</g>`);
        return;
      }
      const span = parts.length * boxW + (parts.length - 1) * BOX_GAP;
      const startX = innerX + (innerW - span) / 2;
      parts.forEach((q, k) => {
        const bx = startX + k * (boxW + BOX_GAP);
        const h = fillHeight(q.records, stageMax, row.slotH);
        const skew = skewedHere(q.records);
        if (skew) usesSkew = true;
        const tip = `${stage.name}, partition ${q.index} on executor ${q.executor}: ${formatRecords(q.records)}, ${formatBytes(q.bytes)}`;
        const marks = [svgTitle(tip),
          `<rect class="sd-slot" x="${r(bx)}" y="${r(row.slotY)}" width="${r(boxW)}" height="${r(row.slotH)}" rx="2"/>`];
        if (h > 0) {
          marks.push(`<rect class="${skew ? 'sd-skew' : 'sd-part'}" x="${r(bx)}" y="${r(row.slotY + row.slotH - h)}" width="${r(boxW)}" height="${r(h)}" rx="1.5"/>`);
        }
        if (skew || boxW >= LABEL_ALL_W) {
          marks.push(svgText(bx + boxW / 2, row.labelY, skew ? 'sd-skew-text' : 'sd-muted', formatCompact(q.records), ` font-size="${MIN_FONT}" text-anchor="middle"`));
        }
        out.push(`<g class="sd-partition${skew ? ' sd-skewed' : ''}" data-stage="${attr(stage.id)}" data-partition="${attr(q.index)}" data-executor="${attr(q.executor)}">${marks.join('')}</g>`);
      });
    });
  }
  return { svg: out, usesStrip, usesSkew };
}
