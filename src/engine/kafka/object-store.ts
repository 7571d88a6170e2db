/**
 * A small object store in the spirit of S3: keys to bodies, `put` replacing the whole object,
 * `list` by prefix in key order. A sink writes its batches here, and the crash explorer reads it back
 * to see which offsets arrived, how often.
 *
 * Bodies are JSON data, copied and frozen on the way in: what a consumer keeps mutating in its
 * buffer after the write is not what the store holds, exactly as with a real upload.
 *
 * Faults on request: `failPuts` makes upcoming writes reject (a 503 from the store), `setLatency`
 * makes calls take virtual time. A process sees the store through `StoreClient`, whose every call is
 * a named crash point of the simulation; outside any process (set-up code, reading results) the same
 * methods act at once.
 */
import { deepFreeze } from '../kernel/freeze.ts';
import { freezeClass, sealInstance } from '../kernel/sealed.ts';

export type StoreOperation = 'put' | 'get' | 'list' | 'delete';

/** Virtual ms each operation takes inside the simulation. */
export type StoreLatency = Readonly<Record<StoreOperation, number>>;

export const DEFAULT_STORE_LATENCY: StoreLatency = Object.freeze({ put: 20, get: 5, list: 5, delete: 5 });

export interface StoredObject {
  readonly key: string;
  /** The JSON body as written (frozen). */
  readonly body: unknown;
  /** 1 for the first write of the key, +1 for each overwrite. */
  readonly version: number;
  /** Virtual ms of the write. */
  readonly writtenAt: number;
}

/** What a failed write rejects with: the store answered 503, nothing was written. */
export class StoreWriteError extends Error {
  constructor(key: string) {
    super(`put("${key}") failed: the store answered 503 Slow Down; nothing was written.`);
    this.name = 'StoreWriteError';
  }
}

freezeClass(StoreWriteError);

export class ObjectStore {
  readonly #objects = new Map<string, StoredObject>();
  readonly #clock: () => number;
  #latency: StoreLatency = DEFAULT_STORE_LATENCY;
  /** 1-based numbers of upcoming put calls that fail. */
  readonly #failingPuts = new Set<number>();
  #puts = 0;
  #overwrites = 0;

  constructor(clock: () => number = () => 0) {
    this.#clock = clock;
    sealInstance(this, new.target, ObjectStore);
  }

  /** Writes (or replaces) an object. Rejects with StoreWriteError when a fault says so. */
  async put(key: string, body: unknown): Promise<{ key: string; version: number }> {
    checkKey('put', key);
    const copy = jsonCopy(key, body);
    this.#puts += 1;
    if (this.#failingPuts.delete(this.#puts)) throw new StoreWriteError(key);
    const previous = this.#objects.get(key);
    if (previous) this.#overwrites += 1;
    const version = (previous?.version ?? 0) + 1;
    this.#objects.set(key, Object.freeze({ key, body: copy, version, writtenAt: this.#clock() }));
    return { key, version };
  }

  /** The body stored under `key`, or undefined when there is none. */
  async get(key: string): Promise<unknown> {
    checkKey('get', key);
    return this.#objects.get(key)?.body;
  }

  /** Keys starting with `prefix`, in key order (as S3 lists them). */
  async list(prefix = ''): Promise<string[]> {
    if (typeof prefix !== 'string') throw new TypeError(`list(prefix): the prefix must be a string, got ${typeof prefix}.`);
    return this.keys(prefix);
  }

  /** Removes an object; removing a missing key is not an error (as in S3). */
  async delete(key: string): Promise<void> {
    checkKey('delete', key);
    this.#objects.delete(key);
  }

  /** The next `count` writes (from the next one, or from the `from`-th put of the run) fail. */
  failPuts({ count = 1, from }: { count?: number; from?: number } = {}): void {
    const first = from ?? this.#puts + 1;
    if (!Number.isInteger(first) || first < 1) throw new Error(`failPuts: from must be a put number of 1 or more, got ${String(from)}.`);
    if (!Number.isInteger(count) || count < 0) throw new Error(`failPuts: count must be a whole number, got ${String(count)}.`);
    for (let n = first; n < first + count; n++) this.#failingPuts.add(n);
  }

  /** How long each operation takes in virtual ms (inside the simulation). */
  setLatency(latency: Partial<StoreLatency>): void {
    for (const [op, ms] of Object.entries(latency)) {
      if (!(op in DEFAULT_STORE_LATENCY)) throw new Error(`setLatency: unknown operation '${op}'; operations: put, get, list, delete.`);
      if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms)) throw new Error(`setLatency: ${op} must take a finite number of ms >= 0, got ${String(ms)}.`);
    }
    this.#latency = Object.freeze({ ...this.#latency, ...latency });
  }

  get latency(): StoreLatency {
    return this.#latency;
  }

  /** Synchronous reads for checks and pictures. */
  keys(prefix = ''): string[] {
    return [...this.#objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  object(key: string): StoredObject | undefined {
    return this.#objects.get(key);
  }

  objects(): StoredObject[] {
    return this.keys().map((key) => this.#objects.get(key)!);
  }

  /** Puts attempted, and writes that replaced an existing object. */
  get stats(): { puts: number; overwrites: number; objects: number } {
    return { puts: this.#puts, overwrites: this.#overwrites, objects: this.#objects.size };
  }
}

freezeClass(ObjectStore);

function checkKey(op: StoreOperation, key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') throw new TypeError(`${op}(key): the key must be a non-empty string, got ${key === '' ? "''" : typeof key}.`);
}

function jsonCopy(key: string, body: unknown): unknown {
  if (body === undefined) throw new TypeError(`put("${key}", body): the body is undefined; write a string or JSON data.`);
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    throw new TypeError(`put("${key}", body): the body must be JSON data (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (text === undefined) throw new TypeError(`put("${key}", body): the body must be JSON data, got a ${typeof body}.`);
  return deepFreeze(JSON.parse(text));
}
