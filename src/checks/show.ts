/**
 * Short, exact text for values inside check messages: strings quoted, NaN and -0 visible, rows as
 * `{ id: 1, name: "Ada" }`, long lists cut. What a learner needs to spot 1 versus "1".
 */
const MAX_ITEMS = 8;
const MAX_LENGTH = 300;

export function show(value: unknown): string {
  const text = render(value, 0);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined || typeof value !== 'object') return typeof value === 'function' ? 'a function' : String(value);
  if (depth > 3) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) return list('[', value, ']', (v) => render(v, depth + 1));
  if (value instanceof Map) return list('Map {', [...value], '}', ([k, v]) => `${render(k, depth + 1)} => ${render(v, depth + 1)}`);
  if (value instanceof Set) return list('Set {', [...value], '}', (v) => render(v, depth + 1));
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return list('{ ', entries, ' }', ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${render(v, depth + 1)}`);
}

function list<T>(open: string, items: readonly T[], close: string, item: (x: T) => string): string {
  const shown = items.slice(0, MAX_ITEMS).map(item);
  if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
  return `${open}${shown.join(', ')}${close}`;
}

/** "1 row", "3 rows". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
