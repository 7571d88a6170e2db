/**
 * The partitions picture in words: the caption (what the log holds, where each group stands, what
 * the sink holds) and the text alternative, which adds one sentence per partition. Lists stop
 * after a few entries and say how many more there are, so a big trace gives a readable caption.
 */
import { clipText, formatCount, formatRecords } from '../format.ts';
import { spanSize, spanText, type Span } from '../kafka-shared/read.ts';
import { coverage } from './coverage.ts';
import { readPartitions, type Markers, type PartitionsView, type Strip } from './normalize.ts';
import { leftOutSentence, selectStrips } from './selection.ts';

/** Entries a caption list names before "and n more". */
const LIST = 6;
/** Partitions and groups the caption speaks of; the description goes on to DESCRIBED partitions. */
const CAPTION_GROUPS = 3;
const DESCRIBED = 24;
/** Objects named per partition in the description. */
const OBJECTS_NAMED = 12;
/** Longest name repeated from the trace. */
const NAME = 60;

const named = (s: string) => clipText(s, NAME);
const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** "a, b, c and 4 more". */
function listed(items: readonly string[], max = LIST): string {
  if (items.length <= max) return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  return `${items.slice(0, max).join(', ')} and ${formatCount(items.length - max)} more`;
}

/** 'p0' within one topic, 'orders p0' when the trace has several. */
function label(view: PartitionsView, strip: Strip): string {
  const topics = new Set(view.strips.map((s) => s.topic));
  return topics.size > 1 ? `${named(strip.topic)} p${named(strip.partition)}` : `p${named(strip.partition)}`;
}

/** "p0:5-9, p1:3" for ranges of offsets by partition. */
function ranges(view: PartitionsView, per: ReadonlyArray<[Strip, Span[]]>): string {
  const items = per.flatMap(([strip, spans]) => (spans.length === 0 ? [] : [`${label(view, strip)}:${spans.slice(0, LIST).map(spanText).join(', ')}${spans.length > LIST ? ', ...' : ''}`]));
  return listed(items);
}

function logSentence(view: PartitionsView): string {
  const topics = new Map<string, Strip[]>();
  for (const s of view.strips) topics.set(s.topic, [...(topics.get(s.topic) ?? []), s]);
  if (topics.size === 0) return 'The cluster has no topics.';
  const sentences = [...topics].slice(0, LIST).map(([topic, strips]) => {
    const records = strips.reduce((n, s) => n + s.highWatermark, 0);
    const hws = strips.map((s) => `p${named(s.partition)} ${formatCount(s.highWatermark)}`);
    return `${named(topic)} has ${plural(strips.length, 'partition')} holding ${formatRecords(records)} (high watermarks: ${listed(hws)}).`;
  });
  if (topics.size > LIST) sentences.push(`${formatCount(topics.size - LIST)} more topics.`);
  return sentences.join(' ');
}

function groupSentence(view: PartitionsView, groupId: string): string {
  const on = view.strips.flatMap((strip) => strip.groups.filter((g) => g.groupId === groupId).map((g): [Strip, Markers] => [strip, g]));
  const committed = on.map(([s, g]) => `${label(view, s)} ${g.committed === null ? 'none' : formatCount(g.committed)}`);
  const positions = on.filter(([, g]) => g.position !== null).map(([s, g]) => `${label(view, s)} ${formatCount(g.position!)}`);
  const flight = on.filter(([, g]) => g.inFlight !== null).map(([s, g]) => `${label(view, s)}:${spanText(g.inFlight!)}`);
  let text = `Group ${named(groupId)} committed ${listed(committed)} (the next ${on.length === 1 ? 'offset' : 'offsets'} to read after a restart)`;
  text += positions.length > 0 ? `; its consumers' positions: ${listed(positions)}` : '; no consumer of it has a position';
  if (flight.length > 0) text += `; in flight: ${listed(flight)}`;
  const down = [...new Set(on.filter(([, g]) => g.owner !== null && !g.ownerLive).map(([, g]) => g.owner!))];
  if (down.length > 0) text += `. ${down.length === 1 ? 'Owner' : 'Owners'} ${listed(down.map(named))} ${down.length === 1 ? 'is' : 'are'} down`;
  return `${text}.`;
}

function sinkSentence(view: PartitionsView): string {
  const objects = view.strips.reduce((n, s) => n + s.objects.length, 0);
  const parts: string[] = [];
  if (objects === 0) {
    parts.push(view.unreadable.length === 0 ? 'The store holds no objects.' : 'The store holds no records of these partitions.');
  } else {
    const records = view.strips.reduce((n, s) => n + s.objects.reduce((m, o) => m + o.records, 0), 0);
    parts.push(`The store holds ${formatRecords(records)} of these partitions in ${plural(objects, 'object')}.`);
    const covered = view.strips.map((s): [Strip, ReturnType<typeof coverage>] => [s, coverage(s.objects, s.highWatermark)]);
    const doubled = covered.map(([s, c]): [Strip, Span[]] => [s, c.doubled]);
    const missing = covered.map(([s, c]): [Strip, Span[]] => [s, c.missing]);
    const doubledCount = doubled.reduce((n, [, spans]) => n + spans.reduce((m, x) => m + spanSize(x), 0), 0);
    if (doubledCount > 0) parts.push(`${plural(doubledCount, 'offset')} ${doubledCount === 1 ? 'is' : 'are'} in more than one object: ${ranges(view, doubled)}.`);
    const missingCount = missing.reduce((n, [, spans]) => n + spans.reduce((m, x) => m + spanSize(x), 0), 0);
    if (missingCount > 0) parts.push(`${plural(missingCount, 'offset')} of the log ${missingCount === 1 ? 'is' : 'are'} in no object: ${ranges(view, missing)}.`);
  }
  if (view.unreadable.length > 0) {
    parts.push(`${plural(view.unreadable.length, 'object')} hold${view.unreadable.length === 1 ? 's' : ''} no list of records and ${view.unreadable.length === 1 ? 'is' : 'are'} not drawn: ${listed(view.unreadable.map(named))}.`);
  }
  if (view.strayObjects > 0) parts.push(`${plural(view.strayObjects, 'object')} of partitions the log does not have ${view.strayObjects === 1 ? 'is' : 'are'} not drawn.`);
  return parts.join(' ');
}

function groupIds(view: PartitionsView): string[] {
  return [...new Set(view.strips.flatMap((s) => s.groups.map((g) => g.groupId)))];
}

export function partitionsCaption(trace: Parameters<typeof readPartitions>[0]): string {
  const view = readPartitions(trace);
  const ids = groupIds(view);
  const sentences = [`At ${formatCount(view.time)} ms: ${logSentence(view)}`];
  if (ids.length === 0) sentences.push('No consumer group has joined.');
  sentences.push(...ids.slice(0, CAPTION_GROUPS).map((id) => groupSentence(view, id)));
  if (ids.length > CAPTION_GROUPS) sentences.push(`${formatCount(ids.length - CAPTION_GROUPS)} more groups are in the description.`);
  sentences.push(sinkSentence(view));
  return sentences.join(' ');
}

function markersText(g: Markers): string {
  const owner = g.owner === null ? 'no owner' : `owner ${named(g.owner)}${g.ownerLive ? '' : ' (down)'}`;
  const position = g.position === null ? 'no position' : `position ${formatCount(g.position)}`;
  const committed = g.committed === null ? 'nothing committed' : `committed ${formatCount(g.committed)}`;
  return `group ${named(g.groupId)}: ${owner}, ${position}, ${committed}${g.inFlight ? `, in flight ${spanText(g.inFlight)}` : ''}`;
}

function stripSentence(strip: Strip): string {
  const parts = [`${named(strip.topic)} p${named(strip.partition)}: high watermark ${formatCount(strip.highWatermark)}`];
  parts.push(...strip.groups.map(markersText));
  if (strip.objects.length > 0) {
    const objects = strip.objects.slice(0, OBJECTS_NAMED).map((o) =>
      `${named(o.key)} holds ${o.spans.slice(0, LIST).map(spanText).join(', ')}${o.spans.length > LIST ? ', ...' : ''}${o.duplicates > 0 ? ` (${plural(o.duplicates, 'record')} also held elsewhere)` : ''}`);
    parts.push(`objects: ${listed(objects, OBJECTS_NAMED)}`);
  }
  return `${parts.join('; ')}.`;
}

/** The caption, what the picture leaves out, then one sentence per partition. */
export function partitionsDescription(trace: Parameters<typeof readPartitions>[0]): string {
  const view = readPartitions(trace);
  const details = view.strips.slice(0, DESCRIBED).map(stripSentence);
  if (view.strips.length > DESCRIBED) details.push(`${formatCount(view.strips.length - DESCRIBED)} more partitions are not described.`);
  return [partitionsCaption(trace), leftOutSentence(selectStrips(view)), ...details].filter(Boolean).join(' ');
}
