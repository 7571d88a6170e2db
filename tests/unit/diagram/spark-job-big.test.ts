/**
 * A big honest run must not freeze the page: the picture of a trace with hundreds of executors and
 * tens of thousands of transfers stays small (a fixed number of lanes and arrows, and a note saying
 * what it left out), while the caption and the text alternative still count the whole trace, and
 * the time to draw grows linearly with the trace.
 */
import { describe, expect, test } from 'vitest';
import { formatCount } from '../../../src/components/diagram/format.ts';
import { RENDERERS } from '../../../src/components/diagram/renderers.ts';
import { MAX_BARS } from '../../../src/components/diagram/spark-job/partitions.ts';
import { MAX_ARROWS, MAX_COLUMNS, MAX_EXECUTORS, MAX_STAGES_PER_COLUMN, leftOutSentence, selectDrawn } from '../../../src/components/diagram/spark-job/selection.ts';
import { traceFigureHtml } from '../../../src/components/diagram/trace-figure.ts';
import type { SparkJobTrace as JobTrace } from '../../../src/engine/spark/job-trace.ts';
import { bigTrace } from './big-trace.ts';
import { ALL_FIXTURES } from './fixtures.ts';
import { xmlProblems } from './well-formed.ts';

const renderer = RENDERERS['spark-job'];
const draw = (trace: JobTrace) => renderer.draw(trace, { title: renderer.title(trace), idPrefix: 'big' }).svg;
const count = (svg: string, re: RegExp) => (svg.match(new RegExp(re.source, 'g')) ?? []).length;
/** The visible note under the title, its wrapped lines joined. */
const leftOutNote = (svg: string) => [...svg.matchAll(/class="sd-fg sd-left-out"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('a big trace', () => {
  const trace = bigTrace({ executors: 300, partitions: 3000, shuffles: 20_000 });
  const svg = draw(trace);
  const network = trace.transfers.filter((t) => t.fromExecutor !== t.toExecutor);
  const arrows = count(svg, /<g class="sd-transfer"/);

  test('draws a bounded picture', () => {
    expect(count(svg, />Executor \d+<\/text>/)).toBe(MAX_EXECUTORS);
    expect(arrows).toBeGreaterThan(0);
    expect(arrows).toBeLessThanOrEqual(MAX_ARROWS);
    // Each arrow is a line and a head; each lane cell at most a few partition marks.
    expect(count(svg, /<path/)).toBeLessThan(2 * MAX_ARROWS + 200);
    expect(count(svg, /<rect/)).toBeLessThan(1000);
    expect(count(svg, /<line/)).toBeLessThan(10);
    expect(count(svg, /<text/)).toBeLessThan(300);
    expect(svg.length).toBeLessThan(300_000);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  test('the driver arrows come first, then the largest shuffles', () => {
    // 16 collects and 16 broadcasts among the drawn lanes, all kept.
    expect(count(svg, /data-kind="collect"/)).toBe(MAX_EXECUTORS);
    expect(count(svg, /data-kind="broadcast"/)).toBe(MAX_EXECUTORS);
    const sized = { ...trace, transfers: trace.transfers.map((t, i) => (t.kind === 'shuffle' ? { ...t, bytes: i } : t)) };
    const kept = selectDrawn(sized).arrows.filter((t) => t.kind === 'shuffle').map((t) => t.bytes);
    const candidates = sized.transfers.filter((t) => t.kind === 'shuffle' && t.fromExecutor !== t.toExecutor &&
      t.fromExecutor < MAX_EXECUTORS && t.toExecutor < MAX_EXECUTORS).map((t) => t.bytes).sort((a, b) => b - a);
    expect(candidates.length).toBeGreaterThan(kept.length);
    expect([...kept].sort((a, b) => b - a)).toEqual(candidates.slice(0, kept.length));
  });

  test('says under the title what it left out, with the totals of the whole trace', () => {
    const drawnPartitions = trace.stages.reduce((n, s) => n + s.partitions.filter((p) => p.executor < MAX_EXECUTORS).length, 0);
    const allPartitions = trace.stages.reduce((n, s) => n + s.partitions.length, 0);
    const expected = `Showing 16 of 300 executors; ${formatCount(allPartitions - drawnPartitions)} of ${formatCount(allPartitions)} partitions and ` +
      `${formatCount(network.length - arrows)} of ${formatCount(network.length)} network transfers not drawn.`;
    expect(leftOutNote(svg)).toBe(expected);
    expect(leftOutSentence(selectDrawn(trace))).toBe(expected);
    // Screen readers get it in the description, after the caption.
    const desc = unescape(svg.match(/<desc id="big-desc">([^<]*)<\/desc>/)![1]);
    expect(desc).toBe(renderer.description(trace));
    expect(desc).toContain(`${renderer.caption(trace)} ${expected}`);
  });

  test('the caption and description count everything, and list records for the drawn executors only', () => {
    const shuffled = network.filter((t) => t.kind === 'shuffle').reduce((n, t) => n + t.records, 0);
    const caption = renderer.caption(trace);
    expect(caption).toContain(`300 executors, 3 stages, ${formatCount(2 * 3000 + 300)} partitions.`);
    expect(caption).toContain(`Shuffle moved ${formatCount(shuffled)} records`);
    expect(caption).toContain('was collected from 300 executors to the driver, which broadcast a copy to each of 300 executors');
    expect(caption).not.toContain('Showing');
    const desc = renderer.description(trace);
    expect(desc).toMatch(/Stage 0 "scan orders": 3,000 partitions, [\d,]+ records \([^)]*\); records on the first 16 of 300 executors: ([\d,]+, ){15}[\d,]+\./);
    expect(desc.length).toBeLessThan(2000);
  });

  test('a trace within the caps is drawn whole, without a note', () => {
    for (const [name, fixture] of Object.entries(ALL_FIXTURES)) {
      const s = draw(fixture);
      expect(s, name).not.toContain('sd-left-out"');
      expect(renderer.description(fixture), name).not.toMatch(/Showing|not drawn/);
    }
    const small = bigTrace({ executors: MAX_EXECUTORS, partitions: 64, shuffles: 100 });
    expect(leftOutSentence(selectDrawn(small))).toBe('');
    expect(count(draw(small), /<g class="sd-transfer"/)).toBe(small.transfers.filter((t) => t.fromExecutor !== t.toExecutor).length);
  });

  test('many stages: the first columns are drawn and the note says how many', () => {
    const chain: JobTrace = {
      ...bigTrace({ executors: 2, partitions: 2, shuffles: 0 }),
      stages: Array.from({ length: 40 }, (_, id) => ({ id, name: `step ${id}`, partitions: [{ index: 0, executor: id % 2, records: 1, bytes: 8 }] })),
      transfers: Array.from({ length: 39 }, (_, i) => ({ kind: 'shuffle' as const, fromStage: i, toStage: i + 1, fromExecutor: i % 2, toExecutor: (i + 1) % 2, records: 1, bytes: 8 })),
    };
    const s = draw(chain);
    expect(count(s, /<g class="sd-stage"/)).toBe(MAX_COLUMNS);
    expect(leftOutNote(s)).toBe(`Showing ${MAX_COLUMNS} of 40 stages; 32 of 40 partitions and 32 of 39 network transfers not drawn.`);
    expect(xmlProblems(s)).toEqual([]);

    const side = { ...chain, stages: chain.stages.slice(0, 10), transfers: [] };
    expect(count(draw(side), /<g class="sd-stage"/)).toBe(MAX_STAGES_PER_COLUMN);
    expect(leftOutSentence(selectDrawn(side))).toBe(`Showing ${MAX_STAGES_PER_COLUMN} of 10 stages; 6 of 10 partitions not drawn.`);
  });

  test('a lane with thousands of partitions is one strip of at most MAX_BARS bars', () => {
    const crowded = bigTrace({ executors: 1, partitions: 10_000, shuffles: 0 });
    const s = draw(crowded);
    const strips = s.match(/<g class="sd-strip"[^]*?<\/g>/g) ?? [];
    expect(strips.length).toBeGreaterThan(0);
    for (const strip of strips) {
      expect(strip).toContain('data-partitions="10000"');
      expect((strip.match(/Z/g) ?? []).length).toBeLessThanOrEqual(MAX_BARS);
    }
    expect(s.length).toBeLessThan(30_000);
  });
});

describe('drawing time', () => {
  /** Median milliseconds of drawing the figure (picture, caption, description), runs of the two sizes interleaved so noise hits both. */
  function medians(traces: JobTrace[], runs: number): number[] {
    const times = traces.map(() => [] as number[]);
    for (const t of traces) traceFigureHtml(t, { idPrefix: 'warm' });
    for (let run = 0; run < runs; run++) {
      traces.forEach((t, i) => {
        const start = performance.now();
        traceFigureHtml(t, { idPrefix: 'timed' });
        times[i].push(performance.now() - start);
      });
    }
    return times.map((ts) => ts.sort((a, b) => a - b)[ts.length >> 1]);
  }

  test('grows linearly: 4x the trace takes well under 16x (quadratic) the time', () => {
    const size = (k: number) => bigTrace({ executors: 75 * k, partitions: 750 * k, shuffles: 5000 * k });
    const [small, large] = medians([size(1), size(4)], 5);
    const times = `N: ${small.toFixed(1)} ms, 4N: ${large.toFixed(1)} ms`;
    // Linear is about 4x; fixed costs make it less. Noise on a busy machine stays far below 8x.
    expect(large / Math.max(small, 0.5), times).toBeLessThan(8);
    expect(large, times).toBeLessThan(1000);
  });
});
