/**
 * Rows compared as a multiset: order never matters, duplicates do (a join that emits a row twice
 * is wrong even if the row is right), and cell values compare with sameValue (see values.ts).
 */
import { CheckFailure } from './failure.ts';
import { count, show } from './show.ts';
import { valueKey } from './values.ts';

export type Row = Readonly<Record<string, unknown>>;

/** Expected rows the actual rows lack, and actual rows nobody expected (each with its multiplicity). */
export interface RowsDiff {
  missing: Row[];
  extra: Row[];
}

export function diffRows(actual: readonly Row[], expected: readonly Row[]): RowsDiff {
  const pending = new Map<string, Row[]>();
  for (const row of expected) {
    const key = valueKey(row);
    const same = pending.get(key);
    if (same) same.push(row);
    else pending.set(key, [row]);
  }
  const extra: Row[] = [];
  for (const row of actual) {
    const same = pending.get(valueKey(row));
    if (same && same.length > 0) same.pop();
    else extra.push(row);
  }
  // Usually nothing is left: skip building the list of missing rows then.
  const missing: Row[] = [];
  if (extra.length > 0 || actual.length !== expected.length) for (const rows of pending.values()) missing.push(...rows);
  return { missing, extra };
}

/** Rows in a stable order (by their canonical text), for showing two lists side by side. */
export function sortRows(rows: readonly Row[]): Row[] {
  return rows
    .map((row) => [valueKey(row), row] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, row]) => row);
}

/** Throws a CheckFailure unless `actual` is an array of row objects. */
export function expectRowArray(actual: unknown, what: string): asserts actual is Row[] {
  if (!Array.isArray(actual)) throw new CheckFailure(`${what}: expected an array of rows, got ${show(actual)}.`);
  const bad = actual.findIndex((row) => row === null || typeof row !== 'object' || Array.isArray(row));
  if (bad >= 0) throw new CheckFailure(`${what}: row ${bad} is ${show(actual[bad])}, not an object like { id: 1 }.`);
}

const SHOWN = 3;

/**
 * Fails unless `actual` holds exactly the rows of `expected` (any order, same multiplicities).
 * The message names what is missing and what is extra, a few rows of each.
 */
export function expectSameRows(actual: unknown, expected: readonly Row[], what: string): void {
  expectRowArray(actual, what);
  const { missing, extra } = diffRows(actual, expected);
  if (missing.length === 0 && extra.length === 0) return;
  const parts: string[] = [];
  if (missing.length) {
    parts.push(`${count(missing.length, 'expected row')} missing, e.g. ${missing.slice(0, SHOWN).map(show).join('; ')}`);
  }
  if (extra.length) {
    parts.push(`${count(extra.length, 'row')} that should not be there, e.g. ${extra.slice(0, SHOWN).map(show).join('; ')}`);
  }
  throw new CheckFailure(`${what}: ${parts.join('. ')}. (Got ${count(actual.length, 'row')}, expected ${expected.length}.)`, {
    expected: sortRows(expected),
    actual: sortRows(actual),
  });
}
