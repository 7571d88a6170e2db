/**
 * Reading a Kafka trace's fields as the pictures may assume them. A trace crosses a worker boundary
 * as plain data and a run may hand over anything, so a field typed as an offset may be NaN,
 * negative, a string or missing: each reader turns such a value into a safe one (an offset into
 * null, a count into 0, a name into a string) once, and the drawing code trusts what it gets.
 */
import { formatCount } from '../format.ts';

/** Offsets and counts stay at most 2^53, so sums and widths made from them stay finite. */
const MAX = Number.MAX_SAFE_INTEGER;

/** A whole number of 0 or more, else null ("not known"). */
export function offsetOf(x: unknown): number | null {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX ? x : null;
}

/** A count: a whole number of 0 or more; anything else is 0. */
export function countOf(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.min(Math.floor(x), MAX) : 0;
}

/** A name: a string as given, a number or boolean spelled out, anything else empty. */
export function textOf(x: unknown): string {
  if (typeof x === 'string') return x;
  return typeof x === 'number' || typeof x === 'boolean' ? String(x) : '';
}

/** A name that may be absent (null): a string or a number, else null. */
export function nameOf(x: unknown): string | null {
  return typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)) ? String(x) : null;
}

/** The entries of a list that are objects (reading a field of null would throw). */
export function entriesOf(x: unknown): Array<Record<string, unknown>> {
  return Array.isArray(x) ? x.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

export interface Span {
  from: number;
  to: number;
}

/** An inclusive range of offsets with from <= to, else null. */
export function spanOf(x: unknown): Span | null {
  if (typeof x !== 'object' || x === null) return null;
  const from = offsetOf((x as Record<string, unknown>).from);
  const to = offsetOf((x as Record<string, unknown>).to);
  return from !== null && to !== null && from <= to ? { from, to } : null;
}

/** 5-9, or 5 for a single offset (1,200-1,299 for big ones). */
export function spanText(span: Span): string {
  return span.from === span.to ? formatCount(span.from) : `${formatCount(span.from)}-${formatCount(span.to)}`;
}

/** Offsets in a span. */
export function spanSize(span: Span): number {
  return span.to - span.from + 1;
}
