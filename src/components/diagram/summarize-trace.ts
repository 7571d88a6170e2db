/**
 * Turns a JobTrace into numbers and plain sentences: the <desc> of the diagram and the
 * caption under it. A screen-reader user should learn from the text what a sighted reader
 * learns from the picture: where data sat, what crossed the network, and what was skewed.
 */
import type { SparkJobTrace as JobTrace, TracePartition, TraceStage, TraceTransfer } from '../../engine/spark/job-trace.ts';
import { formatBytes, formatCount, formatRatio, formatRecords } from './format.ts';

/**
 * A partition counts as skewed when it is this many times its stage's median, the same
 * factor Spark's AQE uses by default (spark.sql.adaptive.skewJoin.skewedPartitionFactor).
 */
export const SKEW_FACTOR = 5;

export interface Totals {
  records: number;
  bytes: number;
}

export interface BroadcastSummary {
  fromStage: number;
  toStage: number;
  /** Executor id, or null when the value came from the driver. */
  fromExecutor: number | null;
  copies: number;
  /** Size of the largest copy (all copies are normally the same size). */
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
  broadcasts: BroadcastSummary[];
  largest: LargestPartition | null;
  /** Headline sentences: the visible caption. */
  headline: string[];
  /** One sentence per stage, for the full text alternative. */
  stageDetails: string[];
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

/** A transfer is cross-executor when both ends differ; broadcasts from the driver always are. */
export function crossesNetwork(t: TraceTransfer): boolean {
  return t.fromExecutor !== t.toExecutor;
}

/** Broadcast sources that are not executors (the engine's convention: the driver, e.g. id -1). */
export function isDriver(trace: JobTrace, executorId: number): boolean {
  return !trace.executors.some((e) => e.id === executorId);
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

function sizeText(t: Totals): string {
  return `${formatRecords(t.records)} (${formatBytes(t.bytes)})`;
}

function addTo(t: Totals, x: { records: number; bytes: number }): void {
  t.records += x.records;
  t.bytes += x.bytes;
}

export function stageLabel(stage: TraceStage): string {
  return `stage ${stage.id} "${stage.name}"`;
}

function summarizeBroadcasts(trace: JobTrace): BroadcastSummary[] {
  const groups = new Map<string, BroadcastSummary>();
  for (const t of trace.transfers) {
    if (t.kind !== 'broadcast' || !crossesNetwork(t)) continue;
    const from = isDriver(trace, t.fromExecutor) ? null : t.fromExecutor;
    const key = `${t.fromStage}/${t.toStage}/${from}`;
    let g = groups.get(key);
    if (!g) {
      g = { fromStage: t.fromStage, toStage: t.toStage, fromExecutor: from, copies: 0,
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

function findLargest(trace: JobTrace): LargestPartition | null {
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

function largestSentence(l: LargestPartition): string {
  const where = `stage ${l.stageId} "${l.stageName}", partition ${l.index} on executor ${l.executor}`;
  let s = `Largest partition: ${formatRecords(l.records)} (${where})`;
  // Below 2x the median a ratio is noise, not news.
  if (l.stageMedian > 0 && l.records >= 2 * l.stageMedian) {
    s += `, ${formatRatio(l.records / l.stageMedian)} the median of its stage`;
    if (l.skewed) s += ': skewed';
  } else if (l.stageMedian === 0 && l.records > 0) {
    s += ', while the median partition of its stage is empty';
  }
  return s + '.';
}

function stageSentence(trace: JobTrace, stage: TraceStage): string {
  const total: Totals = { records: 0, bytes: 0 };
  for (const p of stage.partitions) addTo(total, p);
  const perExecutor = trace.executors
    .map((e) => formatCount(stage.partitions.filter((p) => p.executor === e.id).reduce((n, p) => n + p.records, 0)));
  const head = `Stage ${stage.id} "${stage.name}": ${plural(stage.partitions.length, 'partition')}, ${sizeText(total)}`;
  return perExecutor.length > 1 ? `${head}; records per executor: ${perExecutor.join(', ')}.` : `${head}.`;
}

export function summarizeTrace(trace: JobTrace): TraceSummary {
  const shuffle: Totals = { records: 0, bytes: 0 };
  const localShuffle: Totals = { records: 0, bytes: 0 };
  for (const t of trace.transfers) {
    if (t.kind === 'shuffle') addTo(crossesNetwork(t) ? shuffle : localShuffle, t);
  }
  const broadcasts = summarizeBroadcasts(trace);
  const largest = findLargest(trace);
  const partitions = trace.stages.reduce((n, s) => n + s.partitions.length, 0);

  const headline = [
    `${plural(trace.executors.length, 'executor')}, ${plural(trace.stages.length, 'stage')}, ${plural(partitions, 'partition')}.`,
  ];
  if (trace.strategy) headline.push(`Join strategy: ${trace.strategy}.`);
  const hasShuffle = shuffle.records > 0 || shuffle.bytes > 0;
  const hasLocal = localShuffle.records > 0 || localShuffle.bytes > 0;
  if (hasShuffle) {
    headline.push(`Shuffle moved ${sizeText(shuffle)} between executors` +
      (hasLocal ? `; ${sizeText(localShuffle)} stayed on the executor that wrote them.` : '.'));
  } else if (hasLocal) {
    headline.push(`Shuffle data (${sizeText(localShuffle)}) stayed on the executor that wrote it: nothing crossed the network.`);
  } else if (broadcasts.length > 0) {
    headline.push('No shuffle.');
  }
  for (const b of broadcasts) {
    const source = b.fromExecutor === null ? 'the driver' : `executor ${b.fromExecutor}`;
    const upTo = b.sameSizeCopies ? '' : 'up to ';
    headline.push(`Broadcast copied ${upTo}${sizeText(b.copy)} from ${source} to ${plural(b.copies, 'executor')}: ` +
      `${formatBytes(b.total.bytes)} in total.`);
  }
  if (largest) headline.push(largestSentence(largest));

  return {
    executors: trace.executors.length, stages: trace.stages.length, partitions, shuffle, localShuffle,
    broadcasts, largest, headline,
    stageDetails: trace.stages.map((s) => stageSentence(trace, s)),
    notes: [...trace.notes],
  };
}

/** Caption text: the headline and the engine's notes. */
export function captionText(summary: TraceSummary): string {
  return [...summary.headline, ...summary.notes].join(' ');
}

/** Full text alternative: headline, one sentence per stage, then the notes. */
export function describeTrace(trace: JobTrace): string {
  const s = summarizeTrace(trace);
  return [...s.headline, ...s.stageDetails, ...s.notes].join(' ');
}
