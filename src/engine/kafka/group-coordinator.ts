/**
 * The group coordinator: consumer groups, their members and who owns which partition. Members join
 * with the topics they subscribe to, heartbeat, leave, or go silent; each of these that changes the
 * membership is a rebalance, which starts a new generation and reassigns every partition with
 * KafkaJS's round-robin assigner. A rebalance returns a record of what moved from whom to whom.
 *
 * Pure logic on virtual time: every call takes `now` (the caller's `simulation.now`), and a member
 * that has not heartbeaten for its session timeout is removed only when `expire(now)` is called.
 * The join/sync round trips, REBALANCE_IN_PROGRESS answers and rebalance timeouts are not modelled
 * here: a rebalance completes within the call that causes it.
 */
import { freezeClass, sealInstance } from '../kernel/sealed.ts';
import type { Broker } from './broker.ts';
import { roundRobinAssign, type GroupAssignment, type TopicPartition } from './round-robin-assignor.ts';

/** KafkaJS 2.2.4's consumer `sessionTimeout` default (src/consumer/index.js), what the engine's client sends. */
export const KAFKAJS_SESSION_TIMEOUT_MS = 30_000;
/** The Java consumer's session.timeout.ms default since Kafka 3.0 (10000 before), for comparison. */
export const JAVA_SESSION_TIMEOUT_MS = 45_000;

export interface JoinRequest {
  memberId: string;
  /** The topics the member subscribes to, in its subscription order (the leader's order is the assignment's). */
  topics: readonly string[];
  /** Default KAFKAJS_SESSION_TIMEOUT_MS. Sent per member, as in a JoinGroup request. */
  sessionTimeoutMs?: number;
}

export interface MemberState {
  readonly memberId: string;
  readonly topics: readonly string[];
  readonly sessionTimeoutMs: number;
  /** Virtual ms of the last join or heartbeat. */
  readonly lastHeartbeat: number;
}

/** One partition changing hands; `null` means no owner (before the first owner, after the last one leaves). */
export interface PartitionMove extends TopicPartition {
  readonly from: string | null;
  readonly to: string | null;
}

export type RebalanceCause = 'join' | 'leave' | 'expire';

/** The before/after picture of one rebalance. */
export interface Rebalance {
  readonly groupId: string;
  readonly cause: RebalanceCause;
  /** The members whose join, leave or expiry caused it. */
  readonly members: readonly string[];
  readonly time: number;
  readonly previousGeneration: number;
  readonly generationId: number;
  readonly leaderId: string | null;
  readonly before: GroupAssignment;
  readonly after: GroupAssignment;
  /** Exactly the partitions whose owner changed, by topic then partition. */
  readonly moves: readonly PartitionMove[];
}

export interface GroupState {
  readonly groupId: string;
  /** 0 for a group that never had a member; +1 per rebalance. */
  readonly generationId: number;
  readonly leaderId: string | null;
  /** In join order. */
  readonly members: readonly MemberState[];
  readonly assignment: GroupAssignment;
}

interface Group {
  generationId: number;
  leaderId: string | null;
  members: Map<string, MemberState>;
  assignment: GroupAssignment;
}

export class GroupCoordinator {
  readonly #broker: Broker;
  readonly #groups = new Map<string, Group>();

  constructor(broker: Broker) {
    this.#broker = broker;
    sealInstance(this, new.target, GroupCoordinator);
  }

  /** A new member joins (or an empty group is created): a rebalance. */
  join(groupId: string, request: JoinRequest, now: number): Rebalance {
    const { memberId, topics, sessionTimeoutMs = KAFKAJS_SESSION_TIMEOUT_MS } = request;
    checkName('group id', groupId);
    checkName('member id', memberId);
    checkTime(now);
    if (!Array.isArray(topics) || topics.length === 0) throw new Error(`Member "${memberId}" must subscribe to at least one topic.`);
    for (const topic of topics) this.#broker.partitionCount(topic); // throws for an unknown topic, naming what exists
    if (!(Number.isFinite(sessionTimeoutMs) && sessionTimeoutMs > 0)) {
      throw new Error(`Member "${memberId}": sessionTimeoutMs must be a positive number of ms, got ${String(sessionTimeoutMs)}.`);
    }
    const group = this.#group(groupId);
    if (group.members.has(memberId)) throw new Error(`Member "${memberId}" is already in group "${groupId}".`);
    group.members.set(memberId, Object.freeze({ memberId, topics: Object.freeze([...new Set(topics)]), sessionTimeoutMs, lastHeartbeat: now }));
    return this.#rebalance(groupId, group, 'join', [memberId], now);
  }

  /** A member leaves on purpose (KafkaJS's disconnect sends LeaveGroup): a rebalance. */
  leave(groupId: string, memberId: string, now: number): Rebalance {
    checkTime(now);
    const group = this.#member(groupId, memberId);
    group.members.delete(memberId);
    return this.#rebalance(groupId, group, 'leave', [memberId], now);
  }

  /** Keeps a member alive: records `now` as its last heartbeat. */
  heartbeat(groupId: string, memberId: string, now: number): void {
    checkTime(now);
    const group = this.#member(groupId, memberId);
    const member = group.members.get(memberId)!;
    group.members.set(memberId, Object.freeze({ ...member, lastHeartbeat: now }));
  }

  /**
   * Removes every member whose session has run out and rebalances each group that lost one (once
   * per group, however many expired together). Expired means `now - lastHeartbeat >= sessionTimeoutMs`:
   * Kafka schedules the check at lastHeartbeat + sessionTimeoutMs and keeps the member only if
   * `latestHeartbeat + sessionTimeoutMs > deadline` (GroupCoordinator.shouldKeepMemberAlive), so a
   * member silent for exactly its timeout is gone.
   */
  expire(now: number): Rebalance[] {
    checkTime(now);
    const rebalances: Rebalance[] = [];
    for (const [groupId, group] of this.#groups) {
      const expired = [...group.members.values()].filter((m) => now - m.lastHeartbeat >= m.sessionTimeoutMs).map((m) => m.memberId);
      if (expired.length === 0) continue;
      for (const id of expired) group.members.delete(id);
      rebalances.push(this.#rebalance(groupId, group, 'expire', expired, now));
    }
    return rebalances;
  }

  /** A group's state, or undefined for a group that never existed. */
  group(groupId: string): GroupState | undefined {
    const group = this.#groups.get(groupId);
    if (!group) return undefined;
    return Object.freeze({
      groupId,
      generationId: group.generationId,
      leaderId: group.leaderId,
      members: Object.freeze([...group.members.values()]),
      assignment: group.assignment,
    });
  }

  /** The partitions a member owns in the current generation. */
  assignmentOf(groupId: string, memberId: string): readonly TopicPartition[] {
    return this.#member(groupId, memberId).assignment.get(memberId) ?? [];
  }

  #group(groupId: string): Group {
    let group = this.#groups.get(groupId);
    if (!group) {
      group = { generationId: 0, leaderId: null, members: new Map(), assignment: new Map() };
      this.#groups.set(groupId, group);
    }
    return group;
  }

  #member(groupId: string, memberId: string): Group {
    const group = this.#groups.get(groupId);
    if (!group || !group.members.has(memberId)) {
      // Kafka's UNKNOWN_MEMBER_ID: a member that was expired must join again.
      const known = group ? [...group.members.keys()].map((m) => `"${m}"`).join(', ') || 'none' : 'none (no such group)';
      throw new Error(`Member "${String(memberId)}" is not in group "${String(groupId)}" (UNKNOWN_MEMBER_ID). Members: ${known}.`);
    }
    return group;
  }

  #rebalance(groupId: string, group: Group, cause: RebalanceCause, members: string[], now: number): Rebalance {
    const before = group.assignment;
    const previousGeneration = group.generationId;
    group.generationId += 1;
    // The leader is the earliest-joined member still in the group (Kafka picks the first member to
    // join, and another member when the leader leaves). Its subscription decides the topics.
    if (group.leaderId === null || !group.members.has(group.leaderId)) {
      group.leaderId = group.members.keys().next().value ?? null;
    }
    const leader = group.leaderId === null ? undefined : group.members.get(group.leaderId);
    const topics = (leader?.topics ?? []).map((topic) => ({ topic, numPartitions: this.#broker.partitionCount(topic) }));
    const raw = roundRobinAssign([...group.members.keys()], topics);
    // KafkaJS drops, per member, assigned topics it did not subscribe to: those partitions go unread.
    const after = new Map(
      [...raw].map(([id, tps]) => [id, Object.freeze(tps.filter((tp) => group.members.get(id)!.topics.includes(tp.topic)))]),
    );
    group.assignment = after;
    return Object.freeze({
      groupId,
      cause,
      members: Object.freeze(members),
      time: now,
      previousGeneration,
      generationId: group.generationId,
      leaderId: group.leaderId,
      before,
      after,
      moves: Object.freeze(partitionMoves(before, after)),
    });
  }
}

freezeClass(GroupCoordinator);

/** The partitions whose owner differs between two assignments, by topic then partition. */
export function partitionMoves(before: GroupAssignment, after: GroupAssignment): PartitionMove[] {
  const owners = (assignment: GroupAssignment) => {
    const map = new Map<string, { tp: TopicPartition; owner: string }>();
    for (const [owner, tps] of assignment) for (const tp of tps) map.set(JSON.stringify([tp.topic, tp.partition]), { tp, owner });
    return map;
  };
  const was = owners(before);
  const now = owners(after);
  const moves: PartitionMove[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const from = was.get(key)?.owner ?? null;
    const to = now.get(key)?.owner ?? null;
    if (from !== to) {
      const { topic, partition } = (was.get(key) ?? now.get(key))!.tp;
      moves.push(Object.freeze({ topic, partition, from, to }));
    }
  }
  return moves.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

function checkName(what: string, value: string): void {
  if (typeof value !== 'string' || value === '') throw new Error(`A ${what} must be a non-empty string, got ${JSON.stringify(value)}.`);
}

function checkTime(now: number): void {
  if (!Number.isFinite(now)) throw new Error(`now must be a virtual time in ms, got ${String(now)}.`);
}
