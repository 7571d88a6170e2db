/**
 * The kernel every simulated system is built on: seeded randomness, a virtual clock with a
 * deterministic event queue, crash points and restarts, step/time budgets, traces, and the per-run
 * context. Subsystems import it; learner code never sees it directly.
 */
export { Random, deriveSeed, mix32, seededRandom } from './random.ts';
export { EventQueue, type QueuedEvent } from './event-queue.ts';
export { DEFAULT_MAX_STEPS, budgetSpent, describeBudgetEnd, type Budget, type BudgetEnd } from './budget.ts';
export { FaultInjector, crashPointsOf, describeCrashPoint, type CallRecord, type CrashPoint, type CrashTiming } from './faults.ts';
export {
  Process,
  Simulation,
  type EndReason,
  type ProcessState,
  type SimulationOptions,
  type SimulationOutcome,
  type TimelineEntry,
} from './simulation.ts';
export { TraceRecorder, type TraceEnvelope } from './trace.ts';
export { deepFreeze } from './freeze.ts';
export { freezeClass, sealInstance } from './sealed.ts';
export { beginRun, currentRun, endRun, inOwnContext, type RunContext, type RunOptions } from './run-context.ts';
