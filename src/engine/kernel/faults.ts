/**
 * Fault injection: named crash points. A subsystem runs each call it wants to be crashable
 * (a fetch, a handler, a store write, a commit) through the simulation under a name; a plan says
 * "crash before (or after) the k-th call of that name", and optionally when to restart. Calls are
 * counted across the whole run, so the same plan crashes at the same place every time, and the log
 * of a crash-free run lists every point a crash explorer can try.
 */
export type CrashTiming = 'before' | 'after';

export interface CrashPoint {
  /** The call's name, e.g. 'commitOffsets'. */
  call: string;
  /** 1-based: the k-th call of that name in the run. */
  nth: number;
  when: CrashTiming;
  /** Restart the crashed process this many ms (virtual) later; absent = it stays down. */
  restartAfter?: number;
}

/** One crashable call as it happened. */
export interface CallRecord {
  call: string;
  nth: number;
  /** Virtual time the call started. */
  time: number;
  process: string;
  /** What the call did, for people, e.g. 'commitOffsets(p0 -> 120)'. */
  detail?: string;
  /**
   * Index in the log of the last call that started before this one returned: itself, or the last
   * call made inside it (a handler's writes and commits). Absent while it runs, or if it never returned.
   */
  end?: number;
}

export class FaultInjector {
  readonly #plan: readonly CrashPoint[];
  readonly #counts = new Map<string, number>();
  readonly log: CallRecord[] = [];

  readonly #logging: boolean;
  /** Logged calls still running, by name and number. */
  readonly #open = new Map<string, CallRecord>();

  /** `log: false` only counts calls (long runs that no explorer will replay). */
  constructor(plan: readonly CrashPoint[] = [], { log = true }: { log?: boolean } = {}) {
    for (const point of plan) checkCrashPoint(point);
    this.#plan = plan;
    this.#logging = log;
  }

  /** Counts a call that is starting; returns its number and the crash point due before it, if any. */
  enter(call: string, time: number, process: string, detail?: string | (() => string)): { nth: number; crash: CrashPoint | undefined } {
    const nth = (this.#counts.get(call) ?? 0) + 1;
    this.#counts.set(call, nth);
    if (this.#logging) {
      // A function: the text is built only when the log is kept (hot loops call this per record).
      const text = typeof detail === 'function' ? detail() : detail;
      const record: CallRecord = text === undefined ? { call, nth, time, process } : { call, nth, time, process, detail: text };
      this.log.push(record);
      this.#open.set(`${call}#${nth}`, record);
    }
    return { nth, crash: this.#plan.length === 0 ? undefined : this.#find(call, nth, 'before') };
  }

  /** The crash point due after the nth call of `call`, if any. */
  /** Notes that the nth call of `call` returned (or threw): the calls logged so far happened inside it. */
  returned(call: string, nth: number): void {
    const record = this.#open.get(`${call}#${nth}`);
    if (!record) return;
    record.end = this.log.length - 1;
    this.#open.delete(`${call}#${nth}`);
  }

  leave(call: string, nth: number): CrashPoint | undefined {
    return this.#plan.length === 0 ? undefined : this.#find(call, nth, 'after');
  }

  /** How many calls of this name started so far. */
  count(call: string): number {
    return this.#counts.get(call) ?? 0;
  }

  #find(call: string, nth: number, when: CrashTiming): CrashPoint | undefined {
    return this.#plan.find((p) => p.call === call && p.nth === nth && p.when === when);
  }
}

function checkCrashPoint(point: CrashPoint): void {
  if (typeof point.call !== 'string' || point.call === '') throw new Error('A crash point needs the name of a call.');
  if (!Number.isInteger(point.nth) || point.nth < 1) throw new Error(`Crash point for ${point.call}: nth must be 1 or more, got ${String(point.nth)}.`);
  if (point.when !== 'before' && point.when !== 'after') throw new Error(`Crash point for ${point.call}: when must be 'before' or 'after'.`);
}

/** Every crash point of a recorded run, in the order the calls happened: before and after each call. */
export function crashPointsOf(log: readonly CallRecord[], restartAfter?: number): CrashPoint[] {
  const points: CrashPoint[] = [];
  for (const { call, nth } of log) {
    for (const when of ['before', 'after'] as const) {
      points.push(restartAfter === undefined ? { call, nth, when } : { call, nth, when, restartAfter });
    }
  }
  return points;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "crash before the 3rd call of commitOffsets". */
export function describeCrashPoint(point: CrashPoint): string {
  return `crash ${point.when} the ${ordinal(point.nth)} call of ${point.call}`;
}
