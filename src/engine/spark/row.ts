/** The values a DataFrame cell may hold, and a row as a plain object keyed by column name. */
export type Value = number | string | boolean | null;
export type Row = Record<string, Value>;

/** True for the value types a DataFrame cell may hold (Spark would infer a column type; we keep JS primitives). */
export function isValue(x: unknown): x is Value {
  return x === null || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
}

/** Shows a value the way an error message should quote it. */
export function describeValue(x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (x === undefined) return 'undefined';
  if (typeof x === 'function') return 'a function';
  if (typeof x === 'object' && x !== null) return Array.isArray(x) ? 'an array' : 'an object';
  return String(x);
}
