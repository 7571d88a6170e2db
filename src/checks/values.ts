/**
 * Value identity as the exercises define it, which is how a JavaScript Map compares keys and how
 * Spark compares join keys once floating-point values are normalized: NaN equals NaN, 0 equals -0,
 * and values of different types never match (1 is not '1', false is not 0). Nulls are equal to each
 * other here (as values in a row); it is the join rules, not value identity, that keep null keys apart.
 */

/** True when two cell values are the same value (see above). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b)) return deepEqual(a, b);
  return a === b || (a !== a && b !== b); // NaN equals NaN
}

function isObject(x: unknown): x is object {
  return typeof x === 'object' && x !== null;
}

/** Object keys as they appear in a value key, quoted once per realm (rows repeat the same few keys). */
const quotedKeys = new Map<string, string>();

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * A string that is equal for two values exactly when sameValue is true (for multiset counting).
 * Built with plain loops: checks compute one per row of every generated case.
 */
export function valueKey(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? 'n:NaN' : `n:${value === 0 ? 0 : value}`;
    case 'string':
      return `s:${JSON.stringify(value)}`;
    case 'boolean':
      return value ? 'b:true' : 'b:false';
    case 'bigint':
      return `i:${value}`;
    case 'undefined':
      return 'u';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + valueKey(value[i]);
        return text + ']';
      }
      const keys = Object.keys(value);
      if (keys.length > 1) keys.sort();
      let text = '{';
      for (let i = 0; i < keys.length; i++) {
        text += `${i > 0 ? ',' : ''}${quoted(keys[i])}:${valueKey((value as Record<string, unknown>)[keys[i]])}`;
      }
      return text + '}';
    }
    default:
      return `?:${String(value)}`;
  }
}

/** Structural equality with sameValue at the leaves; Maps and Sets compare by content. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return a !== a && b !== b; // NaN equals NaN; other leaves were === above
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
