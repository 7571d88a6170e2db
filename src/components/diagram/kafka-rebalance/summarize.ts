/**
 * A rebalance in words: why it happened, which partitions moved, where their new owners start, and
 * what gets read twice or never; the text alternative adds one sentence per partition and the
 * members before and after.
 */
import type { KafkaRebalanceTrace } from '../../../engine/traces.ts';
import { clipText, formatCount } from '../format.ts';
import { spanSize, spanText } from '../kafka-shared/read.ts';
import { partitionLabel, readRebalance, type RebalanceView, type Row } from './normalize.ts';
import { leftOutSentence } from './selection.ts';

const LIST = 6;
const NAME = 60;
/** Partitions the description describes one by one. */
const DESCRIBED = 48;

const named = (s: string | null) => clipText(s ?? 'nobody', NAME);
const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

function listed(items: readonly string[]): string {
  if (items.length <= LIST) return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return `${items.slice(0, LIST).join(', ')} and ${formatCount(items.length - LIST)} more`;
}

const SOURCE: Record<string, string> = { committed: 'the committed offset', 'log-start': 'the log start (nothing committed, fromBeginning)', 'high-watermark': 'the high watermark (nothing committed)' };

export function startText(row: Row): string {
  if (row.start === null) return 'start not known';
  return `starts at ${formatCount(row.start)}${row.startSource ? `, ${SOURCE[row.startSource]}` : ''}`;
}

function causeText(view: RebalanceView): string {
  const who = listed(view.changed.map(named));
  if (view.changed.length === 0) return '';
  if (view.cause === 'join') return ` because ${who} joined`;
  if (view.cause === 'leave') return ` because ${who} left`;
  if (view.cause === 'expire') return ` because the session of ${who} expired`;
  return ` (${clipText(view.cause, NAME)}: ${who})`;
}

const generationText = (view: RebalanceView) =>
  view.generation.from === null || view.generation.to === null ? '' : ` (generation ${formatCount(view.generation.from)} → ${formatCount(view.generation.to)})`;

export function rebalanceCaption(trace: KafkaRebalanceTrace): string {
  const view = readRebalance(trace);
  const label = (row: Row) => partitionLabel(view, row);
  const sentences = [`Group ${named(view.groupId)} rebalanced at ${formatCount(view.time)} ms${generationText(view)}${causeText(view)}.`];
  const moved = view.rows.filter((row) => row.from !== row.to);
  if (view.rows.length === 0) sentences.push('The group reads no partitions.');
  else if (moved.length === 0) sentences.push(`None of its ${plural(view.rows.length, 'partition')} changed owner.`);
  else sentences.push(`${formatCount(moved.length)} of ${plural(view.rows.length, 'partition')} moved: ${listed(moved.map((row) => `${label(row)} ${named(row.from)} → ${named(row.to)}`))}.`);
  const reread = view.rows.filter((row) => row.reread);
  if (reread.length > 0) {
    const records = reread.reduce((n, row) => n + spanSize(row.reread!), 0);
    sentences.push(`${plural(records, 'record')} will be read again, read before the rebalance but not committed: ${listed(reread.map((row) => `${label(row)}:${spanText(row.reread!)}`))}.`);
  }
  const skipped = view.rows.filter((row) => row.skipped);
  if (skipped.length > 0) {
    const records = skipped.reduce((n, row) => n + spanSize(row.skipped!), 0);
    sentences.push(`${plural(records, 'record')} will never be read, the new owner starting past where the previous one stopped: ${listed(skipped.map((row) => `${label(row)}:${spanText(row.skipped!)}`))}.`);
  }
  const noStart = view.rows.filter((row) => row.start === null);
  if (noStart.length > 0) {
    sentences.push(`Where the new owner started is not known for ${listed(noStart.map(label))}: the picture was made after ${noStart.length === 1 ? 'it' : 'they'} began reading.`);
  }
  const unknown = view.rows.filter((row) => row.start !== null && row.from !== null && row.previousPosition === null);
  if (unknown.length > 0) {
    sentences.push(`Where the previous owner had got to is not known for ${listed(unknown.map(label))}: ${unknown.length === 1 ? 'it restarts' : 'they restart'} at the committed offset, and whatever had been read past it is read again.`);
  }
  if (reread.length === 0 && skipped.length === 0 && unknown.length === 0 && noStart.length === 0 && view.rows.length > 0) sentences.push('Nothing is read twice or skipped.');
  return sentences.join(' ');
}

function rowSentence(view: RebalanceView, row: Row): string {
  const owner = row.from === row.to ? `${named(row.to)} keeps it` : `${named(row.from)} → ${named(row.to)}`;
  const parts = [`${partitionLabel(view, row)}: ${owner}`, startText(row)];
  if (row.previousPosition !== null) parts.push(`previous position ${formatCount(row.previousPosition)}`);
  if (row.reread) parts.push(`reads ${spanText(row.reread)} again`);
  if (row.skipped) parts.push(`skips ${spanText(row.skipped)}`);
  return `${parts.join('; ')}.`;
}

function membersSentence(view: RebalanceView, which: 'before' | 'after'): string {
  const list = view[which];
  const text = list.length === 0 ? 'no members' : listed(list.map((m) => `${named(m.member)} (${m.partitions.length === 0 ? 'nothing' : listed(m.partitions.map((p) => partitionLabel(view, p)))})`));
  return `${which === 'before' ? 'Before' : 'After'}: ${text}.`;
}

export function rebalanceDescription(trace: KafkaRebalanceTrace): string {
  const view = readRebalance(trace);
  const rows = view.rows.slice(0, DESCRIBED).map((row) => rowSentence(view, row));
  if (view.rows.length > DESCRIBED) rows.push(`${plural(view.rows.length - DESCRIBED, 'more partition')} not described.`);
  return [rebalanceCaption(trace), leftOutSentence(view), membersSentence(view, 'before'), membersSentence(view, 'after'), ...rows].filter(Boolean).join(' ');
}
