/**
 * What the rebalance picture draws of a big group: at most MAX_ROWS partition rows, those that
 * moved or read something twice or never first (in the trace's order), and at most MAX_MEMBERS
 * members per side. The caption and the text alternative count everything.
 */
import { formatCount } from '../format.ts';
import type { RebalanceView, Row } from './normalize.ts';

export const MAX_ROWS = 24;
export const MAX_MEMBERS = 10;

const news = (row: Row) => row.from !== row.to || row.reread !== null || row.skipped !== null;

export function selectRows(view: RebalanceView): Row[] {
  if (view.rows.length <= MAX_ROWS) return view.rows;
  const keep = new Set([...view.rows.filter(news), ...view.rows.filter((row) => !news(row))].slice(0, MAX_ROWS));
  return view.rows.filter((row) => keep.has(row));
}

export function leftOutSentence(view: RebalanceView): string {
  const parts: string[] = [];
  if (view.rows.length > MAX_ROWS) parts.push(`Showing ${formatCount(MAX_ROWS)} of ${formatCount(view.rows.length)} partitions, those that moved first.`);
  const members = Math.max(view.before.length, view.after.length);
  if (members > MAX_MEMBERS) parts.push(`Showing ${formatCount(MAX_MEMBERS)} of ${formatCount(members)} members per side.`);
  return parts.join(' ');
}
