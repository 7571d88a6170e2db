/**
 * Draws a 'spark-job' trace as an SVG string: one lane per executor, stages as columns,
 * partitions as slots filled to their record count, shuffle arrows between lanes, and the
 * driver with the build side collected into it and broadcast out of it. Pure string building,
 * so it runs in Node at build time and in the browser after a Run. The trace comes from learner
 * code: it is normalized first (normalize.ts), and a big one is drawn in part (selection.ts), in
 * time linear in its size.
 */
import type { SparkJobTrace } from '../../../engine/spark/job-trace.ts';
import { clipText, escapeXml as esc } from '../format.ts';
import { safeId, svgText, truncate } from '../svg.ts';
import { drawLegendAndNotes } from './legend.ts';
import { NOTE_LINE, PAD, layOut } from './layout.ts';
import { id, normalizeTrace, text } from './normalize.ts';
import { drawFrame, drawPartitions } from './partitions.ts';
import { SPARK_JOB_SVG_CSS } from './style.ts';
import { describeSummary, summarizeTrace } from './summarize.ts';
import { drawDriver, drawShuffles } from './transfers.ts';

export interface SparkJobSvgOptions {
  /** Visible heading and accessible name; defaults to "Job <id>: <description>". */
  title?: string;
  /** Prefix for every id in the SVG, so several diagrams can share a page. */
  idPrefix?: string;
  /**
   * false: leave out the SVG's own <style>; the page provides the rules once instead.
   * Inserting a <style> restyles the whole document, which on a long lesson costs far more
   * than drawing the diagram, so diagrams drawn after a Run use this.
   */
  inlineStyle?: boolean;
}

/** Longest title made from the trace: the visible heading is cut to the picture's width anyway. */
const MAX_TITLE = 120;

export function sparkJobTitle(trace: SparkJobTrace): string {
  return clipText(`Job ${id(trace.jobId)}: ${text(trace.description)}`, MAX_TITLE);
}

/** The SVG and its natural width (it is shown at that width, never shrunk). */
export function renderSparkJobSvg(input: SparkJobTrace, options: SparkJobSvgOptions = {}): { svg: string; width: number } {
  const trace = normalizeTrace(input);
  const p = safeId(options.idPrefix ?? `sai-trace-${clipText(String(trace.jobId), 24)}`);
  const title = options.title ?? sparkJobTitle(trace);
  const layout = layOut(trace);
  const summary = summarizeTrace(trace);
  const marks = drawPartitions(layout);
  const notes = drawLegendAndNotes(trace, summary, layout, marks, layout.lanesBottom + 22);
  const { width } = layout;
  const height = notes.height;
  const body = [
    svgText(PAD, layout.titleY, 'sd-fg sd-strong', truncate(title, width - PAD * 2, 14), ' font-size="14"'),
    ...layout.leftOut.map((line, i) => svgText(PAD, layout.titleY + 18 + i * NOTE_LINE, 'sd-fg sd-left-out', line)),
    ...drawFrame(layout),
    ...marks.svg,
    ...drawShuffles(layout),
    ...drawDriver(layout),
    ...notes.svg,
  ];
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sai-trace" id="${p}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${p}-title ${p}-desc">`,
    `<title id="${p}-title">${esc(title)}</title>`,
    `<desc id="${p}-desc">${esc(describeSummary(summary, layout.selection))}</desc>`,
    ...(options.inlineStyle === false ? [] : [`<style>${SPARK_JOB_SVG_CSS}</style>`]),
    ...body,
    '</svg>',
  ].join('\n');
  return { svg, width };
}
