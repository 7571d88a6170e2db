/**
 * Build-time list of the engine's public names for editor completions: its exports and
 * the methods of its exported classes. Read from the module itself so it never drifts.
 */
export type CompletionEntry = [label: string, type: string, detail: string];

export function engineCompletions(engine: Record<string, unknown>): CompletionEntry[] {
  const entries = new Map<string, CompletionEntry>();
  for (const [name, value] of Object.entries(engine)) {
    if (typeof value === 'function') {
      const isClass = /^class\b/.test(Function.prototype.toString.call(value));
      entries.set(name, [name, isClass ? 'class' : 'function', '@sai/engine']);
      if (isClass) {
        for (const method of Object.getOwnPropertyNames(value.prototype)) {
          if (method === 'constructor' || method.startsWith('_') || entries.has(method)) continue;
          entries.set(method, [method, 'method', name]);
        }
      }
    } else if (typeof value !== 'undefined' && !entries.has(name)) {
      entries.set(name, [name, 'constant', '@sai/engine']);
    }
  }
  return [...entries.values()].sort((a, b) => a[0].localeCompare(b[0]));
}
