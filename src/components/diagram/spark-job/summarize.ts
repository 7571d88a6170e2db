/**
 * Turns a 'spark-job' trace into numbers and plain sentences: the caption under the diagram and
 * the longer text alternative (its <desc>), which starts with the caption. A screen-reader user
 * learns from the text what a sighted reader learns from the picture: where data sat, what crossed
 * the network (shuffles between executors, a build side collected to the driver and broadcast
 * back), and what was skewed.
 */
import type { SparkJobTrace, TraceExecutor, TracePartition, TraceStage } from '../../../engine/spark/job-trace.ts';
import { clipText, formatBytes, formatCount, formatRatio, formatRecords } from '../format.ts';
import { crossesNetwork } from './network.ts';
import { compareIds, normalizeTrace } from './normalize.ts';
import { MAX_EXECUTORS, leftOutSentence, selectDrawn, type Selection } from './selection.ts';

/**
 * A partition counts as skewed when it is this many times its stage's median, the same
 * factor Spark's AQE uses by default (spark.sql.adaptive.skewJoin.skewedPartitionFactor).
 */
export const SKEW_FACTOR = 5;

export interface Totals {
  records: number;
  bytes: number;
}

/** A broadcast join's build side on its way to the driver: the 'collect' transfers out of one stage. */
export interface CollectSummary {
  stage: number;
  /** Executors that sent a part of it. */
  fromExecutors: number;
  total: Totals;
}

/** Copies the driver sent to executors, grouped by the stage whose data they carry. */
export interface BroadcastSummary {
  fromStage: number;
  toStage: number;
  copies: number;
  /** Size of the largest copy (the copies of one broadcast are normally the same size). */
  copy: Totals;
  sameSizeCopies: boolean;
  total: Totals;
}

export interface LargestPartition {
  stageId: number;
  stageName: string;
  index: number;
  executor: number;
  records: number;
  bytes: number;
  /** Median records per partition in the same stage. */
  stageMedian: number;
  skewed: boolean;
}

export interface TraceSummary {
  executors: number;
  stages: number;
  partitions: number;
  /** Shuffle data that crossed the network (different executors). */
  shuffle: Totals;
  /** Shuffle data read by the executor that wrote it: no network. */
  localShuffle: Totals;
  collects: CollectSummary[];
  broadcasts: BroadcastSummary[];
  largest: LargestPartition | null;
  /** Headline sentences: the visible caption (the notes follow them). */
  headline: string[];
  /** One sentence per stage, and the largest partition when it is not news: the rest of the text alternative. */
  details: string[];
  /** The engine's notes, as sentences. */
  notes: string[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function stageMedian(stage: TraceStage): number {
  return median(stage.partitions.map((p) => p.records));
}

/** Skew needs a few partitions to compare with and a non-empty median to be meaningful. */
export function isSkewed(records: number, medianRecords: number, partitionCount: number): boolean {
  return partitionCount >= 3 && medianRecords > 0 && records >= SKEW_FACTOR * medianRecords;
}

/** Longest name or id a sentence repeats from the trace: the caption is shown in full, and a trace may name a stage with a page of text. */
const MAX_NAME = 100;

function named(value: unknown): string {
  return clipText(String(value), MAX_NAME);
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function sizeText(t: Totals): string {
  return `${formatRecords(t.records)} (${formatBytes(t.bytes)})`;
}

/** "to 1 executor", "to each of 4 executors". */
function toEach(n: number): string {
  return n === 1 ? 'to 1 executor' : `to each of ${formatCount(n)} executors`;
}

function addTo(t: Totals, x: { records: number; bytes: number }): void {
  t.records += x.records;
  t.bytes += x.bytes;
}

/** An engine note as a sentence: capital first letter, final full stop. */
export function asSentence(note: string): string {
  const s = note.trim();
  if (!s) return s;
  return s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}

function summarizeCollects(trace: SparkJobTrace): CollectSummary[] {
  const groups = new Map<number, { stage: number; from: Set<number>; total: Totals }>();
  for (const t of trace.transfers) {
    if (t.kind !== 'collect') continue;
    let g = groups.get(t.fromStage);
    if (!g) groups.set(t.fromStage, (g = { stage: t.fromStage, from: new Set(), total: { records: 0, bytes: 0 } }));
    g.from.add(t.fromExecutor);
    addTo(g.total, t);
  }
  return [...groups.values()].map((g) => ({ stage: g.stage, fromExecutors: g.from.size, total: g.total }));
}

function summarizeBroadcasts(trace: SparkJobTrace): BroadcastSummary[] {
  const groups = new Map<string, BroadcastSummary>();
  for (const t of trace.transfers) {
    if (t.kind !== 'broadcast' || !crossesNetwork(t)) continue;
    const key = `${t.fromStage}/${t.toStage}`;
    let g = groups.get(key);
    if (!g) {
      g = { fromStage: t.fromStage, toStage: t.toStage, copies: 0,
        copy: { records: t.records, bytes: t.bytes }, sameSizeCopies: true, total: { records: 0, bytes: 0 } };
      groups.set(key, g);
    }
    if (t.records !== g.copy.records || t.bytes !== g.copy.bytes) g.sameSizeCopies = false;
    g.copy = { records: Math.max(g.copy.records, t.records), bytes: Math.max(g.copy.bytes, t.bytes) };
    g.copies++;
    addTo(g.total, t);
  }
  return [...groups.values()];
}

/**
 * What went through the driver, in the order it happened: a build side collected (and, usually,
 * broadcast back as one copy per executor), or a value the driver broadcast on its own.
 */
function driverSentences(collects: CollectSummary[], broadcasts: BroadcastSummary[]): string[] {
  const sentences: string[] = [];
  const told = new Set<BroadcastSummary>();
  const byStage = new Map<number, BroadcastSummary[]>();
  for (const b of broadcasts) {
    const list = byStage.get(b.fromStage);
    if (list) list.push(b);
    else byStage.set(b.fromStage, [b]);
  }
  for (const c of collects) {
    const head = `The build side (${formatRecords(c.total.records)}, ${formatBytes(c.total.bytes)}) was collected from ` +
      `${plural(c.fromExecutors, 'executor')} to the driver`;
    const sent = byStage.get(c.stage) ?? [];
    if (sent.length === 0) {
      sentences.push(`${head}.`);
      continue;
    }
    sent.forEach((b) => told.add(b));
    const copies = sent.reduce((n, b) => n + b.copies, 0);
    const bytes = sent.reduce((n, b) => n + b.total.bytes, 0);
    sentences.push(`${head}, which broadcast a copy ${toEach(copies)}: ${formatBytes(bytes)} in total.`);
  }
  for (const b of broadcasts) {
    if (told.has(b)) continue;
    const copy = `${b.sameSizeCopies ? 'a copy' : 'copies'} of ${b.sameSizeCopies ? '' : 'up to '}${sizeText(b.copy)}`;
    sentences.push(`The driver broadcast ${copy} ${toEach(b.copies)}: ${formatBytes(b.total.bytes)} in total.`);
  }
  return sentences;
}

function findLargest(trace: SparkJobTrace): LargestPartition | null {
  let best: { stage: TraceStage; p: TracePartition } | null = null;
  for (const stage of trace.stages) {
    for (const p of stage.partitions) {
      // Ties keep the first partition found, so the sentence is stable.
      if (!best || p.records > best.p.records) best = { stage, p };
    }
  }
  if (!best) return null;
  const m = stageMedian(best.stage);
  return {
    stageId: best.stage.id, stageName: best.stage.name, index: best.p.index, executor: best.p.executor,
    records: best.p.records, bytes: best.p.bytes, stageMedian: m,
    skewed: isSkewed(best.p.records, m, best.stage.partitions.length),
  };
}

/** Below 2x the median a ratio is noise, not news; an otherwise empty stage is news. */
function isNews(l: LargestPartition): boolean {
  return (l.stageMedian > 0 && l.records >= 2 * l.stageMedian) || (l.stageMedian === 0 && l.records > 0);
}

function largestSentence(l: LargestPartition): string {
  const where = `stage ${named(l.stageId)} "${named(l.stageName)}", partition ${named(l.index)} on executor ${named(l.executor)}`;
  let s = `Largest partition: ${formatRecords(l.records)} (${where})`;
  if (l.stageMedian > 0 && l.records >= 2 * l.stageMedian) {
    s += `, ${formatRatio(l.records / l.stageMedian)} the median of its stage`;
    if (l.skewed) s += ': skewed';
  } else if (l.stageMedian === 0 && l.records > 0) {
    s += ', while the median partition of its stage is empty';
  }
  return s + '.';
}

/**
 * A stage's size, and its records on each executor (`executors` sorted by id). Like the picture,
 * the list stops after the first MAX_EXECUTORS: hundreds of numbers per stage tell a listener nothing.
 */
function stageSentence(executors: readonly TraceExecutor[], stage: TraceStage): string {
  const total: Totals = { records: 0, bytes: 0 };
  const onExecutor = new Map<number, number>();
  for (const p of stage.partitions) {
    addTo(total, p);
    onExecutor.set(p.executor, (onExecutor.get(p.executor) ?? 0) + p.records);
  }
  const listed = executors.slice(0, MAX_EXECUTORS).map((e) => formatCount(onExecutor.get(e.id) ?? 0));
  const head = `Stage ${named(stage.id)} "${named(stage.name)}": ${plural(stage.partitions.length, 'partition')}, ${sizeText(total)}`;
  if (listed.length <= 1) return `${head}.`;
  const which = executors.length > listed.length ? `on the first ${formatCount(listed.length)} of ${formatCount(executors.length)} executors` : 'per executor';
  return `${head}; records ${which}: ${listed.join(', ')}.`;
}

export function summarizeTrace(input: SparkJobTrace): TraceSummary {
  const trace = normalizeTrace(input);
  const shuffle: Totals = { records: 0, bytes: 0 };
  const localShuffle: Totals = { records: 0, bytes: 0 };
  for (const t of trace.transfers) {
    if (t.kind === 'shuffle') addTo(crossesNetwork(t) ? shuffle : localShuffle, t);
  }
  const collects = summarizeCollects(trace);
  const broadcasts = summarizeBroadcasts(trace);
  const largest = findLargest(trace);
  const partitions = trace.stages.reduce((n, s) => n + s.partitions.length, 0);

  const headline = [
    `${plural(trace.executors.length, 'executor')}, ${plural(trace.stages.length, 'stage')}, ${plural(partitions, 'partition')}.`,
  ];
  if (trace.strategy) headline.push(`Join strategy: ${named(trace.strategy)}.`);
  const hasShuffle = shuffle.records > 0 || shuffle.bytes > 0;
  const hasLocal = localShuffle.records > 0 || localShuffle.bytes > 0;
  if (hasShuffle) {
    headline.push(`Shuffle moved ${sizeText(shuffle)} between executors` +
      (hasLocal ? `; ${sizeText(localShuffle)} stayed on the executor that wrote them.` : '.'));
  } else if (hasLocal) {
    headline.push(`Shuffle data (${sizeText(localShuffle)}) stayed on the executor that wrote it: nothing crossed the network.`);
  } else if (collects.length > 0 || broadcasts.length > 0) {
    headline.push('No shuffle.');
  } else if (trace.stages.length > 0) {
    headline.push('Nothing crossed the network.');
  }
  headline.push(...driverSentences(collects, broadcasts));
  const executors = [...trace.executors].sort((a, b) => compareIds(a.id, b.id));
  const details = trace.stages.map((s) => stageSentence(executors, s));
  if (largest) (isNews(largest) ? headline : details).push(largestSentence(largest));

  return {
    executors: trace.executors.length, stages: trace.stages.length, partitions, shuffle, localShuffle,
    collects, broadcasts, largest, headline, details,
    notes: trace.notes.map(asSentence).filter(Boolean),
  };
}

/** Caption text: the headline and the engine's notes. */
export function captionText(summary: TraceSummary): string {
  return [...summary.headline, ...summary.notes].join(' ');
}

/** Full text alternative: the caption, what the picture leaves out (if anything), then one sentence per stage. */
export function describeTrace(trace: SparkJobTrace): string {
  return describeSummary(summarizeTrace(trace), selectDrawn(trace));
}

/** describeTrace, from a summary and a selection already made (the drawing has both). */
export function describeSummary(summary: TraceSummary, drawn: Selection): string {
  return [captionText(summary), leftOutSentence(drawn), ...summary.details].filter(Boolean).join(' ');
}
