/**
 * The worker's side of worker-protocol.ts, shared by the browser worker (worker.ts) and the
 * Node worker (node-worker.ts): warm up, then turn each `run` message into a `result`.
 */
import { runHarness } from './harness.ts';
import { versionMismatchMessage } from './messages.ts';
import { PROTOCOL_VERSION } from './protocol.ts';
import type { RunRequest } from './protocol.ts';
import { stoppedResult } from './worker-protocol.ts';
import type { RunMessage, WorkerReply } from './worker-protocol.ts';

/** The worker's answer to one `run` message. */
export async function answer(message: RunMessage, engine: Record<string, unknown>): Promise<WorkerReply> {
  if (message.protocolVersion !== PROTOCOL_VERSION) {
    const mismatch = versionMismatchMessage(message.protocolVersion, PROTOCOL_VERSION);
    return { type: 'result', id: message.id, result: stoppedResult('runtime', mismatch, 0) };
  }
  return { type: 'result', id: message.id, result: await runHarness(message.request, engine) };
}

const WARM_UP_ROUNDS = 4;

const WARM_UP: RunRequest = {
  mode: 'exercise',
  code: [
    "import { SparkSession } from '@sai/engine';",
    'export const answer: number = 42;',
    // Touch the engine's common paths (a job, a join, a plan) so the first real run finds them compiled.
    'try {',
    '  const spark = new SparkSession();',
    "  const left = spark.createDataFrame([{ k: 1, a: 'x' }, { k: 2, a: 'y' }]);",
    "  const right = spark.createDataFrame([{ k: 1, b: true }]);",
    "  left.join(right, 'k').explain();",
    "  left.join(right, 'k', 'left').collect();",
    "  left.join(right.hint('merge'), 'k').count();",
    "  left.join(right.hint('shuffle_hash'), 'k', 'full').count();",
    '  spark.range(8).count();',
    // And the RDD primitives the exercises build joins from.
    '  const sc = spark.sparkContext;',
    "  const pairs = sc.parallelize([{ k: 1 }, { k: 2 }], 2).keyBy((r) => r.k).partitionBy(2);",
    '  const table = sc.broadcast(new Map([[1, 1]]));',
    '  pairs.zipPartitions(pairs, (a, b) => a.concat(b)).mapPartitions((rows) => rows.filter(() => table.value.size > 0)).collect();',
    '} catch {}',
  ].join('\n'),
  checks: [
    "import { test, expect } from 'vitest';",
    "import { answer } from './solution';",
    "test('warm', () => expect({ answer }).toEqual({ answer: 42 }));",
    // A failing check too, so the failure path (messages, formatting) is compiled as well.
    "test('warm failure', () => expect([answer]).toEqual([41]));",
  ].join('\n'),
};

/**
 * Runs a tiny exercise once before the worker says `ready`, so sucrase, chai and the engine
 * are loaded and compiled by the time the learner presses Run (every run has a fresh worker).
 */
export async function warmUp(engine: Record<string, unknown>, rounds = WARM_UP_ROUNDS): Promise<void> {
  // A few rounds, not one: V8 compiles a function to faster tiers only after repeated calls.
  for (let round = 0; round < rounds; round++) await runHarness(WARM_UP, engine);
}

const REHEARSAL_ROUNDS = 6;

/** Runs a rehearsal (see RehearseMessage) and says when it is done; its result is dropped. */
export async function rehearse(request: RunRequest, engine: Record<string, unknown>): Promise<WorkerReply> {
  // Several times: the engine's hot functions reach V8's optimizing tiers only after repeated calls.
  for (let round = 0; round < REHEARSAL_ROUNDS; round++) await runHarness(request, engine);
  return { type: 'rehearsed' };
}

/** Where the ready announcement comes from. */
export function readyReply(): WorkerReply {
  return { type: 'ready', protocolVersion: PROTOCOL_VERSION };
}
