/**
 * Runs a RunRequest the way the browser does, but in Node: a fresh worker thread per run
 * (node-worker.ts, the same harness as the page's Web Worker), ended from outside when the
 * code overruns its budget. The project's tests and `npm run check:exercises` go through here.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { outOfMemoryMessage, stillRunningMessage, versionMismatchMessage, workerCrashedMessage } from './messages.ts';
import { learnerModuleNames } from '../modules/registry.ts';
import { DEFAULT_TIMEOUT_MS, PROTOCOL_VERSION } from './protocol.ts';
import type { RunRequest, RunResult } from './protocol.ts';
import { BOOT_TIMEOUT_MS, HOST_GRACE_MS, StreamedConsole, runSecret, stoppedResult } from './worker-protocol.ts';
import type { BootMessage, RunMessage, WorkerReply } from './worker-protocol.ts';

const WORKER_SOURCE = new URL('./node-worker.ts', import.meta.url);
const BUNDLE_DIR = new URL('../../node_modules/.cache/sai-runner/', import.meta.url);
let workerBundle: Promise<URL> | undefined;

/**
 * node-worker.ts and the project files it imports, as one plain-JS module, built once per
 * process. Each worker thread then starts without Node's type stripping (a WASM module) and
 * without loading dozens of files; packages stay external and load as usual. Same code, in
 * one file: under heavy parallel test load, threads that type-stripped on start
 * occasionally crashed Node.
 */
function bundledWorker(): Promise<URL> {
  workerBundle ??= (async () => {
    const { build } = await import('esbuild');
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const outfile = fileURLToPath(new URL(`node-worker-${process.pid}.mjs`, BUNDLE_DIR));
    await build({
      entryPoints: [fileURLToPath(WORKER_SOURCE)],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node22',
      logLevel: 'silent',
    });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return pathToFileURL(outfile);
  })();
  return workerBundle;
}
/** How long a worker that answered may take to end by itself (learner timers can keep it alive). */
const EXIT_GRACE_MS = 1000;
let nextId = 1;

export async function runInNode(request: RunRequest): Promise<RunResult> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const id = nextId++;
  const secret = runSecret();
  // A memory cap makes runaway allocation a clear error instead of a crashed test process.
  const worker = new Worker(await bundledWorker(), { resourceLimits: { maxOldGenerationSizeMb: 512 } });
  let started = performance.now();

  return new Promise<RunResult>((resolve) => {
    let timer = setTimeout(() => finish('runtime', workerCrashedMessage('the runner did not start in time')), BOOT_TIMEOUT_MS);
    let done = false;
    /**
     * `graceful`: the worker answered and now ends by itself (it closes its port), which is
     * kinder to V8 than terminate(): ending a thread that is still busy has crashed Node
     * (SIGSEGV). It is terminated only if it overran, broke, or does not end soon after.
     */
    const settle = (result: RunResult, graceful = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on('error', () => {}); // nothing more to report for this run
      if (graceful) {
        const stop = setTimeout(() => void worker.terminate(), EXIT_GRACE_MS);
        worker.once('exit', () => clearTimeout(stop));
      } else {
        void worker.terminate();
      }
      resolve(result);
    };
    const heard = new StreamedConsole();
    const finish = (kind: 'runtime' | 'timeout', message: string) => settle(stoppedResult(kind, message, performance.now() - started, heard));

    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'console' && reply.id === id) {
        heard.add(reply);
      } else if (reply.type === 'ready') {
        if (reply.protocolVersion !== PROTOCOL_VERSION) {
          finish('runtime', versionMismatchMessage(PROTOCOL_VERSION, reply.protocolVersion));
          return;
        }
        clearTimeout(timer);
        started = performance.now();
        timer = setTimeout(() => finish('timeout', stillRunningMessage(timeoutMs)), timeoutMs + HOST_GRACE_MS);
        const message: RunMessage = { type: 'run', id, secret, protocolVersion: PROTOCOL_VERSION, request };
        worker.postMessage(message);
      } else if (reply.type === 'result' && reply.id === id && reply.secret === secret) {
        settle(reply.result, true);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      finish('runtime', error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemoryMessage() : workerCrashedMessage(error.message));
    });
    worker.on('exit', (code) => finish('runtime', workerCrashedMessage(`the worker exited with code ${code}`)));
    // Load the modules the code may use (all learner modules for an example) and the check library.
    const boot: BootMessage = { type: 'boot', protocolVersion: PROTOCOL_VERSION, modules: request.modules ?? learnerModuleNames() };
    worker.postMessage(boot);
  });
}
