/**
 * What the sink holds of one partition, from its objects' offset ranges: which offsets no object
 * holds, which one object holds, which several hold. A sweep over the ranges' ends, so the cost
 * follows the number of ranges, never the size of the offsets (a high watermark may be huge).
 */
import type { Span } from '../kafka-shared/read.ts';
import type { StripObject } from './normalize.ts';

export interface Held extends Span {
  /** 1: in one object; 2: in two or more. */
  copies: 1 | 2;
}

export interface Coverage {
  /** Offsets of [0, highWatermark) in no object. */
  missing: Span[];
  /** Offsets in more than one object. */
  doubled: Span[];
  /** Every offset some object holds, ascending, runs of the same `copies` merged. */
  held: Held[];
}

/** Appends [from, end) to a list of inclusive spans, merging it into the last one when they touch. */
function add<T extends Span>(list: T[], from: number, end: number, make: (from: number, to: number) => T, same: (last: T) => boolean = () => true): void {
  if (end <= from) return;
  const last = list.at(-1);
  if (last && last.to + 1 >= from && same(last)) last.to = Math.max(last.to, end - 1);
  else list.push(make(from, end - 1));
}

export function coverage(objects: readonly StripObject[], highWatermark: number): Coverage {
  // +1 where a range starts, -1 just after it ends.
  const edges: Array<[number, number]> = [];
  for (const o of objects) for (const s of o.spans) edges.push([s.from, 1], [s.to + 1, -1]);
  edges.sort((a, b) => a[0] - b[0]);
  const span = (from: number, to: number): Span => ({ from, to });
  const missing: Span[] = [];
  const doubled: Span[] = [];
  const held: Held[] = [];
  let depth = 0;
  let at = 0;
  for (let i = 0; i < edges.length; ) {
    const x = edges[i]![0];
    if (depth === 0) add(missing, at, Math.min(x, highWatermark), span);
    else {
      const copies = depth > 1 ? 2 : 1;
      add(held, at, x, (from, to): Held => ({ from, to, copies }), (last) => last.copies === copies);
      if (depth > 1) add(doubled, at, x, span);
    }
    while (i < edges.length && edges[i]![0] === x) depth += edges[i++]![1];
    at = x;
  }
  add(missing, at, highWatermark, span);
  return { missing, doubled, held };
}
