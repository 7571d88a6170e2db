import type { Row } from '@sai/spark';

/** Rows as sorted canonical strings, so comparisons ignore row order and key order. */
export function canon(rows: readonly Row[]): string[] {
  return rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1))))).sort();
}
