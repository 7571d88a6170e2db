/**
 * The group coordinator: KafkaJS 2.2.4's round-robin assignment (exact order), and rebalances on
 * join, leave and session expiry, each a new generation with exactly the moved partitions reported.
 */
import { describe, expect, test } from 'vitest';
import {
  Broker,
  GroupCoordinator,
  KAFKAJS_SESSION_TIMEOUT_MS,
  roundRobinAssign,
  type GroupAssignment,
  type Rebalance,
  type TopicPartition,
} from '../../../../src/engine/kafka/index.ts';
import { Random } from '../../../../src/engine/kernel/random.ts';

/** An assignment as { member: { topic: partitions } }, like KafkaJS's memberAssignment. */
function byTopic(assignment: GroupAssignment): Record<string, Record<string, number[]>> {
  // Null-prototype objects, as KafkaJS uses: a topic named 'toString' or 'shift' is just a key.
  const out: Record<string, Record<string, number[]>> = Object.create(null);
  for (const [member, tps] of assignment) {
    out[member] = Object.create(null);
    for (const { topic, partition } of tps) (out[member][topic] ??= []).push(partition);
  }
  return out;
}

function ownersOf(assignment: GroupAssignment): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const [member, tps] of assignment) {
    for (const { topic, partition } of tps) {
      const key = `${topic}-${partition}`;
      owners.set(key, [...(owners.get(key) ?? []), member]);
    }
  }
  return owners;
}

describe("KafkaJS's RoundRobinAssigner", () => {
  test("KafkaJS's own test vector: 4 members, topic-A with 14 partitions and topic-B with 5", () => {
    const assignment = roundRobinAssign(
      ['member-3', 'member-1', 'member-4', 'member-2'],
      [
        { topic: 'topic-A', numPartitions: 14 },
        { topic: 'topic-B', numPartitions: 5 },
      ],
    );
    expect([...assignment.keys()]).toEqual(['member-1', 'member-2', 'member-3', 'member-4']);
    expect(byTopic(assignment)).toEqual({
      'member-1': { 'topic-A': [0, 4, 8, 12], 'topic-B': [2] },
      'member-2': { 'topic-A': [1, 5, 9, 13], 'topic-B': [3] },
      'member-3': { 'topic-A': [2, 6, 10], 'topic-B': [0, 4] },
      'member-4': { 'topic-A': [3, 7, 11], 'topic-B': [1] },
    });
  });

  test("KafkaJS's test vector: topics named like builtins ('shift', 'toString')", () => {
    const assignment = roundRobinAssign(['member-1'], [
      { topic: 'shift', numPartitions: 1 },
      { topic: 'toString', numPartitions: 1 },
    ]);
    expect(byTopic(assignment)).toEqual({ 'member-1': { shift: [0], toString: [0] } });
  });

  test('topics go in the given (subscription) order, not sorted; members by JS default sort (code units)', () => {
    const assignment = roundRobinAssign(['b', 'B', 'a'], [
      { topic: 'zeta', numPartitions: 2 },
      { topic: 'alpha', numPartitions: 2 },
    ]);
    // 'B' (0x42) sorts before 'a' (0x61) and 'b'.
    expect([...assignment.keys()]).toEqual(['B', 'a', 'b']);
    expect(assignment.get('B')).toEqual([{ topic: 'zeta', partition: 0 }, { topic: 'alpha', partition: 1 }]);
    expect(assignment.get('a')).toEqual([{ topic: 'zeta', partition: 1 }]);
    expect(assignment.get('b')).toEqual([{ topic: 'alpha', partition: 0 }]);
  });

  test('members beyond the partition count are idle', () => {
    const assignment = roundRobinAssign(['m1', 'm2', 'm3'], [{ topic: 't', numPartitions: 2 }]);
    expect(byTopic(assignment)).toEqual({ m1: { t: [0] }, m2: { t: [1] }, m3: {} });
  });

  test('property: one owner per partition, owners are members, balance within 1, idle members, deterministic', () => {
    const random = new Random(2024);
    for (let run = 0; run < 500; run++) {
      const memberIds = Array.from({ length: 1 + random.int(8) }, (_, i) => `consumer-${random.int(1000)}-${i}`);
      const topics = Array.from({ length: 1 + random.int(4) }, (_, i) => ({ topic: `t${random.int(100)}-${i}`, numPartitions: 1 + random.int(12) }));
      const total = topics.reduce((n, t) => n + t.numPartitions, 0);
      const assignment = roundRobinAssign(memberIds, topics);
      const owners = ownersOf(assignment);
      expect(owners.size).toBe(total);
      for (const [, who] of owners) expect(who.length).toBe(1);
      expect(new Set(assignment.keys())).toEqual(new Set(memberIds));
      const counts = [...assignment.values()].map((tps) => tps.length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(counts.filter((c) => c === 0).length).toBe(Math.max(0, memberIds.length - total));
      expect(byTopic(roundRobinAssign([...memberIds].reverse(), topics))).toEqual(byTopic(assignment));
    }
  });
});

function setup() {
  const broker = new Broker();
  broker.createTopic({ topic: 'orders', numPartitions: 4 });
  broker.createTopic({ topic: 'payments', numPartitions: 2 });
  return { broker, coordinator: new GroupCoordinator(broker) };
}

const tp = (topic: string, partition: number): TopicPartition => ({ topic, partition });

describe('rebalances', () => {
  test('the first join: generation 1, the member owns everything, every partition moves from nobody', () => {
    const { coordinator } = setup();
    expect(coordinator.group('g')).toBeUndefined();
    const r = coordinator.join('g', { memberId: 'a', topics: ['orders'] }, 0);
    expect([r.cause, r.previousGeneration, r.generationId, r.leaderId]).toEqual(['join', 0, 1, 'a']);
    expect(r.moves).toEqual([0, 1, 2, 3].map((p) => ({ ...tp('orders', p), from: null, to: 'a' })));
    expect(coordinator.assignmentOf('g', 'a')).toEqual([0, 1, 2, 3].map((p) => tp('orders', p)));
  });

  test('a join bumps the generation and reports exactly the partitions that moved', () => {
    const { coordinator } = setup();
    coordinator.join('g', { memberId: 'b', topics: ['orders'] }, 0);
    const r = coordinator.join('g', { memberId: 'a', topics: ['orders'] }, 10);
    expect(r.generationId).toBe(2);
    // sorted: a, b -> a: 0, 2; b: 1, 3. b had all four.
    expect(r.moves).toEqual([
      { ...tp('orders', 0), from: 'b', to: 'a' },
      { ...tp('orders', 2), from: 'b', to: 'a' },
    ]);
    expect(byTopic(r.before)).toEqual({ b: { orders: [0, 1, 2, 3] } });
    expect(byTopic(r.after)).toEqual({ a: { orders: [0, 2] }, b: { orders: [1, 3] } });
  });

  test('a leave bumps the generation and hands the partitions over; the last leave leaves them unowned', () => {
    const { coordinator } = setup();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] }, 0);
    coordinator.join('g', { memberId: 'b', topics: ['orders'] }, 0);
    const r = coordinator.leave('g', 'a', 5);
    expect([r.cause, r.members, r.generationId, r.leaderId]).toEqual(['leave', ['a'], 3, 'b']);
    expect(r.moves).toEqual([
      { ...tp('orders', 0), from: 'a', to: 'b' },
      { ...tp('orders', 2), from: 'a', to: 'b' },
    ]);
    const last = coordinator.leave('g', 'b', 6);
    expect(last.generationId).toBe(4);
    expect(last.moves.map((m) => [m.partition, m.from, m.to])).toEqual([0, 1, 2, 3].map((p) => [p, 'b', null]));
    expect(coordinator.group('g')!.members).toEqual([]);
  });

  test('an extra member is idle, and its leaving moves nothing (but still a new generation)', () => {
    const { coordinator } = setup();
    for (const id of ['a', 'b', 'c']) coordinator.join('g', { memberId: id, topics: ['payments'] }, 0);
    expect(coordinator.assignmentOf('g', 'c')).toEqual([]);
    const r = coordinator.leave('g', 'c', 1);
    expect(r.generationId).toBe(4);
    expect(r.moves).toEqual([]);
  });

  test('the leader\'s subscription decides the topics; a member drops topics it did not subscribe to', () => {
    const { coordinator } = setup();
    coordinator.join('g', { memberId: 'b', topics: ['payments', 'orders'] }, 0);
    const r = coordinator.join('g', { memberId: 'a', topics: ['orders'] }, 0);
    // Round robin over payments-0, payments-1, orders-0..3 to [a, b]; a keeps only orders.
    expect(byTopic(r.after)).toEqual({ a: { orders: [0, 2] }, b: { payments: [1], orders: [1, 3] } });
    expect(r.moves.filter((m) => m.to === null)).toEqual([{ ...tp('payments', 0), from: 'b', to: null }]);
  });

  test('a heartbeat within the session timeout keeps a member; silence for the timeout expires it', () => {
    const { coordinator } = setup();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] }, 0);
    coordinator.join('g', { memberId: 'b', topics: ['orders'], sessionTimeoutMs: 1000 }, 0);
    coordinator.heartbeat('g', 'b', 900);
    expect(coordinator.expire(1500)).toEqual([]);
    coordinator.heartbeat('g', 'a', 29_000);
    const [r] = coordinator.expire(1900);
    expect([r.cause, r.members, r.generationId]).toEqual(['expire', ['b'], 3]);
    expect(r.moves).toEqual([
      { ...tp('orders', 1), from: 'b', to: 'a' },
      { ...tp('orders', 3), from: 'b', to: 'a' },
    ]);
    expect(() => coordinator.heartbeat('g', 'b', 2000)).toThrow(/UNKNOWN_MEMBER_ID/);
  });

  test("expiry at exactly the boundary: kept 1 ms before lastHeartbeat + timeout, gone at it (now - lastHeartbeat >= timeout)", () => {
    const { coordinator } = setup();
    coordinator.join('g', { memberId: 'a', topics: ['orders'] }, 100);
    // KafkaJS 2.2.4's consumer default sessionTimeout (the Java consumer's is 45000 since Kafka 3.0).
    expect(KAFKAJS_SESSION_TIMEOUT_MS).toBe(30_000);
    expect(coordinator.group('g')!.members[0].sessionTimeoutMs).toBe(KAFKAJS_SESSION_TIMEOUT_MS);
    expect(coordinator.expire(100 + KAFKAJS_SESSION_TIMEOUT_MS - 1)).toEqual([]);
    expect(coordinator.group('g')!.generationId).toBe(1);
    const rebalances = coordinator.expire(100 + KAFKAJS_SESSION_TIMEOUT_MS);
    expect(rebalances.map((r) => [r.members, r.generationId])).toEqual([[['a'], 2]]);
  });

  test('members expiring together make one rebalance per group', () => {
    const { coordinator } = setup();
    for (const id of ['a', 'b', 'c']) coordinator.join('g', { memberId: id, topics: ['orders'], sessionTimeoutMs: 10 }, 0);
    coordinator.join('h', { memberId: 'x', topics: ['orders'], sessionTimeoutMs: 10 }, 0);
    coordinator.heartbeat('g', 'c', 5);
    const rebalances = coordinator.expire(10);
    expect(rebalances.map((r) => [r.groupId, r.members, r.generationId])).toEqual([
      ['g', ['a', 'b'], 4],
      ['h', ['x'], 2],
    ]);
  });

  test('property: after random joins, leaves and expiries, every partition has one owner among the members', () => {
    const random = new Random(7);
    for (let run = 0; run < 100; run++) {
      const { coordinator } = setup();
      let now = 0;
      let generation = 0;
      let next = 0;
      for (let step = 0; step < 30; step++) {
        now += random.int(20_000);
        const members = coordinator.group('g')?.members.map((m) => m.memberId) ?? [];
        const choice = random.int(4);
        let rebalances: Rebalance[];
        if (choice === 0 || members.length === 0) rebalances = [coordinator.join('g', { memberId: `m${next++}`, topics: ['orders', 'payments'] }, now)];
        else if (choice === 1) rebalances = [coordinator.leave('g', members[random.int(members.length)], now)];
        else if (choice === 2) { coordinator.heartbeat('g', members[random.int(members.length)], now); rebalances = []; }
        else rebalances = coordinator.expire(now);
        for (const r of rebalances) {
          expect(r.generationId).toBe(++generation);
          // The moves are exactly the difference between before and after.
          const before = ownersOf(r.before);
          const after = ownersOf(r.after);
          const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => String(before.get(k)) !== String(after.get(k)));
          expect(r.moves.map((m) => `${m.topic}-${m.partition}`).sort()).toEqual(changed.sort());
        }
        const state = coordinator.group('g')!;
        const owners = ownersOf(state.assignment);
        const ids = state.members.map((m) => m.memberId);
        expect(owners.size).toBe(ids.length === 0 ? 0 : 6);
        for (const [, who] of owners) { expect(who.length).toBe(1); expect(ids).toContain(who[0]); }
      }
    }
  });
});
