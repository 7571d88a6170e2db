import { describe, expect, test } from 'vitest';
import { asSentence, captionText, describeTrace, median, summarizeTrace } from '../../../src/components/diagram/spark-job/summarize.ts';
import { broadcastJoin, driverBroadcast, shuffleJoin, skewedJoin, skippingShuffle, wideAggregate } from './fixtures.ts';

describe('summarizeTrace', () => {
  test('shuffle join: network and local shuffle totals', () => {
    const s = summarizeTrace(shuffleJoin);
    expect(s.executors).toBe(2);
    expect(s.stages).toBe(3);
    expect(s.partitions).toBe(4 + 2 + 4);
    // Cross-executor: 100 + 100 orders and 25 + 25 customers, 40 bytes each.
    expect(s.shuffle).toEqual({ records: 250, bytes: 10_000 });
    expect(s.localShuffle).toEqual({ records: 250, bytes: 10_000 });
    expect(s.broadcasts).toEqual([]);
    expect(s.collects).toEqual([]);
    const text = captionText(s);
    expect(text).toContain('2 executors, 3 stages, 10 partitions.');
    expect(text).toContain('Join strategy: SortMergeJoin.');
    // 10,000 / 1024 = 9.77 KB.
    expect(text).toContain('Shuffle moved 250 records (9.8 KB) between executors');
    expect(text).toContain('250 records (9.8 KB) stayed on the executor that wrote them');
    expect(text).not.toMatch(/driver|broadcast/i);
  });

  test('shuffle join: an even stage gets no skew ratio, and its largest partition stays out of the caption', () => {
    const s = summarizeTrace(shuffleJoin);
    expect(s.largest).toMatchObject({ stageId: 2, index: 3, executor: 1, records: 140, stageMedian: 125, skewed: false });
    expect(captionText(s)).not.toMatch(/the median|Largest partition/);
    expect(describeTrace(shuffleJoin)).toContain('Largest partition: 140 records (stage 2 "sort-merge join", partition 3 on executor 1).');
  });

  test('broadcast join: the build side is collected to the driver, which sends one copy per executor', () => {
    const s = summarizeTrace(broadcastJoin);
    expect(s.shuffle).toEqual({ records: 0, bytes: 0 });
    expect(s.collects).toEqual([{ stage: 0, fromExecutors: 1, total: { records: 20, bytes: 800 } }]);
    expect(s.broadcasts).toHaveLength(1);
    expect(s.broadcasts[0]).toMatchObject({ fromStage: 0, toStage: 1, copies: 4, copy: { records: 20, bytes: 800 }, total: { records: 80, bytes: 3200 } });
    const text = captionText(s);
    expect(text).toContain('No shuffle.');
    // 4 x 800 B = 3,200 B = 3.1 KB.
    expect(text).toContain('The build side (20 records, 800 B) was collected from 1 executor to the driver, ' +
      'which broadcast a copy to each of 4 executors: 3.1 KB in total.');
    expect(text).toContain('AQE replanned SortMergeJoin as BroadcastHashJoin');
    expect(text).not.toMatch(/from executor/);
  });

  test('a collected build side that was never broadcast, and a broadcast the driver made on its own', () => {
    const collectedOnly = { ...broadcastJoin, transfers: broadcastJoin.transfers.filter((t) => t.kind === 'collect') };
    expect(captionText(summarizeTrace(collectedOnly))).toContain('The build side (20 records, 800 B) was collected from 1 executor to the driver.');
    const text = captionText(summarizeTrace(driverBroadcast));
    expect(text).toContain('The driver broadcast a copy of 8 records (256 B) to each of 2 executors: 512 B in total.');
    const one = { ...driverBroadcast, transfers: driverBroadcast.transfers.slice(0, 1) };
    expect(captionText(summarizeTrace(one))).toContain('The driver broadcast a copy of 8 records (256 B) to 1 executor: 256 B in total.');
  });

  test('adaptive join: shuffle, collect and broadcast in one job, notes as sentences', () => {
    const text = captionText(summarizeTrace(skippingShuffle));
    expect(text).toContain('Shuffle moved 102 records (4 KB) between executors.');
    expect(text).toContain('The build side (4 records, 128 B) was collected from 2 executors to the driver, ' +
      'which broadcast a copy to each of 2 executors: 256 B in total.');
    expect(text).toContain('No side small enough to broadcast: sort-merge join.');
    expect(text).not.toContain('No shuffle.');
  });

  test('200 shuffle partitions: totals over every partition', () => {
    const s = summarizeTrace(wideAggregate);
    expect(s.partitions).toBe(204);
    // 12 executor pairs x 250 records; 4 local pairs x 250.
    expect(s.shuffle).toEqual({ records: 3000, bytes: 120_000 });
    expect(s.localShuffle).toEqual({ records: 1000, bytes: 40_000 });
    expect(captionText(s)).toContain('Shuffle moved 3,000 records (117 KB) between executors');
    expect(describeTrace(wideAggregate)).toContain('Stage 1 "count by user": 200 partitions, 4,000 records');
  });

  test('skewed stage: largest partition and its ratio to the median', () => {
    const s = summarizeTrace(skewedJoin);
    expect(s.largest).toMatchObject({ stageId: 1, index: 3, executor: 3, records: 600, stageMedian: 50, skewed: true });
    expect(s.shuffle).toEqual({ records: 550, bytes: 22_000 });
    expect(captionText(s)).toContain(
      'Largest partition: 600 records (stage 1 "join on user_id", partition 3 on executor 3), 12x the median of its stage: skewed.');
  });

  test('the full description starts with the caption, then one sentence per stage with records per executor', () => {
    for (const trace of [shuffleJoin, broadcastJoin, skewedJoin, skippingShuffle]) {
      expect(describeTrace(trace).startsWith(captionText(summarizeTrace(trace)))).toBe(true);
    }
    const d = describeTrace(skewedJoin);
    expect(d).toContain('Stage 0 "scan events": 4 partitions, 950 records (37.1 KB); records per executor: 250, 250, 250, 200.');
    // Executor 3 holds partitions 3 (600) and 7 (50).
    expect(d).toContain('records per executor: 100, 100, 100, 650.');
  });

  test('notes become sentences', () => {
    expect(asSentence('broadcast hint: build the right side')).toBe('Broadcast hint: build the right side.');
    expect(asSentence('Already one.')).toBe('Already one.');
    expect(asSentence('  ')).toBe('');
  });

  test('median', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
