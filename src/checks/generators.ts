/**
 * Seeded generators of check inputs, each with a way to shrink a failing input toward a smaller
 * one (see property.ts). Built to find the mistakes nobody listed: keys drawn from edge values
 * (0 and -0, '', false, null, NaN, 1 next to '1'), duplicate keys, fully identical rows, empty
 * inputs, and partition layouts with empty and skewed partitions.
 */
import type { Random } from '../engine/kernel/random.ts';
import { shared } from './shared-gen.ts';

export interface Gen<T> {
  generate(random: Random): T;
  /** Smaller candidates for a failing value, most promising first (may be empty). */
  shrink(value: T): Iterable<T>;
}

/**
 * Key values that break naive code: falsy values, look-alikes of different types, NaN and the
 * infinities (one text to JSON), null and the strings a sentinel for null would use.
 */
export const EDGE_KEYS: readonly unknown[] = [
  0, -0, 1, -1, 2, 2 ** 31, 1.5, NaN, Infinity, -Infinity, '', '0', '1', 'a', 'A', ' a', 'ü', 'NaN', 'null', 'NULL', false, true, null,
];

/** Always the same value. */
export function constant<T>(value: T): Gen<T> {
  return { generate: () => value, shrink: () => [] };
}

/** A whole number in [min, max], shrinking toward min. */
export function integer(min: number, max: number): Gen<number> {
  return shared('integer', [min, max], () => ({
    generate: (random) => min + random.int(max - min + 1),
    *shrink(value) {
      if (value > min) yield min;
      const half = Math.floor((min + value) / 2);
      if (half > min && half < value) yield half;
      if (value - 1 > min) yield value - 1;
    },
  }));
}

/** One of the given values, shrinking toward the earlier ones. */
export function oneOf<T>(values: readonly T[]): Gen<T> {
  if (values.length === 0) throw new Error('oneOf needs at least one value');
  return shared('oneOf', [values], () => ({
    generate: (random) => random.pick(values),
    *shrink(value) {
      const at = values.findIndex((v) => Object.is(v, value));
      for (let i = 0; i < at; i++) yield values[i];
    },
  }));
}

/** An array of `item`s with a length in [min, max]; shrinks by dropping halves, then single items, then items. */
export function array<T>(item: Gen<T>, min = 0, max = 12): Gen<T[]> {
  return shared('array', [item, min, max], () => ({
    generate(random) {
      const length = min + random.int(max - min + 1);
      return Array.from({ length }, () => item.generate(random));
    },
    *shrink(value) {
      if (value.length > min) {
        const half = Math.max(min, Math.floor(value.length / 2));
        if (half < value.length) {
          yield value.slice(0, half);
          yield value.slice(value.length - half);
        }
        for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
      }
      for (let i = 0; i < value.length; i++) {
        for (const smaller of item.shrink(value[i])) yield [...value.slice(0, i), smaller, ...value.slice(i + 1)];
      }
    },
  }));
}

/** An object whose fields come from their own generators; shrinks one field at a time. */
export function record<T extends object>(fields: { [K in keyof T]: Gen<T[K]> }): Gen<T> {
  const keys = Object.keys(fields) as (keyof T)[];
  return shared('record', [fields], () => ({
    generate(random) {
      const out = {} as T;
      for (const key of keys) out[key] = fields[key].generate(random);
      return out;
    },
    *shrink(value) {
      for (const key of keys) for (const smaller of fields[key].shrink(value[key])) yield { ...value, [key]: smaller };
    },
  }));
}

/** A generator whose values pass a test (generation retries; shrinks that fail the test are skipped). */
export function filter<T>(gen: Gen<T>, keep: (value: T) => boolean): Gen<T> {
  return {
    generate(random) {
      for (let attempt = 0; attempt < 1000; attempt++) {
        const value = gen.generate(random);
        if (keep(value)) return value;
      }
      throw new Error('filter: no generated value passed the test in 1000 tries');
    },
    *shrink(value) {
      for (const smaller of gen.shrink(value)) if (keep(smaller)) yield smaller;
    },
  };
}

/** Keys that look alike but are not the same key, or are the same key written differently. */
const LOOK_ALIKES: readonly (readonly unknown[])[] = [
  [1, '1'],
  [0, -0, false, ''],
  [NaN, null],
  ['a', 'A', ' a'],
  [2 ** 31, 1.5, -1],
  ['ü', 'u'],
  // Keys that code turning keys into text (JSON, String) or null into a sentinel would merge.
  [NaN, Infinity, -Infinity, 'NaN'],
  [null, 'null', 'NULL', 'undefined'],
];
/** The groups that catch the most mistakes come up more often. */
const WEIGHTED_LOOK_ALIKES = [...LOOK_ALIKES, LOOK_ALIKES[0], LOOK_ALIKES[0], LOOK_ALIKES[1], LOOK_ALIKES[2], LOOK_ALIKES[6], LOOK_ALIKES[7]];
const ORDINARY_KEYS: readonly unknown[] = [3, 4, 7, 42, 'k1', 'k2', 'x'];

/** A few keys for one input: one or two look-alike groups and a couple of ordinary keys, so keys repeat and collide. */
function keyPool(random: Random): unknown[] {
  const pool: unknown[] = [];
  for (let i = 1 + random.int(2); i > 0; i--) pool.push(...random.pick(WEIGHTED_LOOK_ALIKES));
  for (let i = random.int(3); i > 0; i--) pool.push(random.pick(ORDINARY_KEYS));
  return pool;
}

/** Join keys drawn from EDGE_KEYS and a few ordinary values; shrinks toward 0. */
export function joinKey(): Gen<unknown> {
  return shared('joinKey', [], () => ({
    generate: (random) => (random.chance(0.6) ? random.pick(EDGE_KEYS) : random.pick(ORDINARY_KEYS)),
    *shrink(value) {
      if (!Object.is(value, 0)) yield 0;
      if (value !== 1 && value !== 0) yield 1;
    },
  }));
}

/** One side of a join: rows whose keys come from `pool`, some rows copied whole (fully identical rows). */
function sideRows(random: Random, pool: readonly unknown[], key: string, columns: Record<string, Gen<unknown>>, min: number, max: number) {
  const out: Record<string, unknown>[] = [];
  const length = min + random.int(max - min + 1);
  for (let i = 0; i < length; i++) {
    if (i > 0 && random.chance(0.15)) {
      out.push({ ...out[random.int(i)] });
      continue;
    }
    const row: Record<string, unknown> = { [key]: random.chance(0.9) ? random.pick(pool) : random.pick(EDGE_KEYS) };
    for (const [name, column] of Object.entries(columns)) row[name] = column.generate(random);
    out.push(row);
  }
  return out;
}

/** Rows with a key column and value columns, keys repeating (see sideRows). */
export function rows<R extends object = Record<string, unknown>>(key: string, columns: Record<string, Gen<unknown>>, min = 0, max = 12): Gen<R[]> {
  const shrinkRows = array(constant(undefined as unknown), min, max).shrink;
  return shared('rows', [key, columns, min, max], () => ({
    generate: (random) => sideRows(random, keyPool(random), key, columns, min, max) as R[],
    shrink: (value) => shrinkRows(value) as Iterable<R[]>,
  }));
}

export interface JoinSides<L, R> {
  left: L[];
  right: R[];
}

/**
 * Both sides of a join, their keys drawn from one shared pool of look-alike and edge keys, so
 * matches, near-misses (1 and '1'), nulls and NaN on both sides are common. Shrinks by dropping rows.
 */
export function joinSides<L extends object = Record<string, unknown>, R extends object = Record<string, unknown>>(
  key: string,
  left: { columns: Record<string, Gen<unknown>>; min?: number; max?: number },
  right: { columns: Record<string, Gen<unknown>>; min?: number; max?: number },
): Gen<JoinSides<L, R>> {
  const leftShrink = array(constant(undefined as unknown), left.min ?? 0).shrink;
  const rightShrink = array(constant(undefined as unknown), right.min ?? 0).shrink;
  return shared('joinSides', [key, left, right], () => ({
    generate(random) {
      const pool = keyPool(random);
      return {
        left: sideRows(random, pool, key, left.columns, left.min ?? 0, left.max ?? 12) as L[],
        right: sideRows(random, pool, key, right.columns, right.min ?? 0, right.max ?? 10) as R[],
      };
    },
    *shrink(value) {
      for (const l of leftShrink(value.left)) yield { left: l as L[], right: value.right };
      for (const r of rightShrink(value.right)) yield { left: value.left, right: r as R[] };
    },
  }));
}

/** Where items go: `slots[i]` is the partition of the i-th item (modulo `partitions`). */
export interface Layout {
  partitions: number;
  slots: number[];
}

/**
 * Partition layouts with 1 to maxPartitions partitions, often with empty partitions (items avoid
 * some) and skew (most items in one partition). Shrinks toward a single partition.
 */
export function layout(maxPartitions = 5, maxItems = 16): Gen<Layout> {
  return shared('layout', [maxPartitions, maxItems], () => ({
    generate(random) {
      const partitions = 1 + random.int(maxPartitions);
      const used = random.chance(0.3) ? random.shuffle([...Array(partitions).keys()]).slice(0, 1 + random.int(partitions)) : [...Array(partitions).keys()];
      const hot = random.chance(0.3) ? random.pick(used) : undefined;
      const slots = Array.from({ length: maxItems }, () => (hot !== undefined && random.chance(0.75) ? hot : random.pick(used)));
      return { partitions, slots };
    },
    *shrink(value) {
      if (value.partitions > 1) yield { partitions: 1, slots: value.slots.map(() => 0) };
    },
  }));
}

/** Items split as the layout says (partition count = layout.partitions; some may be empty). */
export function applyLayout<T>(items: readonly T[], where: Layout): T[][] {
  const parts: T[][] = Array.from({ length: where.partitions }, () => []);
  items.forEach((item, i) => parts[where.slots[i % where.slots.length] % where.partitions].push(item));
  return parts;
}
