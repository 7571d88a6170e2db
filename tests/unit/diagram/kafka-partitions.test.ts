/**
 * The partitions picture, drawn from snapshots of real runs (the at-least-once sink of
 * tests/unit/engine/kafka/trace-runs.ts: 2 partitions of 10 records, batches of 5): every marker
 * is drawn and labelled with the run's numbers, and the caption says them in words. Then odd and
 * big traces: escaped, capped, linear.
 */
import { describe, expect, test } from 'vitest';
import { formatCount } from '../../../src/components/diagram/format.ts';
import { resolveTrace } from '../../../src/components/diagram/renderers.ts';
import { MAX_CELLS, MAX_STRIPS } from '../../../src/components/diagram/kafka-partitions/selection.ts';
import { partitionsTrace, type KafkaPartitionsTrace } from '../../../src/engine/kafka/index.ts';
import { sinkRun } from '../engine/kafka/trace-runs.ts';
import { count, drawChecked, medians } from './kafka-contract.ts';

/** The texts of the strip of one partition. */
function stripOf(svg: string, partition: number): string {
  const start = svg.indexOf(`<g class="kp-strip" data-topic="events" data-partition="${partition}">`);
  const next = [svg.indexOf('<g class="kp-strip"', start + 1), svg.indexOf('<g class="kd-legend">', start)].filter((i) => i > start);
  return start < 0 ? '' : svg.slice(start, Math.min(...next));
}
const textsOf = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('a snapshot of a real run', () => {
  test('after a crash between the first write and its commit, and a restart: markers at 10, the rewritten batch dashed', async () => {
    const cluster = await sinkRun({ crashes: [{ call: 'commitOffsets', nth: 1, when: 'before', restartAfter: 1000 }] });
    await cluster.drain();
    const { svg, caption, description } = drawChecked(partitionsTrace(cluster, 'After the restart'));
    for (const partition of [0, 1]) {
      const texts = textsOf(stripOf(svg, partition));
      // One cell per offset, the high watermark after the last, and the group's two markers.
      for (let offset = 0; offset < 10; offset++) expect(texts).toContain(String(offset));
      expect(texts).not.toContain('10');
      expect(texts).toEqual(expect.arrayContaining(['HW 10', 'group sink', 'position 10', 'committed 10']));
      expect(texts.some((t) => t.startsWith('owner '))).toBe(true);
    }
    // p0:0-4 was written twice (two dashed objects, five duplicates each); everything else once.
    expect(count(stripOf(svg, 0), /class="kp-object kp-dup"/)).toBe(2);
    expect(textsOf(stripOf(svg, 0))).toEqual(expect.arrayContaining(['0-4 · 5 dup', '5-9']));
    expect(count(stripOf(svg, 1), /class="kp-object kp-dup"/)).toBe(0);
    expect(count(svg, /<g class="kp-object/)).toBe(5);
    expect(caption).toMatch(/^At [\d,]+ ms: events has 2 partitions holding 20 records \(high watermarks: p0 10 and p1 10\)\./);
    expect(caption).toContain('Group sink committed p0 10 and p1 10 (the next offsets to read after a restart); its consumers\' positions: p0 10 and p1 10.');
    expect(caption).toContain('The store holds 25 records of these partitions in 5 objects. 5 offsets are in more than one object: p0:0-4.');
    expect(caption).not.toContain('in no object');
    expect(description).toContain('events p0: high watermark 10; group sink: owner ');
    expect(description).toMatch(/events\/0\/0\/upload-\d holds 0-4 \(5 records also held elsewhere\)/);
  });

  test('inside the handler of p1:5-9: that batch in flight, position and commit at 5, offsets 5-9 of p1 in no object yet', async () => {
    let snapshot: KafkaPartitionsTrace | undefined;
    const cluster = await sinkRun({
      beforeWrite: (batch) => {
        if (batch.partition === 1 && batch.firstOffset() === '5') snapshot = partitionsTrace(cluster, 'Writing p1:5-9');
      },
    });
    await cluster.drain();
    const { svg, caption } = drawChecked(snapshot);
    const p1 = textsOf(stripOf(svg, 1));
    expect(p1).toEqual(expect.arrayContaining(['in flight 5-9', 'position 5', 'committed 5', 'HW 10']));
    // p0's second batch is already written and committed.
    expect(textsOf(stripOf(svg, 0))).toEqual(expect.arrayContaining(['position 10', 'committed 10']));
    expect(count(svg, /class="kd-flight"/)).toBe(2); // the bar, and its legend swatch
    // The markers sit at the boundary before offset 5: the in-flight bar starts where the position is.
    const at = (cls: string) => Number(stripOf(svg, 1).match(new RegExp(`class="${cls}" (?:x="|d="M)([\\d.]+)`))![1]);
    expect(at('kd-flight')).toBeCloseTo(at('kd-position') + 5, 1);
    expect(caption).toContain('Group sink committed p0 10 and p1 5');
    expect(caption).toContain('in flight: p1:5-9');
    expect(caption).toContain('5 offsets of the log are in no object: p1:5-9.');
  });

  test('an owner that crashed for good: the picture and the caption say it is down and has no position', async () => {
    const cluster = await sinkRun({ crashes: [{ call: 'put', nth: 3, when: 'after' }] });
    await cluster.drain();
    const { texts, caption } = drawChecked(partitionsTrace(cluster, 'Down'));
    expect(texts).toContain('no position: the owner is down');
    expect(texts.filter((t) => t.endsWith('(down)')).length).toBe(2);
    expect(caption).toMatch(/Owner app-\d is down\./);
    expect(caption).toContain('no consumer of it has a position');
  });

  test('before any group joined: no markers, the objects that are not records named', async () => {
    const cluster = await sinkRun();
    await cluster.store.put('notes', 'hello');
    const { texts, caption } = drawChecked(partitionsTrace(cluster, 'Before'));
    expect(texts.some((t) => t.startsWith('position'))).toBe(false);
    expect(caption).toContain('No consumer group has joined.');
    expect(caption).toContain('1 object holds no list of records and is not drawn: notes.');
  });
});

/** A synthetic snapshot: `partitions` partitions of `offsets` records, one object per 5 offsets, a group at 3/4 of the log. */
function bigSnapshot(partitions: number, offsets: number): KafkaPartitionsTrace {
  const objects: KafkaPartitionsTrace['objects'] = [];
  for (let p = 0; p < partitions; p++) {
    for (let from = 0; from < offsets; from += 5) objects.push({ key: `events/${p}/${from}`, topic: 'events', partition: p, spans: [{ from, to: from + 4 }], records: 5, duplicates: 0 });
  }
  const at = Math.floor((offsets * 3) / 4);
  return {
    kind: 'kafka-partitions', version: 1, title: 'big', time: 99, unreadable: [], objects,
    partitions: Array.from({ length: partitions }, (_, partition) => ({
      topic: 'events', partition, highWatermark: offsets,
      groups: [{ groupId: 'sink', owner: 'c-1', ownerLive: true, position: at, committed: at - 5, inFlight: { from: at, to: at + 4 } }],
    })),
  };
}

describe('a big snapshot', () => {
  const trace = bigSnapshot(30, 10_000);

  test('draws offsets to scale, a few strips and objects, and says what it left out', () => {
    const { svg, texts } = drawChecked(trace);
    expect(count(svg, /<g class="kp-strip"/)).toBe(MAX_STRIPS);
    // No cell per offset: one bar per strip.
    expect(count(svg, /class="kd-cell"/)).toBe(MAX_STRIPS);
    // Objects one pixel wide would be a smear: one row per strip of the offsets they hold, here all 10,000 once.
    expect(count(svg, /<g class="kp-object/)).toBe(0);
    expect(count(svg, /<g class="kp-holdings">/)).toBe(MAX_STRIPS);
    expect(count(svg, /<g class="kp-holdings"><title>[^<]*<\/title><rect class="kd-object" x="[\d.]+" y="[\d.]+" width="640" height="16"\/><\/g>/)).toBe(MAX_STRIPS);
    // The note under the title, its wrapped lines joined.
    const note = [...svg.matchAll(/class="kd-fg kd-left-out"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(note).toContain(`Showing ${MAX_STRIPS} of 30 partitions. ${formatCount((30 - MAX_STRIPS) * 2000)} of ${formatCount(30 * 2000)} objects not drawn.`);
    expect(note).toContain('Offsets drawn to scale, not one cell each (a partition reaches offset 9,999); objects drawn as the offsets they hold.');
    expect(texts).toEqual(expect.arrayContaining(['HW 10,000', 'position 7,500', 'committed 7,495', 'in flight 7,500-7,504']));
    expect(svg.length).toBeLessThan(60_000);
    expect(MAX_CELLS).toBeLessThan(10_000);
  });

  test('to scale, a duplicated range still shows as a dashed stretch of the holdings row', () => {
    const trace = bigSnapshot(1, 10_000);
    trace.objects.push({ key: 'again', topic: 'events', partition: 0, spans: [{ from: 5000, to: 5004 }], records: 5, duplicates: 5 });
    const { svg, caption } = drawChecked(trace);
    const row = svg.match(/<g class="kp-holdings">[^]*?<\/g>/)![0];
    expect(row).toContain('the sink holds 10,000 offsets, 5 of them more than once (dashed)');
    // Once, twice (at least a pixel wide), once again.
    expect([...row.matchAll(/<rect class="([^"]+)"/g)].map((m) => m[1])).toEqual(['kd-object', 'kd-object-dup', 'kd-object']);
    expect(caption).toContain('5 offsets are in more than one object: p0:5,000-5,004.');
  });

  test('the caption counts everything, in short lists', () => {
    const { caption, description } = drawChecked(trace);
    expect(caption).toContain('events has 30 partitions holding 300,000 records (high watermarks: p0 10,000, p1 10,000');
    expect(caption).toContain('and 24 more)');
    expect(caption).toContain('The store holds 300,000 records of these partitions in 60,000 objects.');
    expect(caption.length).toBeLessThan(1200);
    expect(description.length).toBeLessThan(20_000);
  });

  test('drawing grows linearly: 4x the objects takes well under 16x the time', () => {
    const [small, large] = medians([bigSnapshot(10, 2_500), bigSnapshot(40, 2_500)]);
    const times = `N: ${small!.toFixed(1)} ms, 4N: ${large!.toFixed(1)} ms`;
    expect(large! / Math.max(small!, 0.5), times).toBeLessThan(8);
    expect(large!, times).toBeLessThan(2000);
  });
});

describe('odd traces', () => {
  test('hostile names are escaped, junk numbers dropped, and a made-up offset far past the log is drawn to scale', () => {
    const trace = {
      kind: 'kafka-partitions', version: 1, title: '<b>&', time: Number.NaN, unreadable: ['<x>'],
      partitions: [
        { topic: '<script>', partition: 0, highWatermark: 12, groups: [{ groupId: '"g"', owner: '<o>', ownerLive: true, position: -3, committed: 411, inFlight: { from: 9, to: 2 } }] },
        { topic: '<script>', partition: 0, highWatermark: 1, groups: [] },
        null,
      ],
      objects: [{ key: '<k>', topic: '<script>', partition: 0, spans: [{ from: 0, to: 3 }, 'x'], records: '4', duplicates: 1 }, 7],
    };
    const { svg, texts, caption } = drawChecked(trace);
    expect(svg).not.toContain('<script>');
    expect(texts).toEqual(expect.arrayContaining(['committed 411', 'no position yet']));
    // The committed offset 411 is past the high watermark 12: the strip is to scale, not 412 cells.
    expect(count(svg, /class="kd-cell"/)).toBe(1);
    expect(caption).toContain('Group "g" committed p0 411');
    expect(caption).toContain('1 object holds no list of records and is not drawn: <x>.');
  });

  test('an unknown version is refused with a sentence', () => {
    const resolved = resolveTrace({ ...bigSnapshot(1, 10), version: 2 });
    expect(resolved).toEqual({ ok: false, message: "This run recorded a 'kafka-partitions' trace of version 2, which this page cannot draw. Reload the page to get the current version." });
  });
});
