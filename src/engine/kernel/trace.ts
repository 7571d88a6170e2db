/**
 * Traces: what a simulated system did, as plain data that can cross a worker boundary unchanged.
 * Every trace names its kind ('spark-job', later 'log-timeline', 'stream-timeline') and the version
 * of that kind's shape, so a reader can refuse a shape it does not know instead of drawing nonsense.
 */
export interface TraceEnvelope {
  readonly kind: string;
  readonly version: number;
}

/** Keeps the traces a run emits, the most recent `keep` of them. */
export class TraceRecorder<T extends TraceEnvelope = TraceEnvelope> {
  readonly #keep: number;
  readonly #traces: T[] = [];

  constructor(keep = Number.POSITIVE_INFINITY) {
    this.#keep = keep;
  }

  record(trace: T): void {
    this.#traces.push(trace);
    if (this.#traces.length > this.#keep) this.#traces.shift();
  }

  /** The kept traces, oldest first (a copy). */
  list(): T[] {
    return [...this.#traces];
  }
}
