/**
 * BrowserRunner's own logic (fresh worker per run, warm spare, outside timeout, states), with
 * each "Web Worker" backed by a Node worker thread running the same harness (node-worker.ts).
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { BrowserRunner } from '../../../src/runner/index.ts';
import type { RunnerState, RunnerWorker, RunnerWorkerError } from '../../../src/runner/index.ts';
import type { WorkerMessage, WorkerReply } from '../../../src/runner/worker-protocol.ts';
import { runnerUnavailableMessage, workerCrashedMessage } from '../../../src/runner/messages.ts';

const NODE_WORKER = new URL('../../../src/runner/node-worker.ts', import.meta.url);

class ThreadWorker implements RunnerWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: RunnerWorkerError) => void) | null = null;
  terminated = false;
  readonly posted: WorkerMessage[] = [];
  #thread = new Worker(NODE_WORKER);

  constructor() {
    this.#thread.on('message', (data: WorkerReply) => this.onmessage?.({ data } as MessageEvent<WorkerReply>));
    this.#thread.on('error', (error) => this.onerror?.({ message: error.message }));
  }
  postMessage(message: WorkerMessage): void {
    this.posted.push(message);
    this.#thread.postMessage(message);
  }
  terminate(): void {
    this.terminated = true;
    void this.#thread.terminate();
  }
}

const passing = {
  mode: 'exercise' as const,
  code: 'export const double = (n: number): number => n * 2;',
  checks: "import { test, expect } from 'vitest';\nimport { double } from './solution';\ntest('doubles', () => expect(double(4)).toBe(8));",
};

let runner: BrowserRunner | undefined;
let lastStates: RunnerState[] = [];
afterEach(async () => {
  // Let a spare that is still starting finish first: ending a worker thread in the middle of
  // loading its modules is the riskiest moment for Node itself.
  for (let waited = 0; lastStates.at(-1) === 'booting' && waited < 3000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  runner?.dispose();
});

function makeRunner() {
  const workers: ThreadWorker[] = [];
  const states: RunnerState[] = [];
  lastStates = states;
  runner = new BrowserRunner({
    modules: ['@sai/spark'],
    onState: (state) => states.push(state),
    createWorker: () => {
      const worker = new ThreadWorker();
      workers.push(worker);
      return worker;
    },
  });
  return { runner, workers, states };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('BrowserRunner', () => {
  test('boots a spare at once with the modules of the page, and reports booting, then ready', async () => {
    const { workers, states } = makeRunner();
    expect(workers).toHaveLength(1);
    expect(workers[0].posted[0]).toMatchObject({ type: 'boot', modules: ['@sai/spark'] });
    expect(states[0]).toBe('booting');
    await until(() => states.includes('ready'));
  });

  test('every run uses a fresh worker, ends it afterwards and keeps one spare warm', async () => {
    const { runner, workers, states } = makeRunner();
    const first = await runner.run(passing);
    expect(first.status).toBe('passed');
    expect(states).toContain('running');
    // The first worker did the run and was ended; a second one boots as the spare just after.
    expect(workers[0].terminated).toBe(true);
    await until(() => workers.length === 2);
    expect(workers[0].posted.map((m) => m.type)).toEqual(['boot', 'run']);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].terminated).toBe(false);

    await until(() => states.at(-1) === 'ready');
    const second = await runner.run(passing);
    expect(second.status).toBe('passed');
    await until(() => workers.length === 3);
    expect(workers[1].posted.map((m) => m.type)).toEqual(['boot', 'run']);
    expect(workers[1].terminated).toBe(true);
    expect(new Set(workers.flatMap((w) => w.posted.flatMap((m) => (m.type === 'run' ? [m.id] : [])))).size).toBe(2);
  });

  test('an infinite loop is stopped from outside with the timeout message, and the next run passes', async () => {
    const { runner, workers } = makeRunner();
    const stuck = await runner.run({ mode: 'example', code: "console.log('before the loop');\nwhile (true) {}", timeoutMs: 300 });
    expect(stuck.status).toBe('error');
    expect(stuck.error?.kind).toBe('timeout');
    expect(stuck.error?.message).toMatch(/^Stopped after 0\.3 s: your code was still running/);
    // What was printed before the loop reached the page while the worker was still busy.
    expect(stuck.console).toEqual([{ level: 'log', text: 'before the loop' }]);
    expect(workers[0].terminated).toBe(true);

    const next = await runner.run(passing);
    expect(next.status).toBe('passed');
  });

  test('a rehearsal runs in each new spare before it counts as ready, and leaves no trace in the next run', async () => {
    const { runner, workers, states } = makeRunner();
    const rehearsal = { ...passing, code: "console.log('rehearsal');\n" + passing.code };
    runner.rehearse(rehearsal);
    await until(() => states.at(-1) === 'ready');
    expect(workers[0].posted.map((m) => m.type)).toEqual(['boot', 'rehearse']);
    const result = await runner.run(passing);
    expect(result.status).toBe('passed');
    expect(result.console).toEqual([]); // the rehearsal's output was thrown away with its result
    expect(workers[0].posted.map((m) => m.type)).toEqual(['boot', 'rehearse', 'run']);
    // The spare booted after the run rehearses too.
    await until(() => states.at(-1) === 'ready');
    expect(workers[1].posted.map((m) => m.type)).toEqual(['boot', 'rehearse']);
  });

  test('prepared code goes to the spare and to every spare after it; a Run of other code runs that code', async () => {
    const { runner, workers, states } = makeRunner();
    await until(() => states.at(-1) === 'ready');
    runner.prepare(passing.code);
    runner.prepare(passing.code); // unchanged code is not sent again
    expect(workers[0].posted.map((m) => m.type)).toEqual(['boot', 'prepare']);
    expect((await runner.run(passing)).status).toBe('passed');
    await until(() => states.at(-1) === 'ready');
    expect(workers[1].posted.map((m) => m.type)).toEqual(['boot', 'prepare']);
    // Code other than the prepared one: its own checks verdict, not the prepared code's.
    const wrong = await runner.run({ ...passing, code: 'export const double = (n: number): number => n * 3;' });
    expect(wrong.status).toBe('failed');
  });

  test('Stop ends an infinite loop at once, keeps what it printed, and the next run passes', async () => {
    const { runner, workers, states } = makeRunner();
    await until(() => states.at(-1) === 'ready');
    const controller = new AbortController();
    const pending = runner.run({ mode: 'example', code: "console.log('before the loop');\nwhile (true) {}", timeoutMs: 10_000 }, { signal: controller.signal });
    await until(() => workers[0].posted.some((m) => m.type === 'run'));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the loop is spinning
    const pressed = Date.now();
    controller.abort();
    const stopped = await pending;
    expect(Date.now() - pressed).toBeLessThan(1000); // not the 10 s budget
    expect(stopped.status).toBe('error');
    expect(stopped.error?.kind).toBe('stopped');
    expect(stopped.error?.message).toMatch(/^You stopped the run after \d/);
    expect(stopped.console).toEqual([{ level: 'log', text: 'before the loop' }]);
    expect(workers[0].terminated).toBe(true);
    expect((await runner.run(passing)).status).toBe('passed');
  });

  test('a long run boots the next spare beside it, so the Run after a Stop need not wait for one', async () => {
    const { runner, workers, states } = makeRunner();
    await until(() => states.at(-1) === 'ready');
    const controller = new AbortController();
    const pending = runner.run({ mode: 'example', code: 'while (true) {}', timeoutMs: 10_000 }, { signal: controller.signal });
    // A short run boots no spare beside it; one that goes on does.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(workers).toHaveLength(1);
    await until(() => workers.length === 2);
    const spare = workers[1];
    controller.abort();
    await pending;
    await until(() => states.at(-1) === 'ready');
    expect(workers).toHaveLength(2); // the spare booted during the run is the one kept
    expect(spare.terminated).toBe(false);
    expect((await runner.run(passing)).status).toBe('passed');
    expect(spare.posted.map((m) => m.type)).toEqual(['boot', 'run']);
  });

  test('Stop before the code was sent keeps the clean worker as the spare', async () => {
    const { runner, workers, states } = makeRunner();
    const controller = new AbortController();
    controller.abort();
    const result = await runner.run(passing, { signal: controller.signal });
    expect(result.error?.kind).toBe('stopped');
    await until(() => states.at(-1) === 'ready');
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    expect(workers[0].posted.map((m) => m.type)).toEqual(['boot']);
    expect((await runner.run(passing)).status).toBe('passed');
  });

  test('a runner host that could not be loaded (offline) is told in its own words, not as a crash, and every Run tries again', async () => {
    const message = runnerUnavailableMessage(true);
    let hosts = 0;
    runner = new BrowserRunner({
      modules: ['@sai/spark'],
      createWorker: () => {
        hosts += 1;
        const worker: RunnerWorker = { onmessage: null, onerror: null, postMessage: () => {}, terminate: () => {} };
        setTimeout(() => worker.onerror?.({ message, unavailable: true }), 5);
        return worker;
      },
    });
    const first = await runner.run(passing);
    expect(first.status).toBe('error');
    expect(first.error?.message).toBe(message);
    expect(first.error?.message).not.toBe(workerCrashedMessage(message));
    const second = await runner.run(passing);
    expect(second.error?.message).toBe(message);
    expect(hosts).toBeGreaterThanOrEqual(2);
  });

  test('dispose ends the spare and any run in flight', async () => {
    const { runner, workers } = makeRunner();
    const pending = runner.run({ mode: 'example', code: 'while (true) {}', timeoutMs: 10_000 });
    await until(() => workers[0].posted.some((m) => m.type === 'run'));
    runner.dispose();
    const result = await pending;
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/closed/);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
