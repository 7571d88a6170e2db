/**
 * Makes the harness's tools unchangeable before learner code runs in a worker. Learner code
 * shares the worker's realm with the harness, the engines and the assertion library, so without
 * this it could, say, replace `Array.prototype.some` or `Object.is` and turn a failed check into
 * a pass. After lockDown():
 *   - the built-in constructors, their prototypes and the iterator prototypes are frozen, and the
 *     global names that point at them cannot be reassigned (strict code gets a TypeError that
 *     names the property);
 *   - the assertion library's prototypes, config and matcher tables are frozen, and the globals
 *     it keeps its tables under cannot be redefined.
 * Left alone on purpose: Error prototypes (freezing them breaks `this.name = ...` in learner error
 * classes; the constructors' statics are frozen), Math, Date and performance (checks replay runs under another clock and other random
 * numbers, see @sai/checks inWorld; nothing is graded through them) and `console` (each run
 * records output by swapping its methods).
 * Called once per worker (worker-serve.ts boot), never in a test runner's own realm.
 */
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  Any,
  Anything,
  ArrayContaining,
  AsymmetricMatcher,
  JEST_MATCHERS_OBJECT,
  MATCHERS_OBJECT,
  ObjectContaining,
  StringContaining,
  StringMatching,
  chai,
} from '@vitest/expect';

const GLOBAL_NAMES = [
  'Object', 'Array', 'Function', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Symbol', 'String', 'Number',
  'Boolean', 'BigInt', 'RegExp', 'JSON', 'Reflect', 'Proxy', 'Error', 'TypeError', 'RangeError', 'SyntaxError',
  'ReferenceError', 'AggregateError', 'ArrayBuffer', 'DataView', 'Uint8Array', 'Float64Array', 'Int32Array', 'Iterator',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone', 'globalThis',
] as const;

const ERROR_CONSTRUCTORS = ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'] as const;

/** Constructors whose own statics and prototype are frozen. */
const CONSTRUCTORS = [
  'Object', 'Array', 'Function', 'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Symbol', 'String', 'Number',
  'Boolean', 'BigInt', 'RegExp', 'ArrayBuffer', 'DataView', 'Iterator',
] as const;

/** Prototypes reachable only through instances: what `[...xs]`, `for of` and async functions use. */
function hiddenIntrinsics(): object[] {
  const proto = Object.getPrototypeOf;
  const generator = function* () {};
  const asyncGenerator = async function* () {};
  const asyncFunction = async () => {};
  return [
    proto([][Symbol.iterator]()), // %ArrayIteratorPrototype%
    proto(proto([][Symbol.iterator]())), // %IteratorPrototype%
    proto(new Map()[Symbol.iterator]()),
    proto(new Set()[Symbol.iterator]()),
    proto(''[Symbol.iterator]()),
    proto(/a/[Symbol.matchAll]('')),
    proto(generator), // %GeneratorFunction.prototype%
    proto(generator).prototype, // %GeneratorPrototype%
    proto(asyncGenerator),
    proto(asyncGenerator).prototype,
    proto(proto(asyncGenerator).prototype), // %AsyncIteratorPrototype%
    proto(asyncFunction), // %AsyncFunction.prototype%
    proto(asyncFunction).constructor, // AsyncFunction (the module loader builds code with it)
    proto(Uint8Array), // %TypedArray%
    proto(Uint8Array).prototype,
    Uint8Array.prototype,
    Float64Array.prototype,
    Int32Array.prototype,
  ];
}

/** Module namespace objects are immutable already, and Object.freeze() throws on them. */
function freeze(value: unknown): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if ((value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Module') return;
  Object.freeze(value);
}

/**
 * A built-in or library class, statics and prototype. (The engines' own freezeClass is theirs: the
 * runner reaches the engine only through the registry and the run context.)
 */
function freezeBuiltIn(value: unknown): void {
  if (typeof value !== 'function') return;
  Object.freeze(value);
  if (value.prototype) Object.freeze(value.prototype);
}

/** The assertion library's objects the checks go through. */
function freezeAssertions(): void {
  for (const matcher of [AsymmetricMatcher, Any, Anything, ArrayContaining, ObjectContaining, StringContaining, StringMatching]) freezeBuiltIn(matcher);
  freezeBuiltIn(chai.Assertion);
  freezeBuiltIn(chai.AssertionError);
  freeze(chai.config);
  freeze(chai.util);
  freeze(chai);
  const scope = globalThis as unknown as Record<symbol, { matchers?: object; customEqualityTesters?: object } | undefined>;
  const tables = scope[JEST_MATCHERS_OBJECT];
  if (tables?.matchers) Object.freeze(tables.matchers);
  // Learner code pushing an equality tester that always says "equal" would pass every toEqual.
  if (tables?.customEqualityTesters) Object.freeze(tables.customEqualityTesters);
  const asymmetric = scope[ASYMMETRIC_MATCHERS_OBJECT];
  if (asymmetric) Object.freeze(asymmetric);
  for (const key of [MATCHERS_OBJECT, JEST_MATCHERS_OBJECT, ASYMMETRIC_MATCHERS_OBJECT]) {
    if (Object.getOwnPropertyDescriptor(globalThis, key)?.configurable) Object.defineProperty(globalThis, key, { configurable: false });
  }
}

let locked = false;

/** Freezes the built-ins and the assertion library. Idempotent. */
export function lockDown(): void {
  if (locked) return;
  locked = true;
  const scope = globalThis as unknown as Record<string, unknown>;
  freezeAssertions();
  for (const name of CONSTRUCTORS) freezeBuiltIn(scope[name]);
  Object.freeze(JSON);
  Object.freeze(Reflect);
  // The error constructors themselves (not their prototypes): prepareStackTrace, isError and
  // Symbol.hasInstance decide how the harness reads every failure.
  for (const name of ERROR_CONSTRUCTORS) freeze(scope[name]);
  for (const intrinsic of hiddenIntrinsics()) if (intrinsic) Object.freeze(intrinsic);
  for (const name of GLOBAL_NAMES) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor?.configurable && 'value' in descriptor) Object.defineProperty(globalThis, name, { writable: false, configurable: false });
  }
}
