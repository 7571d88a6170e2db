/**
 * The worker's side of worker-protocol.ts, shared by the browser worker (worker.ts) and the
 * Node worker (node-worker.ts): boot (load and warm the page's modules), then turn each `run`
 * message into `console` messages and a `result`.
 */
import { moduleEntry } from '../modules/registry.ts';
import { lockDown } from './lockdown.ts';
import type { ConsoleListener } from './console-capture.ts';
import { LEARNER_FILE, runHarness } from './harness.ts';
import { harnessCrashedMessage, versionMismatchMessage } from './messages.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import { prepareTranspile } from './transpile.ts';
import type { RunRequest, RunResult } from './protocol.ts';
import { stoppedResult } from './worker-protocol.ts';
import type { BootMessage, RunMessage, WorkerReply } from './worker-protocol.ts';

/** The worker's answer to one `run` message; console lines are posted as they are printed. */
export async function answer(message: RunMessage, post: (reply: WorkerReply) => void): Promise<WorkerReply> {
  if (message.protocolVersion !== PROTOCOL_VERSION) {
    const mismatch = versionMismatchMessage(message.protocolVersion, PROTOCOL_VERSION);
    return { type: 'result', id: message.id, secret: message.secret, result: stoppedResult('runtime', mismatch, 0) };
  }
  const onConsole: ConsoleListener = (entry, truncated) => post({ type: 'console', id: message.id, ...(entry ? { entry } : {}), truncated });
  let result: RunResult;
  try {
    result = await runHarness(message.request, { onConsole });
  } catch (err) {
    // The harness itself broke (code that replaced built-ins it needs can do that): say so now,
    // rather than leave the host waiting for the time limit.
    result = stoppedResult('runtime', harnessCrashedMessage(String((err as Error | undefined)?.message ?? err)), 0);
  }
  return { type: 'result', id: message.id, secret: message.secret, result };
}

/** Exercises the harness itself: a passing and a failing check, so both paths are compiled. */
const HARNESS_WARM_UP: RunRequest = {
  mode: 'exercise',
  modules: [],
  code: 'export const answer: number = 42;',
  checks: [
    "import { test, expect } from 'vitest';",
    "import { answer } from './solution';",
    "test('warm', () => expect({ answer }).toEqual({ answer: 42 }));",
    "test('warm failure', () => expect([answer]).toEqual([41]));",
  ].join('\n'),
};

const WARM_UP_ROUNDS = 4;

/**
 * Loads the modules a page uses and runs the harness and each module's warm-up a few times
 * before the worker says `ready`, so sucrase, chai and the engines are loaded and compiled by
 * the time the learner presses Run (every run has a fresh worker).
 */
export async function boot(message: BootMessage, rounds = WARM_UP_ROUNDS): Promise<WorkerReply> {
  if (message.protocolVersion !== PROTOCOL_VERSION) return readyReply(); // the host reports the mismatch
  // Learner code may run in this worker later: freeze what the harness relies on now, before the
  // warm-up, so V8 compiles the hot code against the frozen built-ins (freezing them after would
  // throw that work away; measured: Runs twice as slow). The engines freeze their own classes.
  lockDown();
  // A few rounds, not one: V8 compiles a function to faster tiers only after repeated calls.
  for (let round = 0; round < rounds; round++) {
    await runHarness(HARNESS_WARM_UP);
    for (const name of message.modules) {
      const warmUp = moduleEntry(name)?.warmUp;
      if (warmUp) await runHarness({ mode: 'example', code: warmUp, modules: [name] });
    }
  }
  return readyReply();
}

const REHEARSAL_ROUNDS = 6;

/** Runs a rehearsal (see RehearseMessage) and says when it is done; its result is dropped. */
export async function rehearse(request: RunRequest): Promise<WorkerReply> {
  // Several times: the engine's hot functions reach V8's optimizing tiers only after repeated calls.
  for (let round = 0; round < REHEARSAL_ROUNDS; round++) await runHarness(request);
  return { type: 'rehearsed' };
}

/** Transpiles the learner's current code ahead of its Run (see PrepareMessage). */
export function prepare(code: string): void {
  prepareTranspile(code, LEARNER_FILE);
}

function readyReply(): WorkerReply {
  return { type: 'ready', protocolVersion: PROTOCOL_VERSION };
}
