/**
 * What the diagram draws of a trace, and what it leaves out. Results come from learner code, so a
 * trace may hold hundreds of executors, stages or partitions and tens of thousands of transfers;
 * the picture keeps to a few lanes, columns and arrows (more would not be readable, and a page
 * that inserts megabytes of SVG freezes), and says in a note what it left out. The caption and the
 * text alternative still count the whole trace. One pass over the trace, plus sorting the arrows
 * that could be drawn when there are too many.
 */
import type { SparkJobTrace, TraceExecutor, TraceStage, TraceTransfer } from '../../../engine/spark/job-trace.ts';
import { formatCount } from '../format.ts';
import { stageColumns } from './columns.ts';
import { crossesNetwork, isDriver } from './network.ts';
import { compareIds, normalizeTrace } from './normalize.ts';

/** Lanes: the executors with the lowest ids. 16 lanes is a tall but still legible picture. */
export const MAX_EXECUTORS = 16;
/** Columns of stages, from the sources on; 8 is about 2,000 units wide. */
export const MAX_COLUMNS = 8;
/** Stages sharing a column share each lane's height too. */
export const MAX_STAGES_PER_COLUMN = 4;
/** Arrows of all kinds; past this the gutters are solid ink anyway. */
export const MAX_ARROWS = 200;

export interface Shown {
  shown: number;
  of: number;
}

export interface Selection {
  executors: TraceExecutor[];
  /** The drawn stages by column, each column in trace order. */
  columns: TraceStage[][];
  /** Column of each drawn stage. */
  colOf: Map<number, number>;
  /** Transfers drawn as arrows, in trace order. */
  arrows: TraceTransfer[];
  /** The gutter of the driver node that each drawn collect or broadcast meets. */
  driverGutter: Map<TraceTransfer, number>;
  /** How much of the trace the picture shows; transfers count those that crossed the network (only they could be arrows). */
  counts: { executors: Shown; stages: Shown; partitions: Shown; transfers: Shown };
}

/** When there are too many arrows: the driver's first (a few, and they tell the broadcast story), then the largest shuffles. */
function byWeight(a: TraceTransfer, b: TraceTransfer): number {
  const driverFirst = Number(a.kind === 'shuffle') - Number(b.kind === 'shuffle');
  return driverFirst || b.bytes - a.bytes || b.records - a.records;
}

export function selectDrawn(input: SparkJobTrace): Selection {
  const trace = normalizeTrace(input);
  const executors = [...trace.executors].sort((a, b) => compareIds(a.id, b.id)).slice(0, MAX_EXECUTORS);
  const lanes = new Set(executors.map((e) => e.id));

  // Columns have no gaps and each has a stage, so the first MAX_COLUMNS are columns 0..n-1.
  const allColumns = stageColumns(trace);
  const columns: TraceStage[][] = [];
  const colOf = new Map<number, number>();
  for (const s of trace.stages) {
    const c = allColumns.get(s.id) ?? 0;
    if (c >= MAX_COLUMNS) continue;
    while (columns.length <= c) columns.push([]);
    if (columns[c].length >= MAX_STAGES_PER_COLUMN) continue;
    columns[c].push(s);
    colOf.set(s.id, c);
  }

  let partitions = 0;
  let shownPartitions = 0;
  for (const s of trace.stages) {
    partitions += s.partitions.length;
    if (!colOf.has(s.id)) continue;
    for (const p of s.partitions) if (lanes.has(p.executor)) shownPartitions++;
  }

  // The driver node sits in the gutter before the column its broadcast feeds; a build side that was
  // collected but never broadcast goes to the gutter right after its own column.
  const broadcastInto = new Map<number, number>();
  for (const t of trace.transfers) {
    const to = colOf.get(t.toStage);
    if (t.kind === 'broadcast' && to !== undefined && !broadcastInto.has(t.fromStage)) broadcastInto.set(t.fromStage, to);
  }
  const gutterOf = (t: TraceTransfer): number | undefined => {
    if (t.kind === 'broadcast') return colOf.get(t.toStage);
    const from = colOf.get(t.fromStage);
    return broadcastInto.get(t.fromStage) ?? (from === undefined ? undefined : from + 1);
  };
  const drawable = (t: TraceTransfer): boolean => {
    switch (t.kind) {
      case 'shuffle': return lanes.has(t.fromExecutor) && lanes.has(t.toExecutor) && colOf.has(t.toStage);
      case 'collect': return isDriver(t.toExecutor) && lanes.has(t.fromExecutor) && colOf.has(t.fromStage);
      case 'broadcast': return isDriver(t.fromExecutor) && lanes.has(t.toExecutor) && colOf.has(t.toStage);
      default: return false;
    }
  };

  let network = 0;
  let candidates: TraceTransfer[] = [];
  for (const t of trace.transfers) {
    if (!crossesNetwork(t)) continue;
    network++;
    if (drawable(t)) candidates.push(t);
  }
  if (candidates.length > MAX_ARROWS) {
    const keep = new Set([...candidates].sort(byWeight).slice(0, MAX_ARROWS));
    candidates = candidates.filter((t) => keep.has(t));
  }
  const driverGutter = new Map<TraceTransfer, number>();
  for (const t of candidates) {
    const k = t.kind === 'shuffle' ? undefined : gutterOf(t);
    if (k !== undefined) driverGutter.set(t, k);
  }

  return {
    executors, columns, colOf, arrows: candidates, driverGutter,
    counts: {
      executors: { shown: executors.length, of: trace.executors.length },
      stages: { shown: colOf.size, of: trace.stages.length },
      partitions: { shown: shownPartitions, of: partitions },
      transfers: { shown: candidates.length, of: network },
    },
  };
}

const some = (s: Shown, noun: string) => `${formatCount(s.shown)} of ${formatCount(s.of)} ${noun}`;

/**
 * What the picture leaves out, as one sentence ('' when it shows everything): shown under the
 * title and added to the text alternative. Local shuffle reads are never arrows and have their own note.
 */
export function leftOutSentence({ counts }: Selection): string {
  const showing: string[] = [];
  if (counts.executors.shown < counts.executors.of) showing.push(some(counts.executors, 'executors'));
  if (counts.stages.shown < counts.stages.of) showing.push(some(counts.stages, 'stages'));
  const missing: string[] = [];
  const { partitions, transfers } = counts;
  if (partitions.shown < partitions.of) missing.push(some({ shown: partitions.of - partitions.shown, of: partitions.of }, 'partitions'));
  if (transfers.shown < transfers.of) missing.push(some({ shown: transfers.of - transfers.shown, of: transfers.of }, 'network transfers'));
  const clauses = [
    showing.length > 0 ? `Showing ${showing.join(' and ')}` : '',
    missing.length > 0 ? `${missing.join(' and ')} not drawn` : '',
  ].filter(Boolean);
  if (clauses.length === 0) return '';
  const s = clauses.join('; ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}
