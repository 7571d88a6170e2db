/**
 * Runtime configuration, like `spark.conf`: string-keyed settings with Spark's names and defaults.
 * Values are checked when set, so a bad value fails at the line that set it and names the key.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import { parseByteSize } from './sizes.ts';

export type ConfValue = string | number | boolean;

type Kind = 'int' | 'bytes' | 'positiveBytes' | 'bool' | 'number';

interface Entry {
  kind: Kind;
  /** Spark's default, as Spark prints it; undefined = optional (falls back to another key). */
  default?: string;
  doc: string;
}

export const SHUFFLE_PARTITIONS = 'spark.sql.shuffle.partitions';
export const AUTO_BROADCAST_THRESHOLD = 'spark.sql.autoBroadcastJoinThreshold';
export const ADAPTIVE_ENABLED = 'spark.sql.adaptive.enabled';
export const ADAPTIVE_BROADCAST_THRESHOLD = 'spark.sql.adaptive.autoBroadcastJoinThreshold';
export const PREFER_SORT_MERGE_JOIN = 'spark.sql.join.preferSortMergeJoin';
export const SKEW_JOIN_ENABLED = 'spark.sql.adaptive.skewJoin.enabled';
export const SKEW_FACTOR = 'spark.sql.adaptive.skewJoin.skewedPartitionFactor';
export const SKEW_THRESHOLD = 'spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes';
export const COALESCE_PARTITIONS_ENABLED = 'spark.sql.adaptive.coalescePartitions.enabled';
export const COALESCE_PARALLELISM_FIRST = 'spark.sql.adaptive.coalescePartitions.parallelismFirst';
export const COALESCE_MIN_PARTITION_SIZE = 'spark.sql.adaptive.coalescePartitions.minPartitionSize';
export const ADVISORY_PARTITION_SIZE = 'spark.sql.adaptive.advisoryPartitionSizeInBytes';

const KNOWN: Record<string, Entry> = {
  [SHUFFLE_PARTITIONS]: { kind: 'int', default: '200', doc: 'a positive whole number of partitions, e.g. 200' },
  [AUTO_BROADCAST_THRESHOLD]: { kind: 'bytes', default: '10485760', doc: "a size in bytes like 10485760, '10MB', '512k', or -1 to disable" },
  [ADAPTIVE_ENABLED]: { kind: 'bool', default: 'true', doc: 'true or false' },
  [ADAPTIVE_BROADCAST_THRESHOLD]: { kind: 'bytes', doc: "a size in bytes like 10485760, '10MB', '512k', or -1 to disable" },
  [PREFER_SORT_MERGE_JOIN]: { kind: 'bool', default: 'true', doc: 'true or false' },
  [SKEW_JOIN_ENABLED]: { kind: 'bool', default: 'true', doc: 'true or false' },
  [SKEW_FACTOR]: { kind: 'number', default: '5', doc: 'a positive number, e.g. 5' },
  [SKEW_THRESHOLD]: { kind: 'bytes', default: '268435456', doc: "a size in bytes like 268435456 or '256MB'" },
  [COALESCE_PARTITIONS_ENABLED]: { kind: 'bool', default: 'true', doc: 'true or false' },
  [COALESCE_PARALLELISM_FIRST]: { kind: 'bool', default: 'true', doc: 'true or false' },
  [COALESCE_MIN_PARTITION_SIZE]: { kind: 'positiveBytes', default: '1048576', doc: "a positive size in bytes like 1048576 or '1MB'" },
  [ADVISORY_PARTITION_SIZE]: { kind: 'positiveBytes', default: '67108864', doc: "a positive size in bytes like 67108864 or '64MB'" },
};

function parse(key: string, entry: Entry, raw: ConfValue): number | boolean {
  const fail = (): never => {
    throw new Error(`Invalid value ${JSON.stringify(raw)} for ${key}: expected ${entry.doc}.`);
  };
  switch (entry.kind) {
    case 'bool': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      return s === 'true' ? true : s === 'false' ? false : fail();
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
      return Number.isInteger(n) && n > 0 ? n : fail();
    }
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      return Number.isFinite(n) && n > 0 ? n : fail();
    }
    case 'bytes': {
      const n = parseByteSize(raw);
      // Spark accepts -1 (and any negative) as "disabled" for thresholds.
      return n === undefined ? fail() : n;
    }
    case 'positiveBytes': {
      // Sizes AQE aims for must be positive (Spark checks minPartitionSize > 0 the same way).
      const n = parseByteSize(raw);
      return n === undefined || n <= 0 ? fail() : n;
    }
  }
}

export class RuntimeConfig {
  readonly #set = new Map<string, ConfValue>();
  readonly #parsed = new Map<string, number | boolean>();

  constructor(initial?: Record<string, ConfValue>) {
    for (const [k, v] of Object.entries(initial ?? {})) this.set(k, v);
    sealInstance(this, new.target, RuntimeConfig);
  }

  /** The value as Spark shows it (a string); a known key that is unset gives its default. */
  get(key: string, defaultValue?: string): string | undefined {
    const v = this.#set.get(key);
    if (v !== undefined) return String(v);
    return KNOWN[key]?.default ?? defaultValue;
  }

  /** Sets a key. Known keys are validated now; unknown keys are stored and ignored, as in Spark. */
  set(key: string, value: ConfValue): void {
    if (typeof key !== 'string' || key === '') throw new Error('conf.set: the key must be a non-empty string');
    if (value === undefined || value === null) throw new Error(`conf.set: missing value for ${key}`);
    const entry = KNOWN[key];
    if (entry) this.#parsed.set(key, parse(key, entry, value));
    this.#set.set(key, value);
  }

  unset(key: string): void {
    this.#set.delete(key);
    this.#parsed.delete(key);
  }

  /** Every key that was set, plus the defaults of the known keys. */
  getAll(): Record<string, string> {
    const all: Record<string, string> = {};
    for (const [k, e] of Object.entries(KNOWN)) if (e.default !== undefined) all[k] = e.default;
    for (const [k, v] of this.#set) all[k] = String(v);
    return all;
  }

  isSet(key: string): boolean {
    return this.#set.has(key);
  }

  #typed(key: string): number | boolean {
    const cached = this.#parsed.get(key);
    if (cached !== undefined) return cached;
    const entry = KNOWN[key];
    if (!entry || entry.default === undefined) throw new Error(`No value for ${key}`);
    return parse(key, entry, entry.default);
  }

  /** @internal Typed reads for the engine's own keys. */
  getNumber(key: string): number {
    return this.#typed(key) as number;
  }

  /** @internal */
  getBoolean(key: string): boolean {
    return this.#typed(key) as boolean;
  }

  /** @internal spark.sql.autoBroadcastJoinThreshold in bytes (-1 = disabled). */
  broadcastThreshold(): number {
    return this.getNumber(AUTO_BROADCAST_THRESHOLD);
  }

  /** @internal The threshold AQE uses at runtime: its own key if set, else the planner's threshold. */
  adaptiveBroadcastThreshold(): number {
    return this.#parsed.has(ADAPTIVE_BROADCAST_THRESHOLD)
      ? (this.#parsed.get(ADAPTIVE_BROADCAST_THRESHOLD) as number)
      : this.broadcastThreshold();
  }

  /** @internal */
  shufflePartitions(): number {
    return this.getNumber(SHUFFLE_PARTITIONS);
  }

  /** @internal */
  adaptiveEnabled(): boolean {
    return this.getBoolean(ADAPTIVE_ENABLED);
  }
}

freezeClass(RuntimeConfig);
