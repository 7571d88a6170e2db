/**
 * One run, start to finish: transpile -> load the modules the code imports (from the module
 * registry) -> load the learner's module -> run the hidden checks (mode 'exercise') or just the
 * code (mode 'example') -> a RunResult. The browser worker and the Node worker both call this same
 * function; it knows nothing about either host. What it cannot do from inside is stop a
 * synchronous infinite loop: the host does that by ending the whole worker, which is why every
 * console line is also handed to `onConsole` as it is printed.
 */
import { beginRun, endRun } from '../engine/kernel/run-context.ts';
import type { Trace } from '../engine/traces.ts';
import { checkOnlyModuleNames, learnerModuleNames, loadModules } from '../modules/registry.ts';
import { watchAsyncErrors } from './async-errors.ts';
import type { AsyncErrorKind } from './async-errors.ts';
import { createCheckCollection } from './checks-api.ts';
import { captureConsole, type ConsoleListener } from './console-capture.ts';
import { formatValue, isError } from './format.ts';
import {
  missingExportMessage,
  missingSolutionExportMessage,
  neverSettledMessage,
  nonErrorMessage,
  uncaughtCallbackErrorMessage,
  unhandledRejectionMessage,
} from './messages.ts';
import { framesInStack, loadModule, requiredSpecifiers, strictModule } from './modules.ts';
import { DEFAULT_TIMEOUT_MS, RESULT_VERSION } from './protocol.ts';
import type { CheckResult, CodeFrame, RunError, RunRequest, RunResult } from './protocol.ts';
import { explainDuplicateDeclaration } from './syntax-hints.ts';
import { compileChecks, errorText, transpile } from './transpile.ts';
import type { Transpiled } from './transpile.ts';

export const LEARNER_FILE = 'learner.ts';
export const CHECKS_FILE = 'checks.ts';
/** The diagram shows the last few traces; older ones are dropped. */
export const MAX_TRACES = 5;

// Kept from load time so learner code that reassigns the globals cannot disarm the budget.
const { setTimeout, clearTimeout } = globalThis;

/** What the checks' own `console` does: nothing, so only the learner's output reaches the learner. */
const SILENT_CONSOLE = Object.freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {}, table() {}, dir() {} });

/** Where an error happened in the learner's own code, if it did, and the calls there. */
type Locate = (error: unknown) => { line: number; column: number; callStack?: CodeFrame[] } | undefined;

export interface HarnessOptions {
  /** Hears every console entry as it is printed (see console-capture.ts). */
  onConsole?: ConsoleListener;
}

/** The run in progress in this realm, if any: runs take turns (see runHarness). */
let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs one request. Runs in the same realm take turns: a run swaps the global console and owns the
 * engine's run context while it lasts, so two at once (e.g. examples rendered in parallel at build
 * time) would mix their output and traces. Workers run one at a time anyway.
 */
export function runHarness(request: RunRequest, options: HarnessOptions = {}): Promise<RunResult> {
  const turn = previous.then(() => runAlone(request, options));
  previous = turn.catch(() => undefined);
  return turn;
}

async function runAlone(request: RunRequest, options: HarnessOptions): Promise<RunResult> {
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const checks: CheckResult[] = [];
  let learner: Transpiled | undefined;
  const locate: Locate = (error) => {
    let stack: unknown;
    try {
      stack = (error as { stack?: unknown } | null)?.stack; // a learner's getter may throw
    } catch {
      return undefined;
    }
    if (!learner) return undefined;
    const source = learner;
    const frames = framesInStack(stack, LEARNER_FILE).map(({ line, column, name }) => ({ ...source.originalPosition(line, column), ...(name ? { name } : {}) }));
    if (frames.length === 0) return undefined;
    const { line, column } = frames[0];
    return frames.length > 1 ? { line, column, callStack: frames } : { line, column };
  };

  // The run ends at the first of: the code finishing, an error escaping it, or the budget.
  let interruption: RunError | undefined;
  let interrupt!: (error: RunError) => void;
  const interrupted = new Promise<RunError>((resolve) => {
    interrupt = (error) => {
      interruption ??= error;
      resolve(interruption);
    };
  });
  const output = captureConsole({}, options.onConsole);
  const stopWatching = watchAsyncErrors((kind, reason) => interrupt(asyncError(kind, reason, locate)));
  const timer = setTimeout(() => interrupt({ kind: 'timeout', message: neverSettledMessage(timeoutMs) }), timeoutMs);
  // A fresh context for the simulated systems: their traces, ids and caches belong to this run only.
  const run = beginRun({ keepTraces: MAX_TRACES });

  let error: RunError | undefined;
  try {
    const execution = execute(request, checks, output, locate, (module) => (learner = module));
    error = await Promise.race([execution, interrupted]);
    // Unhandled rejections are announced in a task queued after the microtasks drain, which a
    // browser may order after an already-queued timer: wait two tasks for the announcement.
    if (!error) for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    error ??= interruption;
  } finally {
    clearTimeout(timer);
    stopWatching();
    endRun(run);
    output.restore();
  }

  const anyFailed = checks.some((check) => check.status !== 'passed');
  return {
    version: RESULT_VERSION,
    status: error ? 'error' : anyFailed ? 'failed' : 'passed',
    // Copies: after a timeout the abandoned checks may still be running in the background.
    checks: [...checks],
    console: [...output.entries],
    consoleTruncated: output.truncated,
    ...(error ? { error } : {}),
    durationMs: performance.now() - started,
    traces: run.traces.list() as Trace[],
  };
}

/** Everything that can go wrong inside comes back as a RunError; undefined means it ran to the end. */
async function execute(
  request: RunRequest,
  checks: CheckResult[],
  output: { entries: readonly unknown[] },
  locate: Locate,
  onTranspiled: (module: Transpiled) => void,
): Promise<RunError | undefined> {
  const learner = transpile(request.code, LEARNER_FILE);
  if (!learner.ok) return learner.error;
  onTranspiled(learner.module);

  // The learner may import the exercise's modules (examples: any learner module); load those it uses.
  const open = request.modules ?? learnerModuleNames();
  let learnerModules: Record<string, unknown>;
  try {
    learnerModules = await strictModules(requiredSpecifiers(learner.module.code).filter((name) => open.includes(name)));
  } catch (err) {
    return { kind: 'runtime', message: `A module could not be loaded: ${describeThrown(err, 'It')}` };
  }
  let solution: Record<string, unknown>;
  try {
    const exports = await loadModule(learner.module.code, LEARNER_FILE, learnerModules, { allowed: open });
    solution = strictModule(exports, missingSolutionExportMessage);
  } catch (err) {
    // A name declared twice fails when the code is compiled, before any line runs: find it in the source.
    const twice = duplicateDeclaration(err, request.code);
    if (twice) return { kind: 'syntax', ...twice };
    return runtimeError(err, locate, 'Your code');
  }
  if (request.mode === 'example') return undefined;

  let checksCode = request.compiledChecks;
  if (checksCode === undefined) {
    if (!request.checks) return { kind: 'runtime', message: 'This exercise has no checks to run.' };
    try {
      checksCode = compileChecks(request.checks);
    } catch (err) {
      return { kind: 'runtime', message: (err as Error).message };
    }
  }
  const collection = createCheckCollection();
  try {
    const checkable = [...open, ...checkOnlyModuleNames()];
    const checkModules = await strictModules(requiredSpecifiers(checksCode).filter((name) => checkable.includes(name)));
    await loadModule(
      checksCode,
      CHECKS_FILE,
      { ...checkModules, vitest: collection.api, './solution': solution, './solution.ts': solution },
      { scope: { console: SILENT_CONSOLE }, allowed: [...checkable, 'vitest', './solution'] },
    );
  } catch (err) {
    const where = locate(err);
    if (where) return runtimeError(err, locate, 'Your code');
    return { kind: 'runtime', message: `The hidden checks could not start: ${describeThrown(err, 'They')}` };
  }
  if (collection.count() === 0) return { kind: 'runtime', message: 'The hidden checks define no tests.' };
  await collection.run((result) => checks.push(result), locate, output);
  return undefined;
}

/** Registered modules by name, each failing loudly on a missing export (see strictModule). */
async function strictModules(names: readonly string[]): Promise<Record<string, unknown>> {
  const modules = await loadModules(names);
  return Object.fromEntries(names.map((name) => [name, strictModule(modules[name], (missing) => missingExportMessage(name, missing))]));
}

/** The engine's "declared twice" error, explained; anything else (a thrown Proxy included) is not one. */
function duplicateDeclaration(err: unknown, source: string): ReturnType<typeof explainDuplicateDeclaration> {
  try {
    return err instanceof SyntaxError ? explainDuplicateDeclaration(String(err.message), source) : undefined;
  } catch {
    return undefined;
  }
}

function runtimeError(err: unknown, locate: Locate, who: string): RunError {
  return { kind: 'runtime', message: describeThrown(err, who), ...locate(err) };
}

function asyncError(kind: AsyncErrorKind, reason: unknown, locate: Locate): RunError {
  const text = isError(reason) ? describeThrown(reason, 'It') : formatValue(reason);
  const message = kind === 'rejection' ? unhandledRejectionMessage(text) : uncaughtCallbackErrorMessage(text);
  return { kind: 'runtime', message, ...locate(reason) };
}

/** "TypeError: x is not a function", or a hint when something other than an Error was thrown. */
function describeThrown(err: unknown, who: string): string {
  if (isError(err)) return errorText(err);
  return `${who} ${nonErrorMessage(formatValue(err))}`;
}
