/**
 * Stage headers, executor lanes and partitions. A partition is a slot filled to its record count
 * (relative to the stage's largest, so skew shows at once; labels give the counts); when a lane holds
 * too many partitions for slots, it gets one strip of bars instead.
 */
import { escapeXml as esc, formatBytes, formatCompact, formatCount, formatRecords } from '../format.ts';
import { MIN_FONT, attr, r, svgText } from '../svg.ts';
import type { Layout } from './layout.ts';
import { PAD, STAGE_FONT } from './layout.ts';
import { isSkewed, stageMedian } from './summarize.ts';

const BOX_GAP = 4;
const MAX_BOX_W = 28;
const MIN_BOX_W = 7;
/** Count labels over every slot only when the slots are wide enough for "1.2k" at the smallest font. */
const LABEL_ALL_W = 24;

export interface PartitionMarks {
  svg: string[];
  usesStrip: boolean;
  usesSkew: boolean;
}

/** Stage headers over the columns and executor labels beside the lanes, with the lane cells. */
export function drawFrame(layout: Layout): string[] {
  const out: string[] = [];
  for (const { stage, col, headerY, nameLines } of layout.places.values()) {
    const hx = layout.colX[col] + 2;
    const total = stage.partitions.reduce((n, q) => n + q.records, 0);
    const lines = nameLines.map((line, i) => svgText(hx, headerY + 13 + i * 16, 'sd-fg sd-strong', line, ` font-size="${STAGE_FONT}"`));
    const numbers = `${formatCount(stage.partitions.length)} ${stage.partitions.length === 1 ? 'partition' : 'partitions'} · ${formatCompact(total)} rec`;
    out.push(`<g class="sd-stage" data-stage="${attr(stage.id)}"><title>${esc(`Stage ${stage.id}: ${stage.name}`)}</title>${lines.join('')}` +
      svgText(hx, headerY + 13 + nameLines.length * 16, 'sd-muted', numbers) + '</g>');
  }
  for (const e of layout.executors) {
    const top = layout.laneTop(e.id);
    out.push(svgText(PAD + 2, top + layout.laneH / 2 - 1, 'sd-fg sd-strong', `Executor ${e.id}`));
    out.push(svgText(PAD + 2, top + layout.laneH / 2 + 15, 'sd-muted', `${formatCount(e.cores)} ${e.cores === 1 ? 'core' : 'cores'}`));
    for (let c = 0; c < layout.colCount; c++) {
      out.push(`<rect class="sd-cell" x="${r(layout.colX[c])}" y="${r(top)}" width="${r(layout.colW)}" height="${r(layout.laneH)}" rx="6"/>`);
    }
  }
  return out;
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
    const tag = subs > 1 ? `S${stage.id}` : '';
    const innerX = layout.colX[col] + 10 + (tag ? 24 : 0);
    const innerW = layout.colW - 20 - (tag ? 24 : 0);
    const byExec = layout.executors.map((e) => stage.partitions.filter((q) => q.executor === e.id).sort((a, b) => a.index - b.index));
    const most = Math.max(1, ...byExec.map((ps) => ps.length));
    const boxW = Math.min(MAX_BOX_W, Math.floor((innerW - (most - 1) * BOX_GAP) / most));
    const strip = boxW < MIN_BOX_W;
    const skewedHere = (records: number) => isSkewed(records, m, stage.partitions.length);
    const stageMax = Math.max(0, ...stage.partitions.map((q) => q.records));

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
        const marks = [`<title>${esc(tip)}</title>`,
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
