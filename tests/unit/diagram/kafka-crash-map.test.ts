/**
 * The crash map, drawn from real crash reports of the sink in tests/unit/engine/kafka/trace-runs.ts
 * (2 partitions of 10 records, batches of 5): at-most-once loses whole batches and never
 * duplicates, at-least-once the other way round; every crash point is a tick whose verdict shows
 * in its row, its shape and its tooltip, and the caption counts them. Then big and odd maps.
 */
import { describe, expect, test } from 'vitest';
import { resolveTrace } from '../../../src/components/diagram/renderers.ts';
import { CALLS_PER_LINE, MAX_LINES } from '../../../src/components/diagram/kafka-crash-map/selection.ts';
import { expectAtEveryCrash, noLoss } from '../../../src/checks/kafka/index.ts';
import { crashMapTrace, exploreCrashes, type KafkaCrashMapTrace } from '../../../src/engine/kafka/index.ts';
import { beginRun, endRun } from '../../../src/engine/kernel/run-context.ts';
import { batchSink, produce } from '../engine/kafka/trace-runs.ts';
import { count, drawChecked, medians, unescape } from './kafka-contract.ts';

const report = (commitFirst: boolean) => exploreCrashes({ setup: (c) => produce(c), app: batchSink({ commitFirst }) as never });
const atMostOnce = await report(true);
const atLeastOnce = await report(false);

/** Each tick's verdict and tooltip. */
function ticks(svg: string): { verdict: string; tip: string }[] {
  return [...svg.matchAll(/<g class="kc-point" data-verdict="([^"]+)"><title>([^<]*)<\/title>/g)].map((m) => ({ verdict: m[1]!, tip: unescape(m[2]!) }));
}

/** "N crash points (before and after each of C calls): E exact, D with duplicates, L with lost records". */
function counted(caption: string): number[] {
  const m = caption.match(/^([\d,]+) crash points \(before and after each of ([\d,]+) calls\): ([\d,]+) exact, ([\d,]+) with duplicates, ([\d,]+) with lost records/);
  expect(m, caption).not.toBeNull();
  return m!.slice(1).map((n) => Number(n.replace(/,/g, '')));
}

const BATCH = /^p[01]:(0-4|5-9)$/;

describe('real crash maps', () => {
  test('at-most-once (commit, then write): lost ticks only, each losing one whole batch of 5', () => {
    const trace = crashMapTrace(atMostOnce, 'Crash map: commit, then write');
    const { svg, caption } = drawChecked(trace);
    const all = ticks(svg);
    const [points, calls, exact, duplicates, lost] = counted(caption);
    expect(points).toBe(2 * calls!);
    expect(calls).toBe(atMostOnce.clean.calls.length);
    expect(all.length).toBe(points);
    expect(duplicates).toBe(0);
    // A crash between each of the 4 commits and its write loses that batch (both sides of that moment).
    expect(lost).toBeGreaterThanOrEqual(4);
    expect(all.filter((t) => t.verdict === 'lost').length).toBe(lost);
    expect(all.filter((t) => t.verdict === 'exact').length).toBe(exact);
    for (const { verdict, tip } of all.filter((t) => t.verdict === 'lost')) {
      const m = tip.match(/: lost (p\d:[\d-]+) \(5 records\)$/);
      expect(m, `${verdict}: ${tip}`).not.toBeNull();
      expect(m![1]).toMatch(BATCH);
    }
    // Row, shape and colour agree: a lost tick is a square in the lost row, an exact one a circle.
    expect(count(svg, /<g class="kc-point" data-verdict="lost"><title>[^<]*<\/title><rect class="kd-lost"/)).toBe(lost);
    expect(count(svg, /<g class="kc-point" data-verdict="exact"><title>[^<]*<\/title><circle class="kd-exact"/)).toBe(exact);
    expect(svg).not.toContain('class="kd-dup"');
    expect(caption).toMatch(/First loss: crash after commitOffsets\(p\d -> \d+\)[^:]*: lost p\d:\d-\d \(5 records\)\./);
  });

  test('at-least-once (write, then commit): duplicate ticks only, each a whole batch written again', () => {
    const { svg, caption, description } = drawChecked(crashMapTrace(atLeastOnce, 'Crash map: write, then commit'));
    const [, , , duplicates, lost] = counted(caption);
    expect(lost).toBe(0);
    expect(duplicates).toBeGreaterThanOrEqual(4);
    const dups = ticks(svg).filter((t) => t.verdict === 'duplicate');
    expect(dups.length).toBe(duplicates);
    for (const { tip } of dups) expect(tip).toMatch(/: duplicated (p[01]:(0-4|5-9|0-9)(, )?)+ \(\d+ extra copies\)$/);
    expect(count(svg, /<path class="kd-dup"/)).toBe(duplicates! + 1); // and the legend's
    // The description lists every crash point that was not exact.
    expect(description.slice(caption.length).match(/: duplicated /g)?.length).toBe(duplicates);
    expect(description).toContain('Every other crash point is exact.');
  });

  test('a check that fails records the map with the failing point ringed, and the caption names it', () => {
    const run = beginRun();
    let failure = '';
    try {
      expectAtEveryCrash(atMostOnce, noLoss, { title: 'Crash map: your sink', why: 'At-least-once must not lose records.' });
    } catch (error) {
      failure = String(error);
    } finally {
      endRun(run);
    }
    expect(failure).toContain('lost-write');
    const [trace] = run.traces.list() as KafkaCrashMapTrace[];
    const first = atMostOnce.singles.find((s) => s.run.diff.lost.length > 0)!;
    expect(trace!.highlight).toBe(atMostOnce.singles.indexOf(first));
    const { svg, texts, caption } = drawChecked(trace);
    expect(count(svg, /class="kd-ring"/)).toBe(2); // the ring, and the legend's
    expect(texts).toContain('↑ the check failed here');
    expect(texts).toContain('ringed: the check failed here');
    expect(caption).toMatch(new RegExp(`The check failed at the ringed point: ${first.description.replace(/[()>]/g, '\\$&')}: lost p\\d:\\d-\\d \\(5 records\\)\\.`));
    // The ring is on the point's tick: same x as the highlighted slot's band.
    const ringX = Number(svg.match(/<circle class="kd-ring" cx="([\d.]+)"/)![1]);
    const bandX = Number(svg.match(/<rect class="kd-band" x="([\d.]+)"/)![1]);
    expect(ringX - bandX).toBeCloseTo(4.5, 1);
  });
});

/** `calls` calls of the run (put, then commitOffsets, ...), a crash before and after each; every 7th point loses a record. */
function bigMap(calls: number, highlight: number | null = null): KafkaCrashMapTrace {
  return {
    kind: 'kafka-crash-map', version: 1, title: 'big',
    calls: Array.from({ length: calls }, (_, i) => ({ label: i % 2 ? `commitOffsets(p0 -> ${i})` : `put(x/${i})`, call: i % 2 ? 'commitOffsets' : 'put', time: i * 10 })),
    clean: { verdict: 'exact', lost: '', duplicated: '' },
    points: Array.from({ length: calls * 2 }, (_, i) => ({
      callIndex: i >> 1, when: i % 2 ? 'after' : 'before', verdict: i % 7 === 0 ? 'lost' : 'exact',
      description: `crash ${i % 2 ? 'after' : 'before'} call ${i >> 1}`, lost: i % 7 === 0 ? `p0:${i}` : '', duplicated: '', lostRecords: i % 7 === 0 ? 1 : 0, duplicatedRecords: 0,
    })),
    highlight,
    pairs: null,
  };
}

describe('big crash maps', () => {
  test('500 crash points: all drawn, wrapped into lines of 50 calls', () => {
    const { svg, caption } = drawChecked(bigMap(250));
    expect(count(svg, /<g class="kc-line"/)).toBe(5);
    expect(count(svg, /<g class="kc-point"/)).toBe(500);
    expect(count(svg, /<g class="kc-call"/)).toBe(250);
    expect(svg).not.toContain('not drawn');
    expect(counted(caption)).toEqual([500, 250, 500 - 72, 0, 72]);
  });

  test('4,000 crash points: the first lines and the line of the ringed point, the rest said and counted', () => {
    const last = 3999;
    const { svg, texts, caption, description } = drawChecked(bigMap(2000, last));
    expect(count(svg, /<g class="kc-line"/)).toBe(MAX_LINES);
    expect(count(svg, /<g class="kc-point"/)).toBe(MAX_LINES * CALLS_PER_LINE * 2);
    expect(texts).toContain('Showing 500 of 2,000 calls (1,000 of 4,000 crash points); the caption counts them all.');
    expect(texts).toContain('… calls 451-1,950 not drawn');
    expect(texts).toContain('calls 1,951-2,000');
    expect(count(svg, /class="kd-ring"/)).toBe(2);
    expect(counted(caption)).toEqual([4000, 2000, 4000 - 572, 0, 572]);
    expect(caption).toContain('The check failed at the ringed point: crash after call 1999: exact.');
    expect(description).toContain('532 more crash points not listed.');
    expect(svg.length).toBeLessThan(400_000);
  });

  test('drawing grows linearly: 4x the calls takes well under 16x the time', () => {
    const [small, large] = medians([bigMap(100), bigMap(400)]);
    const times = `N: ${small!.toFixed(1)} ms, 4N: ${large!.toFixed(1)} ms`;
    expect(large! / Math.max(small!, 0.5), times).toBeLessThan(8);
    expect(large!, times).toBeLessThan(1000);
  });
});

describe('odd crash maps', () => {
  test('no calls, a clean run that already lost records, points that cannot be placed, hostile labels', () => {
    const empty = drawChecked({ ...bigMap(0), pairs: { runs: 3, exact: 3, duplicate: 0, lost: 0 } });
    expect(empty.caption).toContain('The run made no crashable calls, so there was no crash point to try.');
    expect(empty.caption).toContain('Crashing twice: 3 runs, 3 exact, 0 with duplicates, 0 with lost records.');
    const odd = {
      ...bigMap(2), title: '<i>',
      clean: { verdict: 'lost', lost: 'p1:0-9', duplicated: '' },
      calls: [{ label: '<script>', call: 'put', time: -1 }, { label: 'ok', call: 'x', time: 1 }],
      points: [...bigMap(2).points, { callIndex: 9, when: 'before', verdict: 'lost' }, { callIndex: 0, when: 'after', verdict: 'maybe' }, null],
      highlight: 7,
    };
    const { svg, caption } = drawChecked(odd);
    expect(svg).not.toContain('<script>');
    expect(caption).toContain('Even without a crash the sink was not exact (lost p1:0-9), so every crash point inherits that.');
    expect(caption).toContain('3 crash points of the trace could not be placed on the timeline.');
    expect(caption).not.toContain('ringed');
    expect(count(svg, /class="kd-ring"/)).toBe(0);
  });

  test('an unknown version is refused with a sentence', () => {
    expect(resolveTrace({ ...bigMap(1), version: 0 })).toEqual({ ok: false,
      message: "This run recorded a 'kafka-crash-map' trace of version 0, which this page cannot draw. Reload the page to get the current version." });
  });
});
