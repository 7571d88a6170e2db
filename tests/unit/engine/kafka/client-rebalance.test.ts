/**
 * Rebalances through the client, as KafkaJS 2.2.4 lives them: a new member splits the partitions
 * (round-robin over sorted member ids); a member learns of a rebalance at its next heartbeat
 * (heartbeatInterval), commits what it resolved (autoCommit only) and rejoins with a new offset
 * manager, so resolved-but-uncommitted offsets are read again by whoever owns the partition next;
 * a member whose handler outlives sessionTimeout is expired, the others take its partitions from
 * the last commit, and the zombie's own commit fails with UNKNOWN_MEMBER_ID before it rejoins.
 */
import { describe, expect, test } from 'vitest';
import type { ConsumerRunConfig, InstrumentationEvent, Kafka } from '../../../../src/engine/kafka/index.ts';
import { committed, eventsOf, makeCluster, offsetsOf, produce, range, recordEvents, sleep, TOPIC, type Seen } from './client-fixtures.ts';

describe('a second member joins', () => {
  test('the partitions are split round-robin; the first member learns at its next heartbeat, the second waits for it', async () => {
    const cluster = makeCluster(4);
    for (const p of [0, 1, 2, 3]) await produce(cluster, 1, p);
    const events: Record<string, InstrumentationEvent[]> = { a: [], b: [] };
    for (const name of ['a', 'b'] as const) {
      cluster.start(name, async (kafka: Kafka) => {
        if (name === 'b') await sleep(cluster, 'b', 1000);
        const consumer = kafka.consumer({ groupId: 'g' });
        recordEvents(consumer, events[name]);
        await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
        await consumer.run({ eachMessage: async () => {} });
      });
    }
    expect((await cluster.drain()).reason).toBe('idle');
    const joins = (name: string) => eventsOf(events[name]!, 'consumer.group_join');
    expect(joins('a').map((e) => e.payload.memberAssignment)).toEqual([{ [TOPIC]: [0, 1, 2, 3] }, { [TOPIC]: [0, 2] }]);
    expect(joins('b').map((e) => e.payload.memberAssignment)).toEqual([{ [TOPIC]: [1, 3] }]);
    const [rebalancing] = eventsOf(events.a!, 'consumer.rebalancing');
    expect(rebalancing!.payload).toEqual({ groupId: 'g', memberId: joins('a')[0]!.payload.memberId });
    // b joined at 1000 + 10 ms; a had joined at 10 ms and sends its first heartbeat 3000 ms after that.
    expect(rebalancing!.timestamp).toBeGreaterThanOrEqual(3010);
    expect(joins('b')[0]!.timestamp).toBeGreaterThanOrEqual(rebalancing!.timestamp);
    expect(cluster.rebalances().map((r) => r.cause)).toEqual(['join', 'join']);
  });
});

/**
 * p0 holds 5 records, p1 40; a handles each in 100 ms; b joins at 1010 ms. a finishes p0 at 512 ms
 * (commit: 514), then p1's offset k at 514 + 100 (k + 1) ms (+2 ms per commit of its own): its first
 * heartbeat due (3010 ms) comes after offset 24. b owns p1 after the rebalance.
 */
async function handover(run: Partial<ConsumerRunConfig>, commitEvery?: number, heartbeatInterval?: number) {
  const cluster = makeCluster(2);
  await produce(cluster, 5, 0);
  await produce(cluster, 40, 1);
  const seen: Seen[] = [];
  for (const name of ['a', 'b'] as const) {
    cluster.start(name, async (kafka: Kafka) => {
      if (name === 'b') await sleep(cluster, 'b', 1000);
      const consumer = kafka.consumer({ groupId: 'g', heartbeatInterval });
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        ...run,
        eachMessage: async ({ partition, message }) => {
          seen.push({ app: name, partition, offset: Number(message.offset), time: cluster.now });
          await sleep(cluster, name, 100);
          const next = Number(message.offset) + 1;
          if (commitEvery && next % commitEvery === 0) await consumer.commitOffsets([{ topic: TOPIC, partition, offset: String(next) }]);
        },
      });
    });
  }
  expect((await cluster.drain()).reason).toBe('idle');
  const by = (app: string, partition: number) => offsetsOf(seen.filter((s) => s.app === app), partition);
  return { cluster, seen, by };
}

describe('the member that loses a partition', () => {
  test('with autoCommit, it commits what it resolved when its heartbeat finds the rebalance: the new owner reads nothing twice', async () => {
    const { by, cluster } = await handover({});
    expect(by('a', 0)).toEqual(range(0, 5));
    expect(by('a', 1)).toEqual(range(0, 25));
    expect(by('b', 1)).toEqual(range(25, 40));
    expect(by('b', 0)).toEqual([]);
    expect(committed(cluster, 'g', 0)).toBe(5);
    expect(committed(cluster, 'g', 1)).toBe(40);
  });

  test('a shorter heartbeatInterval (1000 ms) finds the rebalance sooner: right after p1 offset 4 (1014 ms), b joined at 1010 ms', async () => {
    const { by } = await handover({}, undefined, 1000);
    expect(by('a', 1)).toEqual(range(0, 5));
    expect(by('b', 1)).toEqual(range(5, 40));
  });

  test('without autoCommit, what it resolved after its last commit is dropped: the new owner reads it again, and so does the old owner on the partition it keeps', async () => {
    const { by, cluster } = await handover({ autoCommit: false }, 10);
    // p1: a committed 10 and 20 itself, then learned of the rebalance after offset 24.
    expect(by('a', 1)).toEqual(range(0, 25));
    expect(by('b', 1)).toEqual(range(20, 40));
    // p0: a resolved 0..4 but never committed; its rejoin starts a new offset manager, back at the log start.
    expect(by('a', 0)).toEqual([...range(0, 5), ...range(0, 5)]);
    expect(committed(cluster, 'g', 1)).toBe(40);
    expect(committed(cluster, 'g', 0)).toBeUndefined();
  });
});

describe('a handler that takes longer than sessionTimeout', () => {
  test('its member is expired, the other takes its partition from the last commit, and the zombie fails to commit (UNKNOWN_MEMBER_ID) and rejoins', async () => {
    const cluster = makeCluster(2);
    const seen: Seen[] = [];
    const zombieErrors: unknown[] = [];
    const joins: Record<string, InstrumentationEvent[]> = { a: [], b: [] };
    let stuck = false;
    cluster.start('producer', async (kafka: Kafka) => {
      await sleep(cluster, 'producer', 10_000); // a and b have settled on p0 and p1 by then
      for (const partition of [0, 1]) await kafka.producer().send({ topic: TOPIC, messages: range(0, 3).map((i) => ({ value: `m${i}`, partition })) });
    });
    for (const name of ['a', 'b'] as const) {
      cluster.start(name, async (kafka: Kafka) => {
        const consumer = kafka.consumer({ groupId: 'g' }); // sessionTimeout 30000, heartbeatInterval 3000
        consumer.on(consumer.events.GROUP_JOIN, (e) => void joins[name]!.push(e));
        await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
        await consumer.run({
          autoCommitThreshold: 1, // a commit after every message
          eachMessage: async ({ partition, message }) => {
            seen.push({ app: name, partition, offset: Number(message.offset), time: cluster.now });
            if (name !== 'a' || partition !== 0 || message.offset !== '1' || stuck) return;
            stuck = true;
            await sleep(cluster, 'a', 40_000);
            try {
              await consumer.commitOffsets([{ topic: TOPIC, partition, offset: '2' }]);
            } catch (error) {
              // KafkaJS's protocol error type (KafkaJS itself hands it over wrapped, as the error's cause).
              const { type, cause } = error as { type?: unknown; cause?: { type?: unknown } };
              zombieErrors.push(type ?? cause?.type);
            }
          },
        });
      });
    }
    expect((await cluster.drain()).reason).toBe('idle');
    const aStuckAt = seen.find((s) => s.app === 'a' && s.offset === 1)!.time;
    expect(offsetsOf(seen.filter((s) => s.app === 'a'), 0)).toEqual([0, 1]);
    // a had committed 1 (after offset 0): b reads offset 1 again, then 2.
    expect(offsetsOf(seen.filter((s) => s.app === 'b'), 0)).toEqual([1, 2]);
    expect(zombieErrors).toEqual(['UNKNOWN_MEMBER_ID']);
    const firstA = joins.a![0]!.payload.memberId;
    const expiry = cluster.rebalances().find((r) => r.cause === 'expire')!;
    expect(expiry.members).toEqual([firstA]);
    // a's last heartbeat was right before it got stuck; the session then runs 30000 ms.
    expect(expiry.time).toBeGreaterThanOrEqual(aStuckAt + 30_000 - 3000);
    expect(expiry.time).toBeLessThan(aStuckAt + 40_000);
    // The zombie's commit changed nothing; b's commits stand. a rejoined as a new member.
    expect(committed(cluster, 'g', 0)).toBe(3);
    expect(committed(cluster, 'g', 1)).toBe(3);
    const aMembers = new Set(joins.a!.map((e) => e.payload.memberId));
    expect(aMembers.size).toBe(2);
    expect(joins.a!.at(-1)!.timestamp).toBeGreaterThanOrEqual(aStuckAt + 40_000);
  });
});
