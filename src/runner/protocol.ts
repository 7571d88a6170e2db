/**
 * The runner's data contract: what the page asks for and what it gets back. Both the
 * browser worker and the Node host speak it; the UI renders RunResult and nothing else.
 * Bump RESULT_VERSION (and PROTOCOL_VERSION) when a field changes meaning.
 */
import type { Trace } from '../engine/traces.ts';

export const RESULT_VERSION = 2;
export const PROTOCOL_VERSION = 3;
export const DEFAULT_TIMEOUT_MS = 5000;
/** Console output kept per run; past either limit the result says it was cut. */
export const CONSOLE_LIMIT_CHARS = 20_000;
export const CONSOLE_LIMIT_LINES = 1_000;

export type RunMode = 'exercise' | 'example';

export interface RunRequest {
  mode: RunMode;
  /** The learner's TypeScript (or an example's). Imports registered modules such as '@sai/spark'. */
  code: string;
  /**
   * The registered modules the code may import (an exercise's `modules` in exercise.json). Absent:
   * every module open to learner code (examples).
   */
  modules?: readonly string[];
  /**
   * Hidden checks (TypeScript): import from 'vitest', './solution' (= the learner's module), the
   * exercise's modules and the check library '@sai/checks'.
   */
  checks?: string;
  /**
   * The same checks already turned into JavaScript by compileChecks() (the site does it at
   * build time, since checks never change); when present, `checks` is not transpiled again.
   */
  compiledChecks?: string;
  /** Time budget for the whole run, async work included. */
  timeoutMs?: number;
}

/** A call in the learner's own code on the way to an error: 1-based position, and the function's name when known. */
export interface CodeFrame {
  line: number;
  column: number;
  name?: string;
}

/** passed; failed: a wrong answer (an assertion failed); error: the code under test crashed (it threw). */
export type CheckStatus = 'passed' | 'failed' | 'error';

export interface CheckResult {
  /** "describe > test" path. */
  name: string;
  status: CheckStatus;
  /** What the learner's code printed while this check ran (the checks' own output is never shown). */
  output?: ConsoleEntry[];
  /** What went wrong, in words meant for the learner. */
  message?: string;
  /** Pretty-printed expected and received values, when the failed assertion had them. */
  expected?: string;
  received?: string;
  /** For `error`: where the learner's code threw (1-based), when it was in their code. */
  line?: number;
  column?: number;
  /** For `error`: the calls in the learner's code that led there, innermost first (when more than one). */
  callStack?: CodeFrame[];
  durationMs: number;
}

export type ConsoleLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface ConsoleEntry {
  level: ConsoleLevel;
  text: string;
}

/** `stopped`: the learner pressed Stop (only the page's runner says this, never the code's worker). */
export type ErrorKind = 'syntax' | 'runtime' | 'timeout' | 'stopped';

export interface RunError {
  kind: ErrorKind;
  message: string;
  /** 1-based line and column in the learner's own code, when known. */
  line?: number;
  column?: number;
  /** The calls in the learner's code that led to the error, innermost first (when more than one). */
  callStack?: CodeFrame[];
}

export type RunStatus = 'passed' | 'failed' | 'error';

export interface RunResult {
  version: typeof RESULT_VERSION;
  /** passed: every check passed (or an example ran cleanly); failed: a check failed or crashed; error: the code could not run to the end. */
  status: RunStatus;
  checks: CheckResult[];
  console: ConsoleEntry[];
  /** True when console output passed CONSOLE_LIMIT_CHARS and the rest was dropped. */
  consoleTruncated: boolean;
  error?: RunError;
  durationMs: number;
  /** Traces the simulated systems recorded during the run (the last few), each drawn by the renderer of its kind. */
  traces: Trace[];
}
