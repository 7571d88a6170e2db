/**
 * Under the lanes: a legend of only what this diagram uses, the join strategy, and what the
 * picture leaves out. The engine's notes are in the caption next to the picture (and in its
 * <desc>), so they are not drawn again where a narrow screen would have to scroll to read them.
 */
import type { SparkJobTrace } from '../../../engine/spark/job-trace.ts';
import { escapeXml as esc, formatBytes, formatRecords } from '../format.ts';
import { MIN_FONT, r, svgText, truncate, wrap } from '../svg.ts';
import type { Layout } from './layout.ts';
import { PAD } from './layout.ts';
import type { PartitionMarks } from './partitions.ts';
import { SKEW_FACTOR, type TraceSummary } from './summarize.ts';

interface Item {
  swatch: string;
  label: string;
  w: number;
}

const SLOT = '<rect class="sd-slot" x="0" y="-11" width="12" height="16" rx="2"/>';

function items(layout: Layout, marks: PartitionMarks): Item[] {
  const list: Item[] = [{ w: 12, label: 'partition: fill = records (vs. largest in stage)',
    swatch: `${SLOT}<rect class="sd-part" x="0" y="-3" width="12" height="8" rx="1.5"/>` }];
  if (marks.usesSkew) {
    list.push({ w: 12, label: `skewed: ≥ ${SKEW_FACTOR}x the stage median`,
      swatch: `${SLOT}<rect class="sd-skew" x="0" y="-11" width="12" height="16" rx="1.5"/>` });
  }
  if (marks.usesStrip) {
    list.push({ w: 26, label: 'many partitions: bar height = records', swatch:
      '<rect class="sd-slot" x="0" y="-11" width="26" height="16" rx="2"/><path class="sd-part" d="M0 5h4v-6h-4ZM5 5h4v-9h-4ZM10 5h4v-5h-4ZM15 5h4v-7h-4ZM20 5h4v-4h-4Z"/>' });
  }
  const kinds = new Set(layout.drawn.map((t) => t.kind));
  if (kinds.has('shuffle')) {
    list.push({ w: 30, label: 'shuffle: width = bytes', swatch:
      '<path class="sd-shuffle" stroke-width="3" d="M0 -3H20"/><path class="sd-shuffle-head" d="M30 -3L19 -9L19 3Z"/>' });
  }
  if (kinds.has('collect')) {
    list.push({ w: 30, label: 'collect to the driver (dotted)', swatch:
      '<path class="sd-collect" stroke-width="2" d="M1 -3H21"/><path class="sd-collect-head" d="M30 -3L21 -8L21 2Z"/>' });
  }
  if (kinds.has('broadcast')) {
    list.push({ w: 30, label: 'broadcast copy (dashed)', swatch:
      '<path class="sd-broadcast" stroke-width="2" d="M0 -3H21"/><path class="sd-broadcast-head" d="M30 -3L21 -8L21 2Z"/>' });
  }
  return list;
}

/** Draws the legend and notes from `top`; returns the SVG and the height the picture needs. */
export function drawLegendAndNotes(trace: SparkJobTrace, summary: TraceSummary, layout: Layout, marks: PartitionMarks, top: number): { svg: string[]; height: number } {
  const { width } = layout;
  const out: string[] = [];
  const legend: string[] = [];
  let lx = PAD;
  let ly = top;
  for (const item of items(layout, marks)) {
    const itemW = item.w + 8 + item.label.length * MIN_FONT * 0.56 + 20;
    if (lx > PAD && lx + itemW > width - PAD) {
      lx = PAD;
      ly += 22;
    }
    legend.push(`<g transform="translate(${r(lx)} ${r(ly)})">${item.swatch}${svgText(item.w + 8, 0, 'sd-fg', item.label)}</g>`);
    lx += itemW;
  }
  out.push(`<g class="sd-legend">${legend.join('')}</g>`);

  const lines: Array<{ content: string; cls: string }> = [];
  if (trace.strategy) lines.push({ content: truncate(`Join strategy: ${trace.strategy}`, width - PAD * 2, MIN_FONT), cls: 'sd-fg sd-strong' });
  const notes: string[] = [];
  if (summary.localShuffle.records > 0 || summary.localShuffle.bytes > 0) {
    notes.push(`Local shuffle reads (same executor, no network, not drawn): ${formatRecords(summary.localShuffle.records)}, ${formatBytes(summary.localShuffle.bytes)}.`);
  }
  for (const note of notes) {
    wrap(note, width - PAD * 2 - 12, MIN_FONT).forEach((l, i) => lines.push({ content: (i === 0 ? '• ' : '  ') + l, cls: 'sd-fg' }));
  }
  let ny = ly + 30;
  if (lines.length > 0) out.push(`<line class="sd-rule" x1="${PAD}" x2="${r(width - PAD)}" y1="${r(ny - 16)}" y2="${r(ny - 16)}"/>`);
  const noteText: string[] = [];
  for (const l of lines) {
    noteText.push(`<text x="${PAD}" y="${r(ny)}" class="${l.cls}" xml:space="preserve">${esc(l.content)}</text>`);
    ny += 17;
  }
  out.push(`<g class="sd-notes">${noteText.join('')}</g>`);
  return { svg: out, height: Math.ceil(lines.length > 0 ? ny - 17 + PAD : ly + PAD) };
}
