/**
 * Renders any value as readable text for the learner: console arguments and the expected /
 * received values of a failed check. Looks like the JavaScript that would build the value
 * (`{ id: 1, name: "Ada" }`), stays on one line while short and breaks into indented lines when
 * long. The same code runs in the browser worker and in Node, so output is identical in both.
 */

const MAX_WIDTH = 72;
const MAX_DEPTH = 6;
const MAX_ITEMS = 100;
const INDENT = '  ';
const ASYMMETRIC_MATCHER = Symbol.for('jest.asymmetricMatcher');
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats one value; strings come out quoted. */
export function formatValue(value: unknown): string {
  // The value may be the learner's: a Proxy or a getter that throws, or recurses forever.
  try {
    return render(value, 0, new Set());
  } catch (err) {
    return `(a value that cannot be shown: reading it threw ${describeQuietly(err)})`;
  }
}

/** `value instanceof Error`, false when asking throws (a Proxy whose traps throw). */
export function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** What was thrown, in a few words, without running anything else of the learner's. */
export function describeQuietly(err: unknown): string {
  try {
    if (isError(err)) return `${err.name}: ${err.message}`.slice(0, 200);
    return typeof err === 'string' ? JSON.stringify(err.slice(0, 200)) : typeof err;
  } catch {
    return 'something that cannot be shown';
  }
}

/** Formats console.log-style arguments: top-level strings as-is, everything else formatted. */
export function formatConsoleArgs(args: readonly unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : formatValue(arg))).join(' ');
}

function render(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'function':
      return renderFunction(value);
  }
  if (value === null) return 'null';
  const object = value as object;
  if (isAsymmetricMatcher(object)) return renderMatcher(object, depth, seen);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return String(object);
  if (object instanceof Error) return `${object.name}: ${object.message}`;
  if (seen.has(object)) return '[Circular]';
  const name = constructorName(object);
  if (depth >= MAX_DEPTH) return Array.isArray(object) ? '[Array]' : `[${name ?? 'Object'}]`;

  seen.add(object);
  try {
    const inner = (item: unknown) => render(item, depth + 1, seen);
    if (Array.isArray(object)) {
      return group('[', limit(object, inner), ']', object.length);
    }
    if (object instanceof Map) {
      const entries = limit([...object], ([key, item]) => `${inner(key)} => ${inner(item)}`);
      return group(`Map(${object.size}) {`, entries, '}', object.size);
    }
    if (object instanceof Set) {
      return group(`Set(${object.size}) {`, limit([...object], inner), '}', object.size);
    }
    const keys = Object.keys(object);
    const fields = limit(keys, (key) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${inner((object as Record<string, unknown>)[key])}`);
    const open = name && name !== 'Object' ? `${name} {` : '{';
    return keys.length === 0 ? `${open}}` : group(open, fields, '}', keys.length);
  } finally {
    seen.delete(object);
  }
}

/** Renders at most MAX_ITEMS items; the caller adds how many were left out. */
function limit<T>(items: readonly T[], renderItem: (item: T) => string): string[] {
  return items.slice(0, MAX_ITEMS).map(renderItem);
}

/** One line when it fits, otherwise one item per line, indented. */
function group(open: string, items: string[], close: string, total: number): string {
  const parts = total > items.length ? [...items, `... ${total - items.length} more`] : items;
  if (parts.length === 0) return `${open}${close}`;
  const pad = open.endsWith('{') ? ' ' : '';
  const oneLine = `${open}${pad}${parts.join(', ')}${pad}${close}`;
  if (oneLine.length <= MAX_WIDTH && !oneLine.includes('\n')) return oneLine;
  const lines = parts.map((part) => INDENT + part.replaceAll('\n', `\n${INDENT}`));
  return `${open}\n${lines.join(',\n')},\n${close}`;
}

function renderFunction(fn: Function): string {
  const isClass = Function.prototype.toString.call(fn).startsWith('class');
  if (isClass) return `[class ${fn.name || '(anonymous)'}]`;
  return `[Function ${fn.name || '(anonymous)'}]`;
}

function constructorName(object: object): string | undefined {
  const proto = Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null;
  if (proto === null) return undefined;
  return proto.constructor?.name || undefined;
}

interface AsymmetricMatcherLike {
  sample?: unknown;
  toString(): string;
  toAsymmetricMatcher?: () => string;
}

function isAsymmetricMatcher(object: object): object is AsymmetricMatcherLike {
  return (object as { $$typeof?: unknown }).$$typeof === ASYMMETRIC_MATCHER;
}

/** expect.any(String) -> Any<String>, expect.objectContaining({...}) -> ObjectContaining { ... }. */
function renderMatcher(matcher: AsymmetricMatcherLike, depth: number, seen: Set<object>): string {
  if (typeof matcher.toAsymmetricMatcher === 'function') return matcher.toAsymmetricMatcher();
  if (matcher.sample === undefined) return matcher.toString();
  return `${matcher.toString()} ${render(matcher.sample, depth + 1, seen)}`;
}
