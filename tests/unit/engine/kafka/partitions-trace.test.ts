import { describe, expect, test } from 'vitest';
import { partitionsTrace, recordPartitions, type KafkaPartitionsTrace } from '../../../../src/engine/kafka/index.ts';
import { beginRun, endRun } from '../../../../src/engine/kernel/run-context.ts';
import { GROUP, TOPIC, sinkRun } from './trace-runs.ts';

/** The group's markers on a partition of the trace. */
function markers(trace: KafkaPartitionsTrace, partition: number) {
  const strip = trace.partitions.find((p) => p.topic === TOPIC && p.partition === partition)!;
  expect(strip.groups.map((g) => g.groupId)).toEqual([GROUP]);
  return { strip, group: strip.groups[0]! };
}

const objectsOf = (trace: KafkaPartitionsTrace, partition: number) =>
  trace.objects.filter((o) => o.partition === partition).map((o) => ({ spans: o.spans, records: o.records, duplicates: o.duplicates }));

describe('partitionsTrace', () => {
  test('after an at-least-once sink drained the log: every marker at 10, four objects of five records, nothing in flight', async () => {
    const cluster = await sinkRun();
    await cluster.drain();
    const trace = partitionsTrace(cluster, 'After the drain');
    expect(trace).toMatchObject({ kind: 'kafka-partitions', version: 1, title: 'After the drain', time: cluster.now, unreadable: [] });
    // The one member of the last generation owns both partitions.
    const [owner] = [...cluster.rebalances().at(-1)!.after.keys()];
    for (const partition of [0, 1]) {
      const { strip, group } = markers(trace, partition);
      expect(strip.highWatermark).toBe(10);
      expect(group).toEqual({ groupId: GROUP, owner, ownerLive: true, position: 10, committed: 10, inFlight: null });
      expect(objectsOf(trace, partition)).toEqual([
        { spans: [{ from: 0, to: 4 }], records: 5, duplicates: 0 },
        { spans: [{ from: 5, to: 9 }], records: 5, duplicates: 0 },
      ]);
    }
    expect(trace.objects.map((o) => o.key)).toEqual(['events/0/0/upload-1', 'events/0/5/upload-3', 'events/1/0/upload-2', 'events/1/5/upload-4']);
  });

  test('inside the handler of the second batch of p0: that batch in flight, position and commit still at 5', async () => {
    let snapshot: KafkaPartitionsTrace | undefined;
    const cluster = await sinkRun({
      beforeWrite: (batch) => {
        if (batch.partition === 0 && batch.firstOffset() === '5') snapshot = partitionsTrace(cluster, 'Writing p0:5-9');
      },
    });
    await cluster.drain();
    expect(snapshot).toBeDefined();
    const trace = snapshot!;
    expect(trace.time).toBeGreaterThan(0);
    expect(trace.time).toBeLessThan(cluster.now);
    // One fetch brought p0:0-4 and p1:0-4, both written and committed; the next brought p0:5-9 and p1:5-9.
    expect(markers(trace, 0).group).toMatchObject({ position: 5, committed: 5, inFlight: { from: 5, to: 9 }, ownerLive: true });
    expect(markers(trace, 1).group).toMatchObject({ position: 5, committed: 5, inFlight: null });
    expect(objectsOf(trace, 0)).toEqual([{ spans: [{ from: 0, to: 4 }], records: 5, duplicates: 0 }]);
    expect(objectsOf(trace, 1)).toEqual([{ spans: [{ from: 0, to: 4 }], records: 5, duplicates: 0 }]);
  });

  test('a crash between the first write and its commit: the restarted member writes p0:0-4 again, both copies count as duplicates', async () => {
    const cluster = await sinkRun({ crashes: [{ call: 'commitOffsets', nth: 1, when: 'before', restartAfter: 1000 }] });
    const drain = await cluster.drain();
    expect(drain.reason).toBe('idle');
    const trace = partitionsTrace(cluster, 'After the restart');
    const owners = cluster.rebalances().map((r) => [...r.after.keys()]);
    // The first member joined alone; its restarted self joined beside it, then the dead one expired.
    expect(owners[0]!.length).toBe(1);
    const survivor = owners.at(-1)!;
    expect(survivor.length).toBe(1);
    expect(survivor[0]).not.toBe(owners[0]![0]);
    expect(markers(trace, 0).group).toEqual({ groupId: GROUP, owner: survivor[0], ownerLive: true, position: 10, committed: 10, inFlight: null });
    expect(objectsOf(trace, 0)).toEqual([
      { spans: [{ from: 0, to: 4 }], records: 5, duplicates: 5 },
      { spans: [{ from: 0, to: 4 }], records: 5, duplicates: 5 },
      { spans: [{ from: 5, to: 9 }], records: 5, duplicates: 0 },
    ]);
    expect(objectsOf(trace, 1).every((o) => o.duplicates === 0)).toBe(true);
  });

  test('an owner that crashed for good still owns its partitions, but has no position and nothing in flight', async () => {
    // Down after the third write (p0:5-9), before committing it; no restart.
    const cluster = await sinkRun({ crashes: [{ call: 'put', nth: 3, when: 'after' }] });
    await cluster.drain();
    const trace = partitionsTrace(cluster, 'The owner is down');
    const [owner] = [...cluster.rebalances().at(-1)!.after.keys()];
    expect(markers(trace, 0).group).toEqual({ groupId: GROUP, owner, ownerLive: false, position: null, committed: 5, inFlight: null });
    expect(markers(trace, 1).group).toMatchObject({ owner, ownerLive: false, position: null, committed: 5 });
    expect(objectsOf(trace, 0).map((o) => o.spans)).toEqual([[{ from: 0, to: 4 }], [{ from: 5, to: 9 }]]);
  });

  test('objects that hold several partitions, string offsets, records without a topic, and bodies that are not records', async () => {
    const cluster = await sinkRun();
    await cluster.store.put('mixed', [{ partition: 1, offset: '3' }, { topic: TOPIC, partition: 0, offset: 7 }, { partition: 1, offset: 2 }, { partition: 1, offset: 3 }]);
    await cluster.store.put('notes', 'not a list');
    await cluster.store.put('odd', [{ partition: 0 }]);
    const trace = partitionsTrace(cluster, 'Before the run');
    expect(trace.unreadable).toEqual(['notes', 'odd']);
    // No group has joined yet.
    expect(trace.partitions.map((p) => [p.partition, p.highWatermark, p.groups.length])).toEqual([[0, 10, 0], [1, 10, 0]]);
    expect(trace.objects).toEqual([
      { key: 'mixed', topic: TOPIC, partition: 0, spans: [{ from: 7, to: 7 }], records: 1, duplicates: 0 },
      // Offset 3 twice in one object: both copies are duplicates.
      { key: 'mixed', topic: TOPIC, partition: 1, spans: [{ from: 2, to: 3 }], records: 3, duplicates: 2 },
    ]);
  });

  test('recordPartitions puts the snapshot in the run, so the results carry it', async () => {
    const run = beginRun({ seed: 3 });
    try {
      const cluster = await sinkRun();
      await cluster.drain();
      recordPartitions(cluster, 'Recorded');
      const recorded = run.traces.list();
      expect(recorded.map((t) => t.kind)).toEqual(['kafka-partitions']);
      expect(recorded[0]).toEqual(partitionsTrace(cluster, 'Recorded'));
    } finally {
      endRun(run);
    }
  });
});
