/**
 * Loads transpiled code as a module. The code becomes the body of an async function
 * (so top-level await works) that receives `require`, `module` and `exports`, the way
 * CommonJS wraps a file; `//# sourceURL=` names it in stack traces (learner.ts, checks.ts).
 * `require` knows only the few modules a run may use; anything else is refused.
 */
import { forbiddenImportMessage } from './messages.ts';

export type Exports = Record<string, unknown>;
type ModuleBody = (require: (specifier: string) => unknown, module: { exports: Exports }, exports: Exports, ...scope: unknown[]) => Promise<void>;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => ModuleBody;

/**
 * Runs `code` and returns its exports. `modules` maps an import specifier to what it resolves to;
 * `scope` adds names the code sees instead of the globals of the same name (the checks get a
 * console that prints nothing, so only the learner's own output reaches the learner).
 */
export async function loadModule(
  code: string,
  fileName: string,
  modules: Readonly<Record<string, unknown>>,
  options: { scope?: Readonly<Record<string, unknown>>; allowed?: readonly string[] } = {},
): Promise<Exports> {
  const scope = options.scope ?? {};
  // Named in the refusal message: what may be imported here, loaded or not.
  const allowed = options.allowed ?? Object.keys(modules).filter((name) => !name.endsWith('.ts'));
  const require = (specifier: string): unknown => {
    if (Object.hasOwn(modules, specifier)) return modules[specifier];
    throw new Error(forbiddenImportMessage(specifier, allowed));
  };
  const module = { exports: {} as Exports };
  const names = Object.keys(scope);
  const body = new AsyncFunction('require', 'module', 'exports', ...names, `${code}\n//# sourceURL=${fileName}`);
  await body(require, module, module.exports, ...names.map((name) => scope[name]));
  return module.exports;
}

/** The import specifiers a transpiled module requires, in order of first use. */
export function requiredSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/\brequire\((["'])([^"'\n]+)\1\)/g)) found.add(match[2]);
  return [...found];
}

// Looked up by module interop helpers and promise checks; absent is a normal answer for these.
const PROBED = new Set(['__esModule', 'default', 'then', 'toJSON', 'constructor']);

/**
 * A module whose missing exports fail loudly at the line that uses them, as a real ES module
 * import would fail at load. Without it, `notInTheEngine()` would surface as a cryptic
 * "Cannot read properties of undefined (reading 'call')" from the transpiled call.
 */
export function strictModule(exports: object, missing: (name: string) => string): Exports {
  return new Proxy(exports as Exports, {
    get(target, property, receiver) {
      if (typeof property === 'symbol' || property in target || PROBED.has(property)) {
        return Reflect.get(target, property, receiver);
      }
      throw new Error(missing(property));
    },
  });
}

let wrapperLines: number | undefined;

/**
 * How many lines the engine puts before the body of a Function built from strings
 * (V8 writes `async function anonymous(require,module,exports\n) {\n`). Measured once by
 * reading a probe's own stack rather than assumed, so another engine's header still maps right.
 */
function bodyLineOffset(): number {
  if (wrapperLines === undefined) {
    const probe = { exports: {} as Exports };
    // An async function runs synchronously up to its first await, so the stack is ready right away.
    void new AsyncFunction('require', 'module', 'exports', 'module.exports.stack = new Error().stack;\n//# sourceURL=offset-probe.ts')(
      () => undefined,
      probe,
      probe.exports,
    );
    const match = /offset-probe\.ts:(\d+):\d+/.exec(String(probe.exports.stack));
    wrapperLines = match ? Number(match[1]) - 1 : 0;
  }
  return wrapperLines;
}

/** The first stack frame in `fileName` as a 1-based line/column of the transpiled body, if any. */
export function locateInStack(stack: unknown, fileName: string): { line: number; column: number } | undefined {
  return framesInStack(stack, fileName, 1)[0];
}

/** At most this many of the learner's own frames are kept: a deep recursion says enough in a few. */
const MAX_FRAMES = 8;

/**
 * The stack frames in `fileName`, innermost first, as 1-based positions of the transpiled body
 * with the function's name when the stack gives one ("at helper (learner.ts:3:9)"). Frames of the
 * engine, the checks and the runner are left out: the learner needs only their own code's calls.
 */
export function framesInStack(stack: unknown, fileName: string, limit = MAX_FRAMES): Array<{ line: number; column: number; name?: string }> {
  if (typeof stack !== 'string') return [];
  const escaped = fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const position = new RegExp(`${escaped}:(\\d+):(\\d+)`);
  const frames: Array<{ line: number; column: number; name?: string }> = [];
  for (const text of stack.split('\n')) {
    const at = position.exec(text);
    if (!at) continue;
    // V8 writes "at name (file:line:col)"; Firefox and Safari write "name@file:line:col".
    const named = /^\s*at (?:async )?([^\s(]+) \(/.exec(text)?.[1] ?? /^([^@\s]+)@/.exec(text)?.[1];
    const name = named && !/^(Object|Module)\.|^(eval|<anonymous>)$/.test(named) ? named : undefined;
    frames.push({ line: Number(at[1]) - bodyLineOffset(), column: Number(at[2]), ...(name ? { name } : {}) });
    if (frames.length >= limit) break;
  }
  return frames;
}
