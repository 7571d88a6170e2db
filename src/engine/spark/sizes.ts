/**
 * Byte sizes: parsing '10MB'-style config values the way Spark does (binary units) and estimating
 * how big a row is in Spark's UnsafeRow format, which is what Spark's shuffle and broadcast sizes measure.
 */
import type { Row } from './row.ts';

const UNITS: Record<string, number> = {
  b: 1,
  k: 1024, kb: 1024, kib: 1024,
  m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2,
  g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3,
  t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4,
  p: 1024 ** 5, pb: 1024 ** 5, pib: 1024 ** 5,
};

/**
 * Parses a byte count: a number, or a string like '10485760', '10MB', '1g', '512k'. Spark reads these
 * with binary units (1k = 1024 bytes) and treats a bare number as bytes. Returns undefined when it
 * cannot be read, so the caller can name the config key in its error.
 */
export function parseByteSize(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(-?\d+)\s*([a-z]*)\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = match[2].toLowerCase();
  const factor = unit === '' ? 1 : UNITS[unit];
  if (factor === undefined) return undefined;
  return Number(match[1]) * factor;
}

/** Writes a byte count for people: 10485760 -> '10.0 MiB'. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** UTF-8 length of a string without allocating (Spark stores strings as UTF-8 bytes). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 2; // a surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes
      i++;
    } else n += 2;
  }
  return n;
}

const roundUp8 = (n: number): number => (n + 7) & ~7;

/** The fixed part of an UnsafeRow: a null bitset (8 bytes per 64 fields) plus one 8-byte slot per field. */
export function fixedRowBytes(numFields: number): number {
  return 8 * Math.ceil(numFields / 64) + 8 * numFields;
}

/**
 * UnsafeRow-like size of a row: 8 bytes of null bitset per 64 fields, 8 bytes per field, and each string's
 * UTF-8 bytes rounded up to a multiple of 8 (Spark keeps variable-length data word aligned).
 */
export function estimateRowBytes(row: Row): number {
  let fields = 0;
  let variable = 0;
  for (const key in row) {
    fields++;
    const v = row[key];
    if (typeof v === 'string') variable += roundUp8(utf8Length(v));
  }
  return fixedRowBytes(fields) + variable;
}

/**
 * A size function for rows of a known column list: the same number as estimateRowBytes, but without
 * enumerating keys. Used where every row must be measured (shuffle writes, broadcasts).
 */
export function rowSizer(columns: readonly string[]): (row: Row) => number {
  const fixed = fixedRowBytes(columns.length);
  const cols = columns.slice();
  const n = cols.length;
  return (row: Row): number => {
    let bytes = fixed;
    for (let i = 0; i < n; i++) {
      const v = row[cols[i]];
      if (typeof v === 'string') bytes += roundUp8(utf8Length(v));
    }
    return bytes;
  };
}

/**
 * Size of any RDD record, modelled like a row: a tuple or object is a struct of its fields, anything else a
 * one-field row. Nested structs count their own size in the variable part.
 */
export function estimateValueBytes(x: unknown): number {
  if (x !== null && typeof x === 'object') {
    let fields = 0;
    let variable = 0;
    const values = Array.isArray(x) ? x : Object.values(x as object);
    for (const v of values) {
      fields++;
      variable += variableBytes(v);
    }
    return fixedRowBytes(fields) + variable;
  }
  return fixedRowBytes(1) + variableBytes(x);
}

function variableBytes(v: unknown): number {
  if (typeof v === 'string') return roundUp8(utf8Length(v));
  if (v !== null && typeof v === 'object') return estimateValueBytes(v);
  return 0;
}
