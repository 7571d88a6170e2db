/**
 * The messages between a host (the page, or Node) and a runner worker. A worker posts `ready`
 * once its startup work is done, then answers a `run` with a `result` carrying the same id.
 * Both sides check PROTOCOL_VERSION, so a cached page talking to a newer worker (or the
 * reverse) fails with a clear message. Light on purpose: the page imports this file, the
 * harness stays inside the worker.
 */
import { RESULT_VERSION } from './protocol.ts';
import type { RunRequest, RunResult } from './protocol.ts';

export interface RunMessage {
  type: 'run';
  id: number;
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

export type WorkerMessage = RunMessage | RehearseMessage;

export type WorkerReply =
  | { type: 'ready'; protocolVersion: number }
  | { type: 'rehearsed' }
  | { type: 'result'; id: number; result: RunResult };

/**
 * How long past the budget a host waits before ending the worker. The harness stops async
 * waits itself at the budget; only code that never yields the thread needs the host.
 */
export const HOST_GRACE_MS = 500;

/** How long a fresh worker may take to load the engine and warm up. */
export const BOOT_TIMEOUT_MS = 20_000;

/** A result that did not come from running the code: the host stopped the worker, or it broke. */
export function stoppedResult(kind: 'runtime' | 'timeout', message: string, durationMs: number): RunResult {
  return {
    version: RESULT_VERSION,
    status: 'error',
    checks: [],
    console: [],
    consoleTruncated: false,
    error: { kind, message },
    durationMs,
    traces: [],
  };
}
