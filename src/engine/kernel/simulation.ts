/**
 * A discrete-event simulation on a virtual clock. Simulated programs are processes: async functions
 * that wait only on the simulation (sleep, crashable calls), so time jumps from one event to the next
 * and a run takes as long as its code, not as long as its timeouts. The pieces:
 *   - an event queue ordered by (virtual time, scheduling order): the same seed, the same run;
 *   - processes that can crash at named call points (faults.ts) and be restarted as a new incarnation;
 *   - a budget (budget.ts): a run ends by itself when its events are drained or its budget is spent,
 *     never by the wall-clock kill;
 *   - a timeline of what happened, for traces.
 * After each event the loop waits until every running process is waiting on the simulation again
 * (or finished), so which process runs next never depends on the host's scheduling.
 */
import { budgetSpent, type Budget, type BudgetEnd } from './budget.ts';
import { EventQueue } from './event-queue.ts';
import { FaultInjector, type CrashPoint } from './faults.ts';
import { Random } from './random.ts';

export type ProcessState = 'starting' | 'running' | 'waiting' | 'done' | 'failed' | 'crashed' | 'stalled';

/** A simulated program. Its body runs again from the start, as a new incarnation, after a restart. */
export class Process {
  readonly name: string;
  /** 1 for the first run of the body, 2 after the first restart, ... */
  incarnation = 0;
  state: ProcessState = 'starting';
  /** What the body threw, when it failed. */
  error: unknown;
  /** Virtual time of a restart that is scheduled but has not happened yet. */
  restartAt: number | undefined = undefined;
  /** Its sleeps not yet over: work it started without awaiting can sleep while its main line goes on. */
  sleeping = 0;
  /** @internal */
  readonly body: (self: Process) => unknown;

  constructor(name: string, body: (self: Process) => unknown) {
    this.name = name;
    this.body = body;
  }

  /** True while the current incarnation may still act on the simulated world. */
  get alive(): boolean {
    return this.state === 'running' || this.state === 'waiting' || this.state === 'starting' || this.state === 'stalled';
  }
}

export type TimelineEntry =
  | { time: number; type: 'start' | 'restart' | 'done'; process: string; incarnation: number }
  | { time: number; type: 'failed'; process: string; incarnation: number; error: string }
  | { time: number; type: 'crash'; process: string; incarnation: number; point: CrashPoint };

/** 'drained': no event left; 'stopped': a system said its work was done (stop()). */
export type EndReason = 'drained' | 'stopped' | BudgetEnd;

export interface SimulationOutcome {
  reason: EndReason;
  /** Virtual time when the run ended. */
  now: number;
  /** Events handled. */
  steps: number;
  /** Processes that waited on something outside the simulation (a real timer, a promise that never settles). */
  stalled: string[];
}

export interface SimulationOptions {
  seed?: number;
  budget?: Budget;
  /** Where processes crash (see faults.ts). */
  crashes?: readonly CrashPoint[];
  /** Keep the log of crashable calls (default true). */
  logCalls?: boolean;
}

/** A promise that never settles: what a crashed process gets from every further call. */
const NEVER: Promise<never> = new Promise(() => {});

/** Microtask turns to wait for running processes to reach their next wait before yielding to the host. */
const MICROTASK_TURNS = 10_000;
/** Microtask turns without any call into the simulation after which the running work counts as settled. */
const QUIET_TURNS = 12;
/** Host event-loop turns to wait after that, before a process counts as stalled. */
const HOST_TURNS = 20;

type Action = () => void;

export class Simulation {
  readonly random: Random;
  readonly faults: FaultInjector;
  readonly timeline: TimelineEntry[] = [];
  readonly #queue = new EventQueue<Action>();
  readonly #budget: Budget;
  readonly #processes: Process[] = [];
  #now = 0;
  #steps = 0;
  /** Processes executing code right now (not waiting on the simulation, not finished). */
  #running = 0;
  #inRun = false;
  /** Counts calls into the simulation: while it moves, some process is still doing something. */
  #activity = 0;
  #stopped = false;

  constructor(options: SimulationOptions = {}) {
    this.random = new Random(options.seed ?? 42);
    this.faults = new FaultInjector(options.crashes, { log: options.logCalls ?? true });
    this.#budget = options.budget ?? {};
  }

  /** Virtual time in ms. */
  get now(): number {
    return this.#now;
  }

  get processes(): readonly Process[] {
    return this.#processes;
  }

  /** Calls `action` at virtual time now + delayMs (outside any process). */
  schedule(delayMs: number, action: Action): void {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) throw new Error(`schedule: a delay must be a finite number >= 0, got ${String(delayMs)}`);
    this.#activity++;
    this.#queue.push(this.#now + delayMs, action);
  }

  /** Starts a process at the current virtual time (after what is already due now). */
  spawn(name: string, body: (self: Process) => unknown): Process {
    const process = new Process(name, body);
    this.#processes.push(process);
    this.schedule(0, () => {
      if (process.state === 'starting') this.#start(process, 'start'); // not if it was crashed before it began
    });
    return process;
  }

  /** Resolves after `ms` of virtual time; a crashed process never wakes up. */
  sleep(self: Process, ms: number): Promise<void> {
    if (!self.alive) return NEVER;
    const incarnation = self.incarnation;
    return new Promise<void>((resolve) => {
      this.#wait(self);
      self.sleeping++;
      this.schedule(ms, () => {
        if (self.incarnation !== incarnation || !self.alive) return;
        self.sleeping--;
        this.#wake(self);
        resolve();
      });
    });
  }

  /**
   * Runs `fn` as the next call named `call` by `self`. If the fault plan says so, `self` crashes
   * just before the call (it never happens) or just after it (it happened, but `self` never
   * learns the result). Either way the crashed incarnation never continues.
   */
  async call<T>(self: Process, call: string, fn: () => T | Promise<T>, detail?: string | (() => string)): Promise<T> {
    if (!self.alive) return NEVER;
    const incarnation = self.incarnation;
    this.#activity++;
    const { nth, crash } = this.faults.enter(call, this.#now, self.name, detail);
    if (crash) {
      this.crash(self, crash);
      return NEVER;
    }
    let result: T;
    try {
      result = await fn();
    } finally {
      this.faults.returned(call, nth);
    }
    if (self.incarnation !== incarnation || !self.alive) return NEVER;
    const after = this.faults.leave(call, nth);
    if (after) {
      this.crash(self, after);
      return NEVER;
    }
    return result;
  }

  /** Crashes `self` now: its pending waits never resolve; it restarts later if the point says so. */
  crash(self: Process, point: CrashPoint = { call: 'crash', nth: 1, when: 'before' }): void {
    if (!self.alive) return;
    if (self.state === 'running') this.#running--;
    self.state = 'crashed';
    this.timeline.push({ time: this.#now, type: 'crash', process: self.name, incarnation: self.incarnation, point });
    if (point.restartAfter !== undefined) {
      self.restartAt = this.#now + point.restartAfter;
      this.schedule(point.restartAfter, () => this.#start(self, 'restart'));
    }
  }

  /**
   * Ends the run after the current event, as 'stopped': for systems whose processes loop forever
   * (a consumer polls an empty log) and that know when their work is done.
   */
  stop(): void {
    this.#stopped = true;
  }

  /**
   * Handles events until none are left, a system stops it, or the budget is spent. Calling it again
   * goes on from there (after more work was scheduled, say); the budget covers all the calls together.
   */
  async run(): Promise<SimulationOutcome> {
    if (this.#inRun) throw new Error('This simulation is already running; wait for run() to finish before calling it again.');
    this.#inRun = true;
    this.#stopped = false;
    try {
      return await this.#loop();
    } finally {
      this.#inRun = false;
    }
  }

  async #loop(): Promise<SimulationOutcome> {
    const stalled = new Set<string>();
    for (;;) {
      await this.#settle(stalled);
      if (this.#stopped) return this.#outcome('stopped', stalled);
      const next = this.#queue.peek();
      if (!next) return this.#outcome('drained', stalled);
      const spent = budgetSpent(this.#budget, this.#steps, next.time);
      if (spent) return this.#outcome(spent, stalled);
      this.#queue.pop();
      this.#now = next.time;
      this.#steps++;
      next.event();
    }
  }

  #outcome(reason: EndReason, stalled: Set<string>): SimulationOutcome {
    return { reason, now: this.#now, steps: this.#steps, stalled: [...stalled] };
  }

  #start(process: Process, type: 'start' | 'restart'): void {
    process.incarnation++;
    process.state = 'running';
    process.error = undefined;
    process.restartAt = undefined;
    process.sleeping = 0;
    this.#running++;
    const incarnation = process.incarnation;
    this.timeline.push({ time: this.#now, type, process: process.name, incarnation });
    const finish = (state: 'done' | 'failed', error?: unknown) => {
      if (process.incarnation !== incarnation || !process.alive) return;
      if (process.state === 'running') this.#running--;
      process.state = state;
      if (state === 'failed') {
        process.error = error;
        this.timeline.push({ time: this.#now, type: 'failed', process: process.name, incarnation, error: describeError(error) });
      } else {
        this.timeline.push({ time: this.#now, type: 'done', process: process.name, incarnation });
      }
    };
    try {
      Promise.resolve(process.body(process)).then(
        () => finish('done'),
        (error: unknown) => finish('failed', error),
      );
    } catch (error) {
      finish('failed', error);
    }
  }

  #wait(self: Process): void {
    if (self.state === 'running') this.#running--;
    self.state = 'waiting';
  }

  #wake(self: Process): void {
    if (self.state === 'running') return; // another line of its work was already going
    self.state = 'running';
    this.#running++;
  }

  /**
   * Waits until no process is running: each is waiting on the simulation, finished, or stalled.
   * A process can run several lines of work at once (a write it started without awaiting, say):
   * microtasks are flushed until the simulation sees no more calls, so such work reaches its own
   * next wait at the virtual time it started; a process still marked running that has a sleep of its
   * own pending is waiting on the simulation, not stalled.
   */
  async #settle(stalled: Set<string>): Promise<void> {
    let last = this.#activity;
    for (let turn = 0, quiet = 0; quiet < QUIET_TURNS && turn < MICROTASK_TURNS; turn++) {
      await null;
      if (this.#activity !== last || this.#running > 0 && !this.#onlySleepers()) {
        last = this.#activity;
        quiet = 0;
      } else quiet++;
    }
    if (this.#running > 0 && this.#onlySleepers()) this.#restSleepers();
    for (let turn = 0; this.#running > 0 && turn < HOST_TURNS; turn++) await hostTurn();
    if (this.#running === 0) return;
    // Still running after the host had its turns: it awaits something outside the simulation.
    for (const p of this.#processes) {
      if (p.state === 'running') {
        p.state = 'stalled';
        stalled.add(p.name);
      }
    }
    this.#running = 0;
  }

  /** True when every process marked running has a sleep pending (its other lines of work ended). */
  #onlySleepers(): boolean {
    return this.#processes.every((p) => p.state !== 'running' || p.sleeping > 0);
  }

  #restSleepers(): void {
    for (const p of this.#processes) {
      if (p.state === 'running' && p.sleeping > 0) {
        p.state = 'waiting';
        this.#running--;
      }
    }
  }
}

/** One turn of the host's event loop (timers, I/O), without the 4 ms clamp of nested setTimeout. */
function hostTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
