import { describe, expect, test } from 'vitest';
import { partitionsTrace, rebalanceTrace, recordRebalance, type KafkaCluster, type KafkaRebalanceTrace } from '../../../../src/engine/kafka/index.ts';
import { beginRun, endRun } from '../../../../src/engine/kernel/run-context.ts';
import { TOPIC, joinWhileUncommitted, sinkRun } from './trace-runs.ts';

const tp = (partition: number) => ({ topic: TOPIC, partition });

describe('rebalanceTrace', () => {
  test("made when the previous owner notices: p1 moves to the new member, which reads 0-9 again from the log start; p0 stays, committed at 10", async () => {
    const { cluster, atRebalancing } = await joinWhileUncommitted((c) => rebalanceTrace(c, c.rebalances().at(-1)!, { fromBeginning: true }));
    expect((await cluster.drain()).reason).toBe('idle');
    expect(atRebalancing.length).toBe(1);
    const trace = atRebalancing[0]!;
    const [first, second] = cluster.rebalances();
    const old = [...first!.after.keys()][0]!;
    const joined = second!.members[0]!;
    expect(trace).toMatchObject({
      kind: 'kafka-rebalance', version: 1, groupId: 'sink', cause: 'join', changed: [joined], time: second!.time,
      generation: { from: 1, to: 2 },
      before: [{ member: old, partitions: [tp(0), tp(1)] }],
    });
    // Round-robin over members sorted by id: the first member keeps p0, the new one gets p1.
    expect([old, joined].sort()).toEqual([old, joined]);
    expect(trace.after).toEqual([{ member: old, partitions: [tp(0)] }, { member: joined, partitions: [tp(1)] }]);
    expect(trace.partitions).toEqual([
      { ...tp(0), from: old, to: old, start: 10, startSource: 'committed', previousPosition: 10, reread: null, skipped: null },
      { ...tp(1), from: old, to: joined, start: 0, startSource: 'log-start', previousPosition: 10, reread: { from: 0, to: 9 }, skipped: null },
    ]);
    // What the picture promised happened: the sink holds p1:0-9 twice and p0 once.
    const objects = partitionsTrace(cluster, 'end').objects;
    expect(objects.filter((o) => o.partition === 1).reduce((n, o) => n + o.duplicates, 0)).toBe(20);
    expect(objects.filter((o) => o.partition === 0).reduce((n, o) => n + o.duplicates, 0)).toBe(0);
  });

  test('without fromBeginning and without a commit, the new owner starts at the high watermark: given an earlier position, the rest is skipped', async () => {
    const { cluster, atRebalancing } = await joinWhileUncommitted((c) => rebalanceTrace(c, c.rebalances().at(-1)!, { previousPositions: [{ ...tp(1), offset: 4 }] }));
    await cluster.drain();
    const p1 = atRebalancing[0]!.partitions[1]!;
    expect(p1).toMatchObject({ start: 10, startSource: 'high-watermark', previousPosition: 4, reread: null, skipped: { from: 4, to: 9 } });
  });

  test('made after the drain, when the new owners have read and committed: the start is unknown, not guessed from later commits', async () => {
    const { cluster } = await joinWhileUncommitted((c) => rebalanceTrace(c, c.rebalances().at(-1)!));
    await cluster.drain();
    const trace = rebalanceTrace(cluster, cluster.rebalances()[1]!);
    // Both members rejoined: their positions of the old generation are gone too.
    expect(trace.partitions.map((p) => [p.partition, p.start, p.startSource, p.previousPosition, p.reread, p.skipped])).toEqual([
      [0, null, null, null, null, null],
      [1, null, null, null, null, null],
    ]);
    expect(trace.partitions.map((p) => [p.from, p.to])).toEqual([[trace.before[0]!.member, trace.before[0]!.member], [trace.before[0]!.member, trace.after[1]!.member]]);
  });

  test("a crashed member: at the restarted member's GROUP_JOIN, the expiry hands over p0 from where the dead one had resolved (5, committed 5)", async () => {
    // Down after the third write (p0:5-9), before committing it: p0 and p1 resolved and committed to 5; restarted 1 s later.
    const joins: KafkaRebalanceTrace[] = [];
    const cluster: KafkaCluster = await sinkRun({
      crashes: [{ call: 'put', nth: 3, when: 'after', restartAfter: 1000 }],
      onGroupJoin: () => joins.push(rebalanceTrace(cluster, cluster.rebalances().at(-1)!, { fromBeginning: true })),
    });
    await cluster.drain();
    expect(cluster.rebalances().map((r) => r.cause)).toEqual(['join', 'join', 'expire']);
    const [, restart, expire] = cluster.rebalances();
    const [dead] = expire!.members;
    const [restarted] = restart!.members;
    // The first incarnation joined generation 1; the restarted one waits for the dead member to expire (generation 3).
    expect(joins.map((t) => [t.cause, t.generation.to])).toEqual([['join', 1], ['expire', 3]]);
    const trace = joins[1]!;
    expect(trace.changed).toEqual([dead]);
    expect(trace.partitions).toEqual([
      { ...tp(0), from: dead, to: restarted, start: 5, startSource: 'committed', previousPosition: 5, reread: null, skipped: null },
      // p1 went to the restarted member in generation 2, which never read it: no previous position.
      { ...tp(1), from: restarted, to: restarted, start: 5, startSource: 'committed', previousPosition: null, reread: null, skipped: null },
    ]);
    // Made after the drain instead, the dead member's position still counts, but the start is no longer known.
    expect(rebalanceTrace(cluster, expire!).partitions[0]).toMatchObject({ from: dead, previousPosition: 5, start: null });
  });

  test('recordRebalance puts the trace in the run', async () => {
    const run = beginRun({ seed: 5 });
    try {
      const cluster = await sinkRun();
      await cluster.drain();
      const [join] = cluster.rebalances();
      recordRebalance(cluster, join!);
      expect(run.traces.list()).toEqual([rebalanceTrace(cluster, join!)]);
      // The first join: nobody owned anything before.
      expect(run.traces.list()[0]).toMatchObject({ cause: 'join', generation: { from: 0, to: 1 }, before: [] });
    } finally {
      endRun(run);
    }
  });
});
