/** Where a transfer's ends are: the driver (DRIVER_ID) or an executor, and whether it crossed the network. */
import { DRIVER_ID } from '../../../engine/spark/job-trace.ts';
import type { TraceTransfer } from '../../../engine/spark/job-trace.ts';

/** Data crosses the network when its two ends differ; to or from the driver it always does. */
export function crossesNetwork(t: TraceTransfer): boolean {
  return t.fromExecutor !== t.toExecutor;
}

export function isDriver(executorId: number): boolean {
  return executorId === DRIVER_ID;
}
