/**
 * The per-run context: everything a run's simulated systems share that must not outlive the run —
 * the traces they emit, id counters, memoized helpers and the run's seed. The host (the runner's
 * harness) begins a run and reads its traces at the end; engine code asks for the current run.
 * Used outside any run (unit tests, build scripts), engine code gets a standing default context.
 */
import { TraceRecorder, type TraceEnvelope } from './trace.ts';

export interface RunContext {
  readonly seed: number;
  readonly traces: TraceRecorder<TraceEnvelope>;
  /** The next id of a kind ('plan', 'job', ...): 0, 1, 2, ... within this run. */
  nextId(kind: string): number;
  /** Memoized pure helpers (e.g. compiled row builders), keyed by what they were built for. */
  readonly memo: Map<string, unknown>;
}

export interface RunOptions {
  seed?: number;
  /** How many traces to keep (the most recent). */
  keepTraces?: number;
}

function createContext(options: RunOptions = {}): RunContext {
  const ids = new Map<string, number>();
  return {
    seed: options.seed ?? 42,
    traces: new TraceRecorder(options.keepTraces),
    nextId(kind) {
      const id = ids.get(kind) ?? 0;
      ids.set(kind, id + 1);
      return id;
    },
    memo: new Map(),
  };
}

let current: RunContext | undefined;

/** Starts a run: from now until endRun, engine code works in a fresh context. */
export function beginRun(options?: RunOptions): RunContext {
  current = createContext(options);
  return current;
}

/** Ends the run begun with this context (later engine use gets a new default context). */
export function endRun(context: RunContext): void {
  if (current === context) current = undefined;
}

/** The context of the run in progress, or a default one when no run was begun. */
export function currentRun(): RunContext {
  current ??= createContext({ keepTraces: 100 });
  return current;
}

/**
 * Runs `work` in a context of its own (its own traces, ids and memo), then puts back the run's.
 * For work that belongs to no run, e.g. a check's fixture computed once and reused: it leaves no
 * trace in the run it happens in, and gives the same ids whenever it happens.
 */
export function inOwnContext<T>(work: () => T): T {
  const saved = current;
  current = createContext();
  try {
    return work();
  } finally {
    current = saved;
  }
}
