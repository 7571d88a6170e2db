/**
 * Runs learner code in the browser. The pieces:
 *   - worker.ts             the worker: booted with the page's modules, warmed up, then `ready`
 *   - sandbox/sandbox-frame the opaque-origin frame that hosts every worker (no storage, no network)
 *   - worker-protocol.ts    the messages (`boot`, `run` with an id, a secret and the protocol
 *                           version, `console`, `result`)
 *   - result-schema.ts      what the page accepts back: checked, copied, status worked out here
 *   - this class            the page's side: a pending map from run id to its promise, one warm
 *                           spare worker, and the budget enforced from outside
 * Every run gets a fresh worker (a fresh realm: nothing the last run did can leak into this
 * one) and the worker is terminated afterwards, which releases its memory. A spare is booted
 * as soon as one is taken, so Run rarely waits for startup. If a run overruns its budget
 * (a synchronous infinite loop never lets the worker answer), the page terminates it.
 */
import { outOfMemoryMessage, stillRunningMessage, stoppedByLearnerMessage, versionMismatchMessage, workerCrashedMessage } from './messages.ts';
import { DEFAULT_TIMEOUT_MS, PROTOCOL_VERSION } from './protocol.ts';
import type { RunRequest, RunResult } from './protocol.ts';
import { readResult } from './result-schema.ts';
import { BOOT_TIMEOUT_MS, HOST_GRACE_MS, StreamedConsole, runSecret, stoppedResult } from './worker-protocol.ts';
import type { WorkerMessage, WorkerReply } from './worker-protocol.ts';

/** What the UI can show: the spare is starting, Run will be instant, or a run is in flight. */
export type RunnerState = 'booting' | 'ready' | 'running';

/**
 * How a worker failed: `lost` when the process hosting it died (in practice: out of memory);
 * `unavailable` when its host could not be loaded at all (the message says why, for the learner).
 */
export interface RunnerWorkerError {
  message: string;
  lost?: boolean;
  unavailable?: boolean;
}

/** The part of a Web Worker the runner uses (the sandbox's workers; tests pass a stand-in). */
export interface RunnerWorker {
  postMessage(message: WorkerMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((event: RunnerWorkerError) => void) | null;
}

/** Raised by a spare whose host died while it waited: the run takes a fresh one instead. */
class LostSpare extends Error {}

export interface BrowserRunnerOptions {
  onState?: (state: RunnerState) => void;
  createWorker: () => RunnerWorker;
  /** Registered modules the page's code uses: each spare loads and warms exactly these. */
  modules?: readonly string[];
}

interface Booted {
  worker: RunnerWorker;
  ready: Promise<void>;
  isReady: boolean;
}

interface Pending {
  worker: RunnerWorker;
  resolve: (result: RunResult) => void;
  timer: ReturnType<typeof setTimeout>;
  /** What the run printed so far: kept if the run has to be stopped. */
  heard: StreamedConsole;
  /** Forgets the run's stop signal and its early-spare timer. */
  cleanUp: () => void;
}

/** Pause between a run's end and the next spare's boot (see #settle). */
const SPARE_DELAY_MS = 30;
/**
 * A run this long is likely to be stopped (or to time out): a spare boots beside it, so that
 * the Run after it is instant. Shorter runs keep the machine to themselves.
 */
const LONG_RUN_MS = 500;

export interface RunControls {
  /** Aborting it ends the run at once with a "stopped" result; the next Run works as usual. */
  signal?: AbortSignal;
}

export class BrowserRunner {
  #createWorker: () => RunnerWorker;
  #onState: (state: RunnerState) => void;
  #spare: Booted | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #disposed = false;
  #rehearsal: RunRequest | undefined;
  #prepared: string | undefined;
  readonly #modules: readonly string[];

  constructor(options: BrowserRunnerOptions) {
    this.#createWorker = options.createWorker;
    this.#modules = options.modules ?? [];
    this.#onState = options.onState ?? (() => {});
    this.#spare = this.#boot();
    this.#report();
  }

  /** Runs one request in a fresh worker; always resolves, with an error result if the run broke. */
  async run(request: RunRequest, controls: RunControls = {}): Promise<RunResult> {
    if (this.#disposed) throw new Error('BrowserRunner.run() after dispose()');
    let booted = this.#spare ?? this.#boot();
    // The next spare boots once this run is over: booting beside a run would slow the run
    // down on a small machine, and the learner reads the results meanwhile.
    this.#spare = undefined;
    const id = this.#nextId++;
    const secret = runSecret();
    const started = performance.now();
    this.#report(true);
    const { signal } = controls;
    // Stop also ends the wait for a spare that is still starting.
    const aborted = new Promise<void>((resolve) => {
      if (signal?.aborted) resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    try {
      const ready = booted.ready.catch((err: unknown) => {
        if (!(err instanceof LostSpare)) throw err;
        // The spare's sandbox died while idle (the last run's memory, say): start afresh.
        booted = this.#boot();
        return booted.ready;
      });
      await Promise.race([ready, aborted]);
    } catch (err) {
      booted.worker.terminate();
      this.#report();
      return stoppedResult('runtime', (err as Error).message, performance.now() - started);
    }
    if (this.#disposed) {
      booted.worker.terminate();
      return stoppedResult('runtime', 'The runner was closed.', 0);
    }
    if (signal?.aborted) {
      // Stopped before the code was sent: the worker is clean, so it stays as the spare.
      if (!this.#spare) this.#spare = booted;
      else booted.worker.terminate();
      this.#report();
      return stoppedResult('stopped', stoppedByLearnerMessage(performance.now() - started), performance.now() - started);
    }
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const heard = new StreamedConsole();
    return new Promise<RunResult>((resolve) => {
      const timer = setTimeout(
        () => this.#settle(id, stoppedResult('timeout', stillRunningMessage(timeoutMs), performance.now() - started, heard)),
        timeoutMs + HOST_GRACE_MS,
      );
      const spareTimer = setTimeout(() => {
        if (!this.#spare && !this.#disposed) this.#spare = this.#boot();
      }, LONG_RUN_MS);
      const stop = () => {
        const ms = performance.now() - started;
        this.#settle(id, stoppedResult('stopped', stoppedByLearnerMessage(ms), ms, heard));
      };
      signal?.addEventListener('abort', stop, { once: true });
      const cleanUp = () => {
        clearTimeout(spareTimer);
        signal?.removeEventListener('abort', stop);
      };
      this.#pending.set(id, { worker: booted.worker, resolve, timer, heard, cleanUp });
      booted.worker.onmessage = (event) => {
        const reply = event.data as Partial<WorkerReply> | null;
        if (reply?.type === 'console' && reply.id === id) heard.add(reply as Extract<WorkerReply, { type: 'console' }>);
        // Only the harness knows the secret: anything else claiming to be the result is ignored.
        else if (reply?.type === 'result' && reply.id === id && reply.secret === secret) this.#accept(id, reply.result, request, started, heard);
      };
      booted.worker.onerror = (event) => {
        const message = event.lost ? outOfMemoryMessage() : event.unavailable ? event.message : workerCrashedMessage(event.message || 'worker error');
        this.#settle(id, stoppedResult('runtime', message, performance.now() - started, heard));
      };
      booted.worker.postMessage({ type: 'run', id, secret, protocolVersion: PROTOCOL_VERSION, request });
    });
  }

  /**
   * Sets what each new spare runs once, result discarded, before it counts as ready: a
   * known-good request (an exercise's reference solution and its checks) warms exactly the
   * code the learner's next Run will use. Never the learner's own code: it might not finish.
   * Takes effect from the next spare booted.
   */
  rehearse(request: RunRequest | undefined): void {
    this.#rehearsal = request;
  }

  /**
   * The learner's code as it stands: the spare transpiles it while idle, and so does every spare
   * booted after it, so a Run of this code skips that step. Nothing of it runs before Run.
   */
  prepare(code: string): void {
    if (this.#prepared === code) return;
    this.#prepared = code;
    this.#spare?.worker.postMessage({ type: 'prepare', code });
  }

  /** Stops every worker; runs still in flight resolve with an error. */
  dispose(): void {
    this.#disposed = true;
    this.#spare?.worker.terminate();
    this.#spare = undefined;
    for (const [id, pending] of [...this.#pending]) this.#settle(id, stoppedResult('runtime', 'The runner was closed.', 0, pending.heard));
  }

  /** Reads the harness's result (see result-schema.ts); one that does not fit is an error. */
  #accept(id: number, value: unknown, request: RunRequest, started: number, heard: StreamedConsole): void {
    const read = readResult(value, request.mode);
    this.#settle(id, read.ok ? read.result : stoppedResult('runtime', read.message, performance.now() - started, heard));
  }

  /** Starts a worker and resolves `ready` when it says so. */
  #boot(): Booted {
    const worker = this.#createWorker();
    const booted: Booted = { worker, isReady: false, ready: Promise.resolve() };
    booted.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(workerCrashedMessage('the runner did not start in time'))), BOOT_TIMEOUT_MS);
      worker.onmessage = (event) => {
        if (event.data?.type !== 'ready') return;
        if (event.data.protocolVersion !== PROTOCOL_VERSION) {
          clearTimeout(timer);
          reject(new Error(versionMismatchMessage(PROTOCOL_VERSION, event.data.protocolVersion)));
          return;
        }
        const rehearsal = this.#rehearsal;
        if (!rehearsal) return markReady();
        worker.onmessage = (reply) => {
          if (reply.data?.type === 'rehearsed') markReady();
        };
        worker.postMessage({ type: 'rehearse', request: rehearsal });
      };
      worker.postMessage({ type: 'boot', protocolVersion: PROTOCOL_VERSION, modules: this.#modules });
      if (this.#prepared !== undefined) worker.postMessage({ type: 'prepare', code: this.#prepared });
      const markReady = () => {
        clearTimeout(timer);
        booted.isReady = true;
        resolve();
        this.#report();
      };
      worker.onerror = (event) => {
        clearTimeout(timer);
        if (event.lost) reject(new LostSpare(workerCrashedMessage('its sandbox stopped')));
        else if (event.unavailable) reject(new Error(event.message));
        else reject(new Error(workerCrashedMessage(event.message || 'the runner could not start')));
      };
    });
    booted.ready.catch(() => {}); // a spare that fails is reported when a run takes it
    return booted;
  }

  /** Ends one run: stop its timer, end its worker (releasing its memory), resolve its promise. */
  #settle(id: number, result: RunResult): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.cleanUp();
    pending.worker.terminate();
    pending.resolve(result);
    // Boot the next spare a moment later, so creating it does not delay drawing this result.
    setTimeout(() => {
      if (!this.#spare && !this.#disposed) this.#spare = this.#boot();
      this.#report();
    }, SPARE_DELAY_MS);
    this.#report();
  }

  #report(running = false): void {
    if (this.#disposed) return;
    this.#onState(running || this.#pending.size > 0 ? 'running' : this.#spare?.isReady ? 'ready' : 'booting');
  }
}
