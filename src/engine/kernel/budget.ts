/**
 * How much a simulation may do before it stops by itself: a number of steps (events handled) and a
 * horizon of virtual time. A consumer loop never ends on its own, so every simulation needs one; when
 * it is spent the run ends cleanly, keeping its output and trace, long before any wall-clock limit.
 */
export interface Budget {
  /** Events the simulation may handle; default 100,000. */
  maxSteps?: number;
  /** Virtual time (ms) after which no further event runs; default: no limit. */
  maxTime?: number;
}

export const DEFAULT_MAX_STEPS = 100_000;

export type BudgetEnd = 'step-budget' | 'time-budget';

/** Why the run must stop before handling an event due at `nextTime`, or undefined to go on. */
export function budgetSpent(budget: Budget, steps: number, nextTime: number): BudgetEnd | undefined {
  if (steps >= (budget.maxSteps ?? DEFAULT_MAX_STEPS)) return 'step-budget';
  if (budget.maxTime !== undefined && nextTime > budget.maxTime) return 'time-budget';
  return undefined;
}

/** A sentence for the learner about a spent budget. */
export function describeBudgetEnd(end: BudgetEnd, budget: Budget, now: number): string {
  return end === 'step-budget'
    ? `The simulation stopped after ${budget.maxSteps ?? DEFAULT_MAX_STEPS} steps (at ${now} ms of simulated time): it was still busy, so it was ended there.`
    : `The simulation stopped at ${budget.maxTime} ms of simulated time, its time budget.`;
}
