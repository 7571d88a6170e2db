/** Read-only data (a broadcast's executor copy, a check's input or fixture), frozen the same way everywhere. */

/** Freezes arrays and plain objects, inside Maps and Sets too (Maps and Sets themselves stay usable). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k);
      deepFreeze(v);
    }
    return value;
  }
  if (value instanceof Set) {
    for (const v of value) deepFreeze(v);
    return value;
  }
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}
