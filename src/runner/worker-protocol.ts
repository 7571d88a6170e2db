/**
 * The messages between a host (the page, or Node) and a runner worker. The host boots a fresh
 * worker with the modules its page uses; the worker loads and warms them, posts `ready`, then
 * answers a `run` with `console` messages as the code prints and a `result` with the same id.
 * Both sides check PROTOCOL_VERSION, so a cached page talking to a newer worker (or the reverse)
 * fails with a clear message. Light on purpose: the page imports this file, the harness stays
 * inside the worker.
 */
import { RESULT_VERSION } from './protocol.ts';
import type { ConsoleEntry, RunRequest, RunResult } from './protocol.ts';

/** Sent first: load these registered modules and warm them up, then say `ready`. */
export interface BootMessage {
  type: 'boot';
  protocolVersion: number;
  modules: readonly string[];
}

export interface RunMessage {
  type: 'run';
  id: number;
  /**
   * A fresh random value per run that only the harness sees (learner code starts after this
   * message has been read). The host accepts a result only when it carries the same value, so a
   * result posted by learner code is ignored.
   */
  secret: string;
  protocolVersion: number;
  request: RunRequest;
}

/**
 * Sent to a booted spare: run this (a known-good request, e.g. an exercise's reference
 * solution with its checks) once and throw the result away, so the code paths the next real
 * run will take are already compiled in this fresh worker.
 */
export interface RehearseMessage {
  type: 'rehearse';
  request: RunRequest;
}

/**
 * Sent to a spare while the learner edits: transpile this code now, while the worker is idle, so a
 * Run of the same code skips that step. No reply; nothing runs.
 */
export interface PrepareMessage {
  type: 'prepare';
  code: string;
}

export type WorkerMessage = BootMessage | RunMessage | RehearseMessage | PrepareMessage;

export type WorkerReply =
  | { type: 'ready'; protocolVersion: number }
  | { type: 'rehearsed' }
  /** One console entry of run `id`, as it was printed (entry absent: only the cut was reached). */
  | { type: 'console'; id: number; entry?: ConsoleEntry; truncated: boolean }
  | { type: 'result'; id: number; secret: string; result: RunResult };

/**
 * How long past the budget a host waits before ending the worker. The harness stops async
 * waits itself at the budget; only code that never yields the thread needs the host.
 */
export const HOST_GRACE_MS = 500;

/** How long a fresh worker may take to load its modules and warm up. */
export const BOOT_TIMEOUT_MS = 20_000;

/** The console output a host heard from a run so far: what it keeps if it has to stop the run. */
export class StreamedConsole {
  readonly entries: ConsoleEntry[] = [];
  truncated = false;

  add(reply: Extract<WorkerReply, { type: 'console' }>): void {
    if (reply.entry) this.entries.push(reply.entry);
    if (reply.truncated) this.truncated = true;
  }
}

/** A per-run secret (see RunMessage.secret): 128 random bits as hex. */
export function runSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(16).padStart(8, '0')).join('');
}

/** A result that did not come from running the code: the host stopped the worker, or it broke. */
export function stoppedResult(kind: 'runtime' | 'timeout' | 'stopped', message: string, durationMs: number, heard?: StreamedConsole): RunResult {
  return {
    version: RESULT_VERSION,
    status: 'error',
    checks: [],
    console: heard ? [...heard.entries] : [],
    consoleTruncated: heard?.truncated ?? false,
    error: { kind, message },
    durationMs,
    traces: [],
  };
}
