/**
 * Generators made with the same arguments are one object per realm. The hidden checks are loaded
 * afresh for every run, but a worker rehearses them before the learner's Run: sharing the generator
 * objects lets the run reuse the inputs the rehearsal generated (property.ts keeps them per generator
 * and seed) instead of generating them again. Arguments that hold a function are never shared: two
 * functions with the same text can close over different values.
 */
const ids = new WeakMap<object, number>();
let nextId = 1;
const made = new Map<string, unknown>();
/** A bound on what one realm keeps (checks make a few dozen generators). */
const MOST = 2000;

/** The generator `make` builds, or the one it built before for the same name and arguments. */
export function shared<G extends object>(name: string, args: readonly unknown[], make: () => G): G {
  const key = argsKey(args);
  if (key === undefined) return make();
  const id = `${name}(${key})`;
  let gen = made.get(id) as G | undefined;
  if (!gen) {
    gen = make();
    if (made.size < MOST) made.set(id, gen);
  }
  return gen;
}

function argsKey(args: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const arg of args) {
    const part = keyOf(arg);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.join(',');
}

/** Text equal for two arguments exactly when they are the same value (-0 apart from 0); objects by content, generators by identity. */
function keyOf(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'n:-0' : `n:${value}`;
    case 'string':
      return `s:${JSON.stringify(value)}`;
    case 'boolean':
    case 'bigint':
      return `${typeof value}:${value}`;
    case 'undefined':
      return 'u';
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  const object = value as Record<string, unknown>;
  if (typeof object.generate === 'function') {
    let id = ids.get(object);
    if (id === undefined) ids.set(object, (id = nextId++));
    return `g${id}`;
  }
  if (Object.getPrototypeOf(object) !== Object.prototype && !Array.isArray(object)) return undefined;
  const parts: string[] = [];
  // Insertion order counts: a record generates its fields in that order.
  for (const [k, v] of Object.entries(object)) {
    const part = keyOf(v);
    if (part === undefined) return undefined;
    parts.push(Array.isArray(object) ? part : `${JSON.stringify(k)}:${part}`);
  }
  return Array.isArray(object) ? `[${parts.join(',')}]` : `{${parts.join(',')}}`;
}
