/**
 * Where everything of a 'spark-job' diagram goes: one lane per executor, stages as columns (a
 * stage's column is its depth in the transfer graph), gutters between columns for the arrows, and
 * the driver as a node above the lanes in the gutter where a build side is collected and broadcast.
 * Of a big trace only part is placed (selection.ts), with a note under the title saying what was
 * left out. Pure geometry: drawing happens in the other files of this folder.
 */
import type { SparkJobTrace, TraceExecutor, TraceStage, TraceTransfer } from '../../../engine/spark/job-trace.ts';
import { MIN_FONT, wrap } from '../svg.ts';
import { isDriver } from './network.ts';
import { leftOutSentence, selectDrawn, type Selection } from './selection.ts';

// Sizes in viewBox units, which are CSS pixels: the diagram is shown at 1:1 (scrolling when wider).
export const PAD = 12;
const LABEL_W = 80;
const COL_W = 156;
export const GUTTER_W = 88;
/** A gutter with the driver in it holds two fans of arrows (collect, then broadcast). */
const DRIVER_GUTTER_W = 136;
const MIN_W = 360;
const SUB_H = 54;
const LANE_GAP = 8;
/** Lane gap when shuffles skip a column: they travel in the gap under their source lane. */
const CHANNEL_GAP = 16;
export const STAGE_FONT = 13;
const STAGE_LINE = 16;
export const NOTE_LINE = 16;
export const DRIVER_W = 76;
export const DRIVER_H = 22;

export interface StagePlace {
  stage: TraceStage;
  col: number;
  /** Position among the stages sharing the column, top to bottom inside each lane. */
  sub: number;
  subs: number;
  /** Top of its header block and its name, wrapped. */
  headerY: number;
  nameLines: string[];
}

export interface SubRow {
  labelY: number;
  slotY: number;
  slotH: number;
  mid: number;
}

export interface Layout {
  width: number;
  titleY: number;
  /** What the picture leaves out, wrapped, drawn under the title (none when it shows everything). */
  leftOut: string[];
  selection: Selection;
  executors: TraceExecutor[];
  colCount: number;
  colW: number;
  colX: number[];
  /** gutters[k] is the space before column k; gutters[colCount] the space after the last one. */
  gutters: number[];
  places: Map<number, StagePlace>;
  lanesTop: number;
  laneH: number;
  lanesBottom: number;
  /** Transfers drawn as arrows: ones that crossed the network, as many as the picture has room for. */
  drawn: TraceTransfer[];
  laneTop(executor: number): number;
  /** The y of the gap under an executor's lane, where shuffles that skip columns travel. */
  channelY(executor: number): number;
  subRow(place: StagePlace, executor: number): SubRow;
  /** The gutter holding the driver node that a collect or broadcast transfer meets, if placed. */
  driverGutter(t: TraceTransfer): number | undefined;
  /** Centre x and bottom y of the driver node in gutter k. */
  driverAt(k: number): { x: number; bottom: number };
  driverGutters: number[];
}

export function layOut(trace: SparkJobTrace): Layout {
  const selection = selectDrawn(trace);
  const { executors, columns, colOf, driverGutter } = selection;
  const colCount = Math.max(1, columns.length);
  const maxSubs = columns.reduce((most, c) => Math.max(most, c.length), 1);
  const drawn = selection.arrows;

  const driverGutters = [...new Set(driverGutter.values())].sort((a, b) => a - b);
  const incoming0 = drawn.some((t) => t.kind === 'shuffle' && colOf.get(t.toStage) === 0);
  const gutters = Array.from({ length: colCount + 1 }, (_, k): number => {
    if (driverGutters.includes(k)) return DRIVER_GUTTER_W;
    return (k > 0 && k < colCount) || (k === 0 && incoming0) ? GUTTER_W : 0;
  });

  // Horizontal: label column, then [gutter] column [gutter] column ... [gutter].
  const fixed = PAD * 2 + LABEL_W + gutters.reduce((a, b) => a + b, 0);
  const colW = Math.max(COL_W, Math.floor((MIN_W - fixed) / colCount));
  const colX: number[] = [];
  let x = PAD + LABEL_W;
  for (let c = 0; c < colCount; c++) {
    x += gutters[c];
    colX.push(x);
    x += colW;
  }
  const width = x + gutters[colCount] + PAD;

  // Vertical: title, what was left out, stage headers (name on up to three lines, then a line of numbers), lanes.
  const titleY = PAD + 14;
  const sentence = leftOutSentence(selection);
  const leftOut = sentence ? wrap(sentence, width - PAD * 2, MIN_FONT) : [];
  const headerTop = titleY + 18 + leftOut.length * NOTE_LINE;
  const places = new Map<number, StagePlace>();
  let headerH = DRIVER_H + 8;
  columns.forEach((stages, col) => {
    let y = headerTop;
    stages.forEach((stage, sub) => {
      const nameLines = wrap(`Stage ${stage.id}: ${stage.name}`, colW - 4, STAGE_FONT, 3);
      places.set(stage.id, { stage, col, sub, subs: stages.length, headerY: y, nameLines });
      y += nameLines.length * STAGE_LINE + 20;
    });
    headerH = Math.max(headerH, y - headerTop);
  });
  const lanesTop = headerTop + headerH + 4;
  const laneH = 12 + maxSubs * SUB_H;
  const skips = drawn.some((t) => {
    const from = colOf.get(t.fromStage);
    const to = colOf.get(t.toStage);
    return t.kind === 'shuffle' && from !== undefined && to !== undefined && to - from > 1;
  });
  const gap = skips ? CHANNEL_GAP : LANE_GAP;
  const index = new Map(executors.map((e, i) => [e.id, i]));
  const laneTop = (e: number) => lanesTop + (index.get(e) ?? 0) * (laneH + gap);
  const lanesBottom = lanesTop + executors.length * (laneH + gap) - (skips ? 0 : gap);

  return {
    width, titleY, leftOut, selection, executors, colCount, colW, colX, gutters, places, lanesTop, laneH, lanesBottom, drawn,
    laneTop,
    channelY: (e) => laneTop(e) + laneH + gap / 2,
    subRow(place, e) {
      const top = laneTop(e) + 6;
      const h = (laneH - 12) / place.subs;
      const y = top + place.sub * h;
      const slotH = Math.min(34, h - 20);
      return { labelY: y + 13, slotY: y + 18, slotH, mid: y + 18 + slotH / 2 };
    },
    driverGutter: (t) => (isDriver(t.fromExecutor) || isDriver(t.toExecutor) ? driverGutter.get(t) : undefined),
    driverAt(k) {
      const right = k < colCount ? colX[k] : colX[colCount - 1] + colW + gutters[colCount];
      return { x: right - gutters[k] / 2, bottom: lanesTop - 6 };
    },
    driverGutters,
  };
}
