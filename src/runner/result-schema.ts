/**
 * Reads a RunResult that came from the sandbox. Whatever ran there may have been hostile, so the
 * page trusts nothing about the shape: every field is checked and copied into a fresh object,
 * strings are cut to a length the page can draw, and the run's status is worked out here from
 * the per-check list (never taken from the worker's own `status` flag). A result that does not
 * fit becomes an error the learner can read.
 */
import { unreadableResultMessage } from './messages.ts';
import { CONSOLE_LIMIT_LINES, RESULT_VERSION } from './protocol.ts';
import type { CheckResult, CheckStatus, CodeFrame, ConsoleEntry, ConsoleLevel, ErrorKind, RunError, RunMode, RunResult, RunStatus } from './protocol.ts';

/** Longest string kept from a result (a message, a value, a console line). */
export const MAX_TEXT = 20_000;
/** More checks than any exercise has. */
export const MAX_CHECKS = 500;
/** Traces kept: the runner sends the last few (harness MAX_TRACES). */
export const MAX_RESULT_TRACES = 5;

const CHECK_STATUSES: readonly CheckStatus[] = ['passed', 'failed', 'error'];
const LEVELS: readonly ConsoleLevel[] = ['log', 'info', 'warn', 'error', 'debug'];
// Not 'stopped': only the page's runner may say the learner stopped a run.
const ERROR_KINDS: readonly ErrorKind[] = ['syntax', 'runtime', 'timeout'];

/** A call stack longer than the harness ever sends (it keeps 8 frames) is not a result of ours. */
const MAX_CALLS = 8;
const MAX_NAME = 80;

class Unreadable extends Error {}

function fail(what: string): never {
  throw new Unreadable(what);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(what);
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}… (cut)` : value;
}

function optionalText(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : text(value, what);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) fail(what);
  return value as T;
}

function list(value: unknown, max: number, what: string): unknown[] {
  if (!Array.isArray(value) || value.length > max) fail(what);
  return value;
}

function duration(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function position(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined;
}

function consoleEntries(value: unknown, what: string): ConsoleEntry[] {
  return list(value, CONSOLE_LIMIT_LINES + 1, what).map((entry) => {
    if (!isRecord(entry)) fail(what);
    return { level: oneOf(entry.level, LEVELS, what), text: text(entry.text, what) };
  });
}

function check(value: unknown): CheckResult {
  if (!isRecord(value)) fail('a check');
  const out: CheckResult = {
    name: text(value.name, 'a check name'),
    status: oneOf(value.status, CHECK_STATUSES, 'a check status'),
    durationMs: duration(value.durationMs),
  };
  const message = optionalText(value.message, 'a check message');
  const expected = optionalText(value.expected, 'an expected value');
  const received = optionalText(value.received, 'a received value');
  if (message !== undefined) out.message = message;
  if (expected !== undefined) out.expected = expected;
  if (received !== undefined) out.received = received;
  if (value.output !== undefined) out.output = consoleEntries(value.output, "a check's output");
  const line = position(value.line);
  const column = position(value.column);
  if (out.status === 'error' && line !== undefined) out.line = line;
  if (out.line !== undefined && column !== undefined) out.column = column;
  if (out.line !== undefined && value.callStack !== undefined) out.callStack = callStack(value.callStack);
  return out;
}

function runError(value: unknown): RunError {
  if (!isRecord(value)) fail('the error');
  const out: RunError = { kind: oneOf(value.kind, ERROR_KINDS, 'the error kind'), message: text(value.message, 'the error message') };
  const line = position(value.line);
  const column = position(value.column);
  if (line !== undefined) out.line = line;
  if (line !== undefined && column !== undefined) out.column = column;
  if (line !== undefined && value.callStack !== undefined) out.callStack = callStack(value.callStack);
  return out;
}

/** The learner's calls on the way to an error: a short list of positions with optional names. */
function callStack(value: unknown): CodeFrame[] {
  return list(value, MAX_CALLS, 'a call stack').map((frame) => {
    if (!isRecord(frame)) fail('a call stack');
    const line = position(frame.line);
    const column = position(frame.column);
    if (line === undefined || column === undefined) fail('a call stack');
    const name = optionalText(frame.name, "a function's name");
    return name === undefined ? { line, column } : { line, column, name: name.slice(0, MAX_NAME) };
  });
}

/**
 * What the page may conclude: an exercise passes when it ran to the end and every check it
 * reported passed, and there was at least one; an example passes when it ran to the end.
 */
export function statusOf(result: Pick<RunResult, 'error' | 'checks'>, mode: RunMode): RunStatus {
  if (result.error) return 'error';
  if (mode === 'example') return 'passed';
  if (result.checks.length === 0) return 'failed';
  return result.checks.every((c) => c.status === 'passed') ? 'passed' : 'failed';
}

export type ReadResult = { ok: true; result: RunResult } | { ok: false; message: string };

/** Checks and copies a result that arrived from the sandbox. */
export function readResult(value: unknown, mode: RunMode): ReadResult {
  try {
    if (!isRecord(value)) fail('the result');
    if (value.version !== RESULT_VERSION) fail('the result version');
    const checks = list(value.checks, MAX_CHECKS, 'the checks').map(check);
    const traces = list(value.traces, MAX_RESULT_TRACES, 'the traces');
    // Traces are drawn by renderers that check kind and version and cap what they draw.
    for (const trace of traces) if (!isRecord(trace)) fail('a trace');
    const result: RunResult = {
      version: RESULT_VERSION,
      status: 'error',
      checks,
      console: consoleEntries(value.console, 'the console output'),
      consoleTruncated: value.consoleTruncated === true,
      durationMs: duration(value.durationMs),
      traces: traces as RunResult['traces'],
    };
    if (value.error !== undefined) result.error = runError(value.error);
    result.status = statusOf(result, mode);
    return { ok: true, result };
  } catch (err) {
    if (err instanceof Unreadable) return { ok: false, message: unreadableResultMessage(err.message) };
    throw err;
  }
}
