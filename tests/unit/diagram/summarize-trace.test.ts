import { describe, expect, test } from 'vitest';
import { captionText, describeTrace, median, summarizeTrace } from '../../../src/components/diagram/summarize-trace.ts';
import { broadcastJoin, shuffleJoin, skewedJoin, wideAggregate } from './fixtures.ts';

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
    const text = captionText(s);
    expect(text).toContain('2 executors, 3 stages, 10 partitions.');
    expect(text).toContain('Join strategy: SortMergeJoin.');
    // 10,000 / 1024 = 9.77 KB.
    expect(text).toContain('Shuffle moved 250 records (9.8 KB) between executors');
    expect(text).toContain('250 records (9.8 KB) stayed on the executor that wrote them');
  });

  test('shuffle join: an even stage gets no skew ratio', () => {
    const s = summarizeTrace(shuffleJoin);
    expect(s.largest).toMatchObject({ stageId: 2, index: 3, executor: 1, records: 140, stageMedian: 125, skewed: false });
    expect(captionText(s)).not.toMatch(/the median/);
  });

  test('broadcast join: copies, total bytes and no shuffle', () => {
    const s = summarizeTrace(broadcastJoin);
    expect(s.shuffle).toEqual({ records: 0, bytes: 0 });
    expect(s.broadcasts).toHaveLength(1);
    expect(s.broadcasts[0]).toMatchObject({ fromExecutor: null, copies: 4, copy: { records: 20, bytes: 800 }, total: { records: 80, bytes: 3200 } });
    const text = captionText(s);
    expect(text).toContain('No shuffle.');
    // 4 x 800 B = 3,200 B = 3.1 KB.
    expect(text).toContain('Broadcast copied 20 records (800 B) from the driver to 4 executors: 3.1 KB in total.');
    expect(text).toContain('AQE replanned SortMergeJoin as BroadcastHashJoin');
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

  test('the full description adds one sentence per stage with records per executor', () => {
    const d = describeTrace(skewedJoin);
    expect(d).toContain('Stage 0 "scan events": 4 partitions, 950 records (37.1 KB); records per executor: 250, 250, 250, 200.');
    // Executor 3 holds partitions 3 (600) and 7 (50).
    expect(d).toContain('records per executor: 100, 100, 100, 650.');
  });

  test('median', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
