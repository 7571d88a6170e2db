/**
 * One run, start to finish: transpile -> load the learner's module -> run the hidden checks
 * (mode 'exercise') or just the code (mode 'example') -> a RunResult. The browser worker and
 * the Node worker both call this same function; it knows nothing about either host. What it
 * cannot do from inside is stop a synchronous infinite loop: the host does that by ending the
 * whole worker.
 */
import type { JobTrace } from '../engine/trace.ts';
import { watchAsyncErrors } from './async-errors.ts';
import type { AsyncErrorKind } from './async-errors.ts';
import { createCheckCollection } from './checks-api.ts';
import { captureConsole } from './console-capture.ts';
import { formatValue } from './format.ts';
import {
  missingExportMessage,
  missingSolutionExportMessage,
  neverSettledMessage,
  nonErrorMessage,
  uncaughtCallbackErrorMessage,
  unhandledRejectionMessage,
} from './messages.ts';
import { loadModule, locateInStack, strictModule } from './modules.ts';
import { DEFAULT_TIMEOUT_MS, RESULT_VERSION } from './protocol.ts';
import type { CheckResult, RunError, RunRequest, RunResult } from './protocol.ts';
import { compileChecks, errorText, transpile } from './transpile.ts';
import type { Transpiled } from './transpile.ts';

export const LEARNER_FILE = 'learner.ts';
export const CHECKS_FILE = 'checks.ts';
/** The diagram shows the last few jobs; older traces are dropped. */
export const MAX_TRACES = 5;

// Kept from load time so learner code that reassigns the globals cannot disarm the budget.
const { setTimeout, clearTimeout } = globalThis;

type TraceListener = (listener: ((trace: JobTrace) => void) | null) => void;

/** Where an error happened in the learner's own code, if it did. */
type Locate = (error: unknown) => { line: number; column: number } | undefined;

export async function runHarness(request: RunRequest, engine: Record<string, unknown>): Promise<RunResult> {
  const started = performance.now();
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const checks: CheckResult[] = [];
  const traces: JobTrace[] = [];
  const onJobTrace = typeof engine.onJobTrace === 'function' ? (engine.onJobTrace as TraceListener) : undefined;
  let learner: Transpiled | undefined;
  const locate: Locate = (error) => {
    const position = learner && locateInStack((error as { stack?: unknown } | null)?.stack, LEARNER_FILE);
    return position && learner ? learner.originalPosition(position.line, position.column) : undefined;
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
  const output = captureConsole();
  const stopWatching = watchAsyncErrors((kind, reason) => interrupt(asyncError(kind, reason, locate)));
  const timer = setTimeout(() => interrupt({ kind: 'timeout', message: neverSettledMessage(timeoutMs) }), timeoutMs);
  onJobTrace?.((trace) => {
    traces.push(trace);
    if (traces.length > MAX_TRACES) traces.shift();
  });

  let error: RunError | undefined;
  try {
    const execution = execute(request, engine, checks, locate, (module) => (learner = module));
    error = await Promise.race([execution, interrupted]);
    // Unhandled rejections are announced in a task queued after the microtasks drain, which a
    // browser may order after an already-queued timer: wait two tasks for the announcement.
    if (!error) for (let i = 0; i < 2; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    error ??= interruption;
  } finally {
    clearTimeout(timer);
    stopWatching();
    onJobTrace?.(null);
    output.restore();
  }

  const anyFailed = checks.some((check) => check.status === 'failed');
  return {
    version: RESULT_VERSION,
    status: error ? 'error' : anyFailed ? 'failed' : 'passed',
    // Copies: after a timeout the abandoned checks may still be running in the background.
    checks: [...checks],
    console: output.entries,
    consoleTruncated: output.truncated,
    ...(error ? { error } : {}),
    durationMs: performance.now() - started,
    traces: [...traces],
  };
}

/** Everything that can go wrong inside comes back as a RunError; undefined means it ran to the end. */
async function execute(
  request: RunRequest,
  engine: Record<string, unknown>,
  checks: CheckResult[],
  locate: Locate,
  onTranspiled: (module: Transpiled) => void,
): Promise<RunError | undefined> {
  const learner = transpile(request.code, LEARNER_FILE);
  if (!learner.ok) return learner.error;
  onTranspiled(learner.module);

  const engineModule = strictModule(engine, (name) => missingExportMessage('@sai/engine', name));
  let solution: Record<string, unknown>;
  try {
    solution = strictModule(await loadModule(learner.module.code, LEARNER_FILE, { '@sai/engine': engineModule }), missingSolutionExportMessage);
  } catch (err) {
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
    await loadModule(checksCode, CHECKS_FILE, {
      '@sai/engine': engineModule,
      vitest: collection.api,
      './solution': solution,
      './solution.ts': solution,
    });
  } catch (err) {
    const where = locate(err);
    if (where) return runtimeError(err, locate, 'Your code');
    return { kind: 'runtime', message: `The hidden checks could not start: ${describeThrown(err, 'They')}` };
  }
  if (collection.count() === 0) return { kind: 'runtime', message: 'The hidden checks define no tests.' };
  await collection.run(
    (result) => checks.push(result),
    (err) => {
      const where = locate(err);
      return where ? `line ${where.line} of your code` : undefined;
    },
  );
  return undefined;
}

function runtimeError(err: unknown, locate: Locate, who: string): RunError {
  return { kind: 'runtime', message: describeThrown(err, who), ...locate(err) };
}

function asyncError(kind: AsyncErrorKind, reason: unknown, locate: Locate): RunError {
  const text = reason instanceof Error ? describeThrown(reason, 'It') : formatValue(reason);
  const message = kind === 'rejection' ? unhandledRejectionMessage(text) : uncaughtCallbackErrorMessage(text);
  return { kind: 'runtime', message, ...locate(reason) };
}

/** "TypeError: x is not a function", or a hint when something other than an Error was thrown. */
function describeThrown(err: unknown, who: string): string {
  if (err instanceof Error) return errorText(err);
  return `${who} ${nonErrorMessage(formatValue(err))}`;
}
