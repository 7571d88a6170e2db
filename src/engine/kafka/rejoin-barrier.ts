/**
 * The JoinGroup barrier: after a rebalance starts, a member gets its new assignment only once every
 * member of the group has rejoined the new generation, or has been removed when its session ran out.
 * Live members rejoin at their next heartbeat; a dead one holds everyone up until it expires. The
 * engine polls: often enough to see a live member's rejoin soon, and no more often than needed to see
 * a dead one expire (its deadline is known), so a crash costs a few events, not hundreds.
 */
import type { ClusterCore } from './cluster.ts';

/** How often a waiting member looks again while others may still rejoin. */
const REJOIN_POLL_MS = 1000;

export interface RejoinState {
  settled: boolean;
  generation: number;
  /** When not settled: virtual ms to wait before looking again. */
  waitMs: number;
}

export function rejoinState(core: ClusterCore, groupId: string): RejoinState {
  core.expire();
  const group = core.coordinator.group(groupId)!;
  const synced = new Map<string, number>();
  for (const consumer of core.consumers) {
    const membership = consumer.membership();
    if (membership?.groupId === groupId) synced.set(membership.memberId, membership.generation);
  }
  const waiting = group.members.filter((member) => synced.get(member.memberId) !== group.generationId);
  if (waiting.length === 0) return { settled: true, generation: group.generationId, waitMs: 0 };
  const now = core.simulation.now;
  const firstExpiry = Math.min(...waiting.map((m) => m.lastHeartbeat + m.sessionTimeoutMs));
  return { settled: false, generation: group.generationId, waitMs: Math.max(1, Math.min(REJOIN_POLL_MS, firstExpiry - now)) };
}
