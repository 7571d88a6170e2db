/**
 * The crash map in words: how many crash points there are and how each kind ended, the point a
 * check failed at, what the run without a crash did, and (in the text alternative) every crash
 * point that was not exact, up to a limit.
 */
import { clipText, formatCount } from '../format.ts';
import { leftOutSentence } from './selection.ts';
import { isDuplicate, isLoss, readCrashMap, type CrashMapView, type Point } from './normalize.ts';
import type { KafkaCrashMapTrace } from '../../../engine/traces.ts';

/** Non-exact points the description lists one by one. */
const LISTED = 40;
const TEXT = 200;

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** "crash after put(x), before commitOffsets(p0 -> 5): lost p0:0-4 (5 records)". */
export function pointText(p: Point): string {
  const what: string[] = [];
  if (isLoss(p.verdict)) what.push(`lost ${p.lost || 'records'}${p.lostRecords > 0 ? ` (${plural(p.lostRecords, 'record')})` : ''}`);
  const copies = p.duplicatedRecords === 1 ? '1 extra copy' : `${formatCount(p.duplicatedRecords)} extra copies`;
  if (isDuplicate(p.verdict)) what.push(`duplicated ${p.duplicated || 'records'}${p.duplicatedRecords > 0 ? ` (${copies})` : ''}`);
  return `${clipText(p.description || `crash ${p.when} call ${p.callIndex + 1}`, TEXT)}: ${what.length > 0 ? what.join(' and ') : 'exact'}`;
}

function counts(view: CrashMapView) {
  let exact = 0;
  let duplicate = 0;
  let lost = 0;
  let both = 0;
  for (const p of view.points) {
    if (p.verdict === 'exact') exact++;
    else if (p.verdict === 'duplicate') duplicate++;
    else if (p.verdict === 'lost') lost++;
    else both++;
  }
  return { exact, duplicate, lost, both };
}

export function crashMapCaption(trace: KafkaCrashMapTrace): string {
  const view = readCrashMap(trace);
  const sentences: string[] = [];
  if (view.calls.length === 0) sentences.push('The run made no crashable calls, so there was no crash point to try.');
  else {
    const c = counts(view);
    let text = `${plural(view.points.length, 'crash point')} (before and after each of ${plural(view.calls.length, 'call')}): ${formatCount(c.exact)} exact, ` +
      `${formatCount(c.duplicate + c.both)} with duplicates, ${formatCount(c.lost + c.both)} with lost records`;
    if (c.both > 0) text += ` (${formatCount(c.both)} both)`;
    sentences.push(`${text}.`);
  }
  if (view.clean && view.clean.verdict !== 'exact') {
    const parts = [view.clean.lost ? `lost ${view.clean.lost}` : '', view.clean.duplicated ? `duplicated ${view.clean.duplicated}` : ''].filter(Boolean);
    sentences.push(`Even without a crash the sink was not exact (${parts.join(' and ') || view.clean.verdict}), so every crash point inherits that.`);
  }
  const highlighted = view.highlight === null ? undefined : view.points[view.highlight];
  if (highlighted) sentences.push(`The check failed at the ringed point: ${pointText(highlighted)}.`);
  const firstLoss = view.points.find((p) => isLoss(p.verdict));
  const firstDup = view.points.find((p) => isDuplicate(p.verdict));
  if (firstLoss && firstLoss !== highlighted) sentences.push(`First loss: ${pointText(firstLoss)}.`);
  if (firstDup && firstDup !== highlighted && firstDup !== firstLoss) sentences.push(`First duplicate: ${pointText(firstDup)}.`);
  if (view.pairs && view.pairs.runs > 0) {
    const p = view.pairs;
    sentences.push(`Crashing twice: ${plural(p.runs, 'run')}, ${formatCount(p.exact)} exact, ${formatCount(p.duplicate)} with duplicates, ${formatCount(p.lost)} with lost records.`);
  }
  if (view.unplaced > 0) sentences.push(`${plural(view.unplaced, 'crash point')} of the trace could not be placed on the timeline.`);
  return sentences.join(' ');
}

export function crashMapDescription(trace: KafkaCrashMapTrace): string {
  const view = readCrashMap(trace);
  const bad = view.points.filter((p) => p.verdict !== 'exact');
  const lines = bad.slice(0, LISTED).map((p) => `${pointText(p)}.`);
  if (bad.length > LISTED) lines.push(`${plural(bad.length - LISTED, 'more crash point')} not listed.`);
  if (bad.length > 0 && bad.length < view.points.length) lines.push('Every other crash point is exact.');
  return [crashMapCaption(trace), leftOutSentence(view), ...lines].filter(Boolean).join(' ');
}
