/**
 * The page's side of the runner sandbox (public/sandbox/runner.html): a hidden iframe with
 * `sandbox="allow-scripts"` and no `allow-same-origin`, so its origin is opaque. Code running in
 * its workers cannot read the site's storage or cookies, reach the DOM, or (by the sandbox's
 * Content-Security-Policy) the network. Where the browser gives the frame its own process (a
 * separate sandbox origin always does), running out of memory kills the frame, not the page.
 *
 * The pieces: this class fetches the runner's code (one script, see src/build/runner-bundle.ts),
 * loads the frame, hands it the code and a private MessagePort, and then speaks for any number
 * of workers over that port (`spawn` / `post` / `terminate`, replies tagged with the worker's
 * number). The frame sends a heartbeat; if it stops while workers live, the frame is gone: each
 * worker hears `lost`, and the next worker gets a new frame.
 */
import type { RunnerWorker, RunnerWorkerError } from '../browser-runner.ts';
import type { WorkerMessage, WorkerReply } from '../worker-protocol.ts';
import { runnerUnavailableMessage } from '../messages.ts';
import { sandboxIframe } from './sandbox-iframe.ts';

/** No heartbeat for this long, while the page is visible and workers live: the frame is gone. */
const LOST_AFTER_MS = 3000;
const WATCH_EVERY_MS = 500;

export interface SandboxFrameOptions {
  /** The sandbox document (same origin, or a separate sandbox origin). */
  sandboxUrl: string;
  /** The runner's code: fetched by the page (same origin) and handed to the frame as text. */
  bundleUrl: string;
}

type FrameSays = { op: 'alive' } | { op: 'reply'; worker: number; data: WorkerReply } | { op: 'error'; worker: number; message: string };

export class SandboxFrame {
  readonly #options: SandboxFrameOptions;
  #code: Promise<string> | undefined;
  #frame: HTMLIFrameElement | undefined;
  #port: Promise<MessagePort> | undefined;
  #workers = new Map<number, SandboxWorker>();
  #nextWorker = 1;
  #lastAlive = 0;
  /** The current frame has its code and port: only from then on is its heartbeat judged. */
  #handedOver = false;
  /** The current frame has sent a heartbeat: silence after that is a crash, before it a page that never loaded. */
  #heard = false;
  #watch: ReturnType<typeof setInterval> | undefined;

  constructor(options: SandboxFrameOptions) {
    this.#options = options;
  }

  /** A worker in the sandbox, usable at once: messages wait until the frame is ready. */
  createWorker(): RunnerWorker {
    const id = this.#nextWorker++;
    const worker = new SandboxWorker(id, (message) => this.#send(message), () => this.#workers.delete(id));
    this.#workers.set(id, worker);
    this.#send({ op: 'spawn', worker: id });
    this.#watchHeartbeat();
    return worker;
  }

  #send(message: object): void {
    this.#port ??= this.#open();
    this.#port.then(
      (port) => port.postMessage(message),
      (err: Error) => this.#lose(err.message),
    );
  }

  /** Loads the frame and the runner's code, then hands the code and a private port over. */
  async #open(): Promise<MessagePort> {
    this.#code ??= fetch(this.#options.bundleUrl).then((response) => {
      if (!response.ok) throw new Error(`the runner's code could not be loaded (HTTP ${response.status})`);
      return response.text();
    });
    this.#code.catch(() => (this.#code = undefined)); // try again next time (e.g. back online)
    const frame = sandboxIframe(this.#options.sandboxUrl);
    const loaded = new Promise<void>((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
    this.#frame = frame;
    document.body.append(frame);
    let code: string;
    try {
      [code] = await Promise.all([this.#code, loaded]);
    } catch (err) {
      // An HTTP error is a stale page (its runner's code gone after a deploy); anything else, the network.
      const status = /HTTP \d+/.exec((err as Error).message)?.[0];
      throw new Error(status ? `The code runner could not be loaded (${status}). Reload the page.` : runnerUnavailableMessage(!navigator.onLine));
    }
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<FrameSays>) => this.#hear(event.data);
    this.#lastAlive = performance.now();
    // A frame lost meanwhile may still finish loading: it must not make the next one look alive.
    if (this.#frame === frame) {
      this.#handedOver = true;
      this.#heard = false;
    }
    // '*': an opaque origin cannot be named; the frame is ours and takes only the first hand-over.
    frame.contentWindow?.postMessage({ code }, '*', [channel.port2]);
    return channel.port1;
  }

  #hear(says: FrameSays): void {
    if (says.op === 'alive') {
      this.#lastAlive = performance.now();
      this.#heard = true;
    }
    else this.#workers.get(says.worker)?.hear(says);
  }

  #watchHeartbeat(): void {
    if (this.#watch !== undefined) return;
    this.#lastAlive = performance.now();
    // Timers of a hidden page are throttled: judge the heartbeat only while the page is visible.
    document.addEventListener('visibilitychange', () => (this.#lastAlive = performance.now()));
    this.#watch = setInterval(() => {
      // A frame still loading has no heartbeat yet (a new one after a loss, say): not judged until it has.
      if (this.#workers.size === 0 || !this.#handedOver || document.visibilityState !== 'visible') return;
      if (performance.now() - this.#lastAlive <= LOST_AFTER_MS) return;
      // Never a word from it: the sandbox page did not load (offline, and not in the browser's cache).
      this.#lose(this.#heard ? undefined : runnerUnavailableMessage(!navigator.onLine));
    }, WATCH_EVERY_MS);
  }

  /** The frame is gone (or closed): tell its workers, and start from a new frame next time. */
  #lose(reason: string | undefined): void {
    const workers = [...this.#workers.values()];
    this.#workers.clear();
    this.#frame?.remove();
    this.#frame = undefined;
    this.#port = undefined;
    this.#handedOver = false;
    for (const worker of workers) worker.lost(reason);
  }
}

/** One worker in the sandbox, as the runner sees a Web Worker. */
class SandboxWorker implements RunnerWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: RunnerWorkerError) => void) | null = null;
  #ended = false;
  readonly id: number;
  readonly #send: (message: object) => void;
  readonly #forget: () => void;

  constructor(id: number, send: (message: object) => void, forget: () => void) {
    this.id = id;
    this.#send = send;
    this.#forget = forget;
  }

  postMessage(message: WorkerMessage): void {
    if (!this.#ended) this.#send({ op: 'post', worker: this.id, message });
  }

  terminate(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#send({ op: 'terminate', worker: this.id });
    this.#forget();
  }

  hear(says: Exclude<FrameSays, { op: 'alive' }>): void {
    if (this.#ended) return;
    if (says.op === 'reply') this.onmessage?.({ data: says.data } as MessageEvent<WorkerReply>);
    else this.onerror?.({ message: says.message });
  }

  /** The frame is gone: `reason` when it was closed or never loaded, none when it crashed. */
  lost(reason: string | undefined): void {
    if (this.#ended) return;
    this.#ended = true;
    this.onerror?.(reason === undefined ? { message: 'the sandbox stopped', lost: true } : { message: reason, unavailable: true });
  }
}
