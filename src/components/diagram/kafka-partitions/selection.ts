/**
 * What the partitions picture draws of a trace, and what it says it left out. A run may have many
 * partitions, groups and objects and a log of millions of offsets: the picture keeps a few strips,
 * a few groups per strip and a few rows of objects, and draws offsets as cells only while there
 * are few enough to read; otherwise the strip is drawn to scale and the objects become one row of
 * the offsets they hold (once, or more than once). Captions and the text alternative count everything.
 */
import { formatCount } from '../format.ts';
import type { PartitionsView, Strip, StripObject } from './normalize.ts';

export const MAX_STRIPS = 8;
export const MAX_GROUPS = 3;
/** Offsets drawn one cell each up to this many; beyond, the strip is drawn to scale. */
export const MAX_CELLS = 40;
/** Objects packed per strip (into rows where they do not overlap), and rows of them. */
export const MAX_OBJECTS = 40;
export const MAX_OBJECT_ROWS = 4;

export interface DrawnStrip {
  strip: Strip;
  groups: Strip['groups'];
  /** Rows of objects that do not overlap (cells only; to scale, objects are drawn as what they hold). */
  rows: StripObject[][];
  /** Objects of this partition not drawn. */
  leftOut: number;
}

export interface PartitionsSelection {
  strips: DrawnStrip[];
  /** One past the largest offset any drawn mark needs (at least 1). */
  domain: number;
  cells: boolean;
  counts: { strips: number; groups: number; groupsDrawn: number; objects: number; objectsDrawn: number };
}

/** Greedy interval packing: each object into the first row whose last object ends before it starts. */
function pack(objects: readonly StripObject[]): { rows: StripObject[][]; leftOut: number } {
  const rows: StripObject[][] = [];
  let leftOut = Math.max(0, objects.length - MAX_OBJECTS);
  for (const o of objects.slice(0, MAX_OBJECTS)) {
    const row = rows.find((r) => r.at(-1)!.last < o.first);
    if (row) row.push(o);
    else if (rows.length < MAX_OBJECT_ROWS) rows.push([o]);
    else leftOut++;
  }
  return { rows, leftOut };
}

export function selectStrips(view: PartitionsView): PartitionsSelection {
  const strips: DrawnStrip[] = [];
  let domain = 1;
  let groups = 0;
  let groupsDrawn = 0;
  let objects = 0;
  let objectsDrawn = 0;
  const drawn = view.strips.slice(0, MAX_STRIPS);
  for (const strip of view.strips) {
    groups += strip.groups.length;
    objects += strip.objects.length;
  }
  // The scale first: every mark of a drawn strip must fit, a made-up offset past the log too.
  for (const strip of drawn) {
    domain = Math.max(domain, strip.highWatermark);
    for (const g of strip.groups.slice(0, MAX_GROUPS)) {
      for (const x of [g.position, g.committed, g.inFlight ? g.inFlight.to + 1 : null]) if (x !== null && x > domain) domain = x;
    }
    for (const o of strip.objects) if (o.last + 1 > domain) domain = o.last + 1;
  }
  const cells = domain <= MAX_CELLS;
  for (const strip of drawn) {
    const drawnGroups = strip.groups.slice(0, MAX_GROUPS);
    groupsDrawn += drawnGroups.length;
    const { rows, leftOut } = cells ? pack([...strip.objects].sort((a, b) => a.first - b.first || a.last - b.last)) : { rows: [], leftOut: 0 };
    objectsDrawn += strip.objects.length - leftOut;
    strips.push({ strip, groups: drawnGroups, rows, leftOut });
  }
  return {
    strips, domain, cells,
    counts: { strips: view.strips.length, groups, groupsDrawn, objects, objectsDrawn },
  };
}

/** What the picture leaves out, as one or two sentences ('' when it shows everything). */
export function leftOutSentence(s: PartitionsSelection): string {
  const parts: string[] = [];
  const { counts } = s;
  if (counts.strips > s.strips.length) parts.push(`Showing ${formatCount(s.strips.length)} of ${formatCount(counts.strips)} partitions.`);
  if (counts.groupsDrawn < counts.groups - groupsOfHidden(s)) parts.push(`At most ${MAX_GROUPS} groups per partition are drawn.`);
  if (counts.objectsDrawn < counts.objects) parts.push(`${formatCount(counts.objects - counts.objectsDrawn)} of ${formatCount(counts.objects)} objects not drawn.`);
  if (!s.cells) parts.push(`Offsets drawn to scale, not one cell each (a partition reaches offset ${formatCount(s.domain - 1)}); objects drawn as the offsets they hold.`);
  return parts.join(' ');
}

/** Groups on strips that are not drawn at all (already said by "Showing n of m partitions"). */
function groupsOfHidden(s: PartitionsSelection): number {
  const drawn = s.strips.reduce((n, d) => n + d.strip.groups.length, 0);
  return s.counts.groups - drawn;
}
