/**
 * Where a client's calls happen: on a cluster, and either inside a process (an app started with
 * cluster.start, or a consumer's own loop) or outside the simulation (set-up code). Inside a
 * process every call that changes the world is a named crash point and takes virtual time; outside,
 * it acts at once.
 */
import type { Process } from '../kernel/simulation.ts';
import type { ClusterCore } from './cluster.ts';

export interface ClientContext {
  readonly core: ClusterCore;
  /** The app process this client belongs to; undefined for a client made outside any app. */
  readonly process: Process | undefined;
}

/**
 * Runs `work` as the call `call` of `self` (a crash point, described by `detail` in crash reports),
 * after `latency` ms of virtual time. Without a process, just runs it.
 */
export async function act<T>(core: ClusterCore, self: Process | undefined, call: string, detail: string | (() => string), latency: number, work: () => T | Promise<T>): Promise<T> {
  if (!self) return work();
  const simulation = core.simulation;
  if (latency <= 0) return simulation.call(self, call, work, detail);
  return simulation.call(
    self,
    call,
    async () => {
      if (latency > 0) await simulation.sleep(self, latency);
      return work();
    },
    detail,
  );
}

/** Waits `ms` of virtual time inside a process (nothing to wait for outside one). */
export async function pause(core: ClusterCore, self: Process | undefined, ms: number): Promise<void> {
  if (self && ms > 0) await core.simulation.sleep(self, ms);
}
