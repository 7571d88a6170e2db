/**
 * Traces come from learner code: a field may hold markup, a huge string, NaN, a negative or huge
 * number, or nothing at all, and ids may repeat. The diagram never throws on such a trace, never
 * turns its text into markup, and keeps what it shows short.
 */
import { describe, expect, test } from 'vitest';
import { RENDERERS } from '../../../src/components/diagram/renderers.ts';
import { normalizeTrace } from '../../../src/components/diagram/spark-job/normalize.ts';
import { summarizeTrace } from '../../../src/components/diagram/spark-job/summarize.ts';
import { MAX_TOOLTIP } from '../../../src/components/diagram/svg.ts';
import { traceFigureHtml } from '../../../src/components/diagram/trace-figure.ts';
import type { SparkJobTrace as JobTrace } from '../../../src/engine/spark/job-trace.ts';
import { DRIVER_ID } from '../../../src/engine/spark/job-trace.ts';
import { broadcastJoin, shuffleJoin, skewedJoin } from './fixtures.ts';
import { xmlProblems } from './well-formed.ts';

const renderer = RENDERERS['spark-job'];
/** Everything the page shows for a trace: the figure (picture and caption) and the text alternative. */
const everything = (trace: JobTrace) => {
  const figure = traceFigureHtml(trace, { idPrefix: 'odd' });
  return { figure, caption: renderer.caption(trace), description: renderer.description(trace) };
};
/** The text drawn in the picture (not tooltips or the description), one entry per <text>. */
const drawnTexts = (svg: string) => [...svg.replace(/<title[^]*?<\/title>|<desc[^]*?<\/desc>/g, '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const odd = (trace: unknown) => trace as JobTrace;

describe('markup in a trace stays text', () => {
  const evil = '<img src=x onerror=alert(1)>';
  const quoted = `"a" & 'b'`;
  const trace = odd({
    ...skewedJoin,
    description: evil,
    executors: [{ id: evil, cores: 2 }, { id: quoted, cores: 1 }, { id: 0, cores: 4 }],
    stages: [
      { id: evil, name: evil, partitions: [{ index: evil, executor: evil, records: 5, bytes: 10 }, { index: 1, executor: quoted, records: 7, bytes: 10 }] },
      { id: quoted, name: quoted, partitions: [{ index: quoted, executor: 0, records: 1, bytes: 1 }] },
    ],
    transfers: [
      { kind: 'shuffle', fromStage: evil, toStage: quoted, fromExecutor: evil, toExecutor: quoted, records: 3, bytes: 30 },
      { kind: evil, fromStage: evil, toStage: quoted, fromExecutor: 0, toExecutor: evil, records: 1, bytes: 1 },
      { kind: 'broadcast', fromStage: evil, toStage: quoted, fromExecutor: DRIVER_ID, toExecutor: evil, records: 1, bytes: 1 },
    ],
    strategy: evil,
    notes: [evil, quoted],
  });

  test('in ids, names, kinds, the strategy and notes', () => {
    const { figure, caption, description } = everything(trace);
    expect(figure).not.toMatch(/<img|onerror=alert\(1\)>/);
    expect(figure).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(figure).toContain('&quot;a&quot; &amp; &#39;b&#39;');
    expect(figure).not.toContain(`"a" &`);
    expect(xmlProblems(figure)).toEqual([]);
    // The words themselves are kept, as text.
    expect(caption).toContain('Join strategy: <img src=x onerror=alert(1)>.');
    expect(description).toContain('"a" & \'b\'');
    const svg = renderer.draw(trace, { title: renderer.title(trace), idPrefix: 'x' }).svg;
    expect(svg).toContain('>Executor &lt;im…</text>');
    expect(svg).toContain('data-kind="shuffle" data-from="&lt;img src=x onerror=alert(1)&gt;" data-to="&quot;a&quot; &amp; &#39;b&#39;"');
  });

  test('in the id prefix and title the page passes', () => {
    const svg = renderer.draw(trace, { title: `${evil}"`, idPrefix: `p" onload="alert(1)` }).svg;
    expect(svg).toMatch(/^<svg [^>]* id="p--onload--alert-1-"/);
    expect(svg).not.toMatch(/<img|onload="/);
    expect(xmlProblems(svg)).toEqual([]);
  });
});

describe('long text is shortened where it is drawn', () => {
  const long = 'x'.repeat(5000);
  const trace = odd({
    ...shuffleJoin,
    jobId: long,
    description: 'd'.repeat(5000),
    executors: [{ id: long, cores: 2 }, { id: 1, cores: 2 }],
    stages: shuffleJoin.stages.map((s) => ({ ...s, name: `${s.name} ${'n'.repeat(5000)}`, partitions: s.partitions.map((p) => ({ ...p, executor: p.executor === 0 ? long : 1 })) })),
    transfers: shuffleJoin.transfers.map((t) => ({ ...t, fromExecutor: t.fromExecutor === 0 ? long : 1, toExecutor: t.toExecutor === 0 ? long : 1 })),
    strategy: 's'.repeat(5000),
  });
  const svg = renderer.draw(trace, { title: renderer.title(trace), idPrefix: 'long' }).svg;

  test('labels end in an ellipsis; the picture stays small', () => {
    const texts = drawnTexts(svg);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThan(100);
    expect(texts).toContain('Executor xxx…');
    expect(texts.some((t) => t.startsWith('Join strategy: sss') && t.endsWith('…'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Job xxx') && t.endsWith('…'))).toBe(true);
    // Tooltips and attributes are cut too: a name repeated per partition must not multiply the output.
    for (const [, title] of svg.matchAll(/<title>([^<]*)<\/title>/g)) expect(title.length).toBeLessThanOrEqual(MAX_TOOLTIP);
    for (const [, value] of svg.matchAll(/ data-[a-z-]+="([^"]*)"/g)) expect(value.length).toBeLessThanOrEqual(64);
    expect(svg.replace(/<desc[^]*?<\/desc>/, '').length).toBeLessThan(40_000);
    expect(renderer.title(trace).length).toBeLessThanOrEqual(120);
    // The caption is shown in full, so names and ids in its sentences are cut too.
    expect(renderer.caption(trace).length).toBeLessThan(600);
    expect(renderer.description(trace).length).toBeLessThan(2000);
    expect(xmlProblems(svg)).toEqual([]);
  });

  test('a shortened executor label has its fuller text in a tooltip', () => {
    expect(svg).toMatch(/<g><title>Executor x{100,}…<\/title><text [^>]*>Executor xxx…<\/text><\/g>/);
  });
});

describe('odd numbers do not throw or print', () => {
  const weird = [Number.NaN, -5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, Number.MAX_VALUE, -0, undefined, null, '12', {}];
  const trace = odd({
    ...broadcastJoin,
    jobId: Number.NaN,
    executors: weird.map((w, i) => ({ id: i, cores: w })),
    stages: [
      { id: 0, name: undefined, partitions: weird.map((w, i) => ({ index: i, executor: i, records: w, bytes: w })) },
      { id: 1, name: 42, partitions: weird.map((w, i) => ({ index: w, executor: w, records: 1e308, bytes: 1e308 })) },
      null,
      { id: Number.NaN, partitions: 'not a list' },
    ],
    transfers: [
      ...weird.map((w) => ({ kind: 'shuffle', fromStage: 0, toStage: 1, fromExecutor: 0, toExecutor: 1, records: w, bytes: w })),
      ...weird.map((w) => ({ kind: 'broadcast', fromStage: w, toStage: w, fromExecutor: DRIVER_ID, toExecutor: w, records: 1e308, bytes: w })),
      { kind: 'collect', fromStage: 0, toStage: 0, fromExecutor: 3, toExecutor: DRIVER_ID, records: 1e308, bytes: 1e308 },
      undefined,
      7,
    ],
    notes: [undefined, 3, 'fine'],
  });

  test('every part renders, finite and well-formed', () => {
    const { figure, caption, description } = everything(trace);
    for (const text of [figure, caption, description]) expect(text).not.toMatch(/NaN|Infinity|undefined|\[object /);
    expect(xmlProblems(figure)).toEqual([]);
    expect(caption).toMatch(/^11 executors, 3 stages, 22 partitions\./);
  });

  test('missing parts of a trace', () => {
    for (const partial of [{ kind: 'spark-job', version: 2 }, { ...shuffleJoin, executors: null, stages: undefined, transfers: {}, notes: 'x' }]) {
      const { figure } = everything(odd(partial));
      expect(figure).toContain('role="img"');
      expect(xmlProblems(figure)).toEqual([]);
      expect(figure).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  test('counts are clamped to finite, non-negative amounts, so totals stay finite', () => {
    const s = summarizeTrace(trace);
    expect(Number.isFinite(s.shuffle.records)).toBe(true);
    expect(s.shuffle.records).toBeGreaterThanOrEqual(Number.MAX_SAFE_INTEGER);
    expect(Number.isFinite(s.largest!.records)).toBe(true);
  });

  test('an honest trace is unchanged by normalizing it', () => {
    for (const t of [shuffleJoin, broadcastJoin, skewedJoin]) expect(normalizeTrace(t)).toEqual(t);
  });
});

describe('repeated ids', () => {
  const trace: JobTrace = {
    ...shuffleJoin,
    executors: [{ id: 0, cores: 2 }, { id: 1, cores: 2 }, { id: 0, cores: 8 }, { id: 1, cores: 2 }],
    stages: [...shuffleJoin.stages, { id: 2, name: 'more of the join', partitions: [{ index: 9, executor: 0, records: 1000, bytes: 40_000 }] }],
  };

  test('an executor listed twice is one lane; a stage listed twice is one stage with all its partitions', () => {
    const svg = renderer.draw(trace, { title: 'x', idPrefix: 'dup' }).svg;
    expect((svg.match(/>Executor 0<\/text>/g) ?? []).length).toBe(1);
    expect(svg).toContain('>2 cores<');
    expect(svg).not.toContain('>8 cores<');
    expect((svg.match(/<g class="sd-stage" data-stage="2"/g) ?? []).length).toBe(1);
    expect(svg).toContain('>5 partitions · 1.5k rec<');
    const caption = renderer.caption(trace);
    expect(caption).toMatch(/^2 executors, 3 stages, 11 partitions\./);
    expect(caption).toContain('Largest partition: 1,000 records (stage 2 "sort-merge join", partition 9 on executor 0)');
    expect(xmlProblems(svg)).toEqual([]);
  });

  test('duplicate transfers are all counted, and all drawn while within the cap', () => {
    const doubled = { ...shuffleJoin, transfers: [...shuffleJoin.transfers, ...shuffleJoin.transfers] };
    expect(renderer.caption(doubled)).toContain('Shuffle moved 500 records');
    const svg = renderer.draw(doubled, { title: 'x', idPrefix: 'dup' }).svg;
    expect((svg.match(/<g class="sd-transfer"/g) ?? []).length).toBe(8);
  });

  test('a cycle of stages (a malformed trace) still draws', () => {
    const cyclic = { ...shuffleJoin, transfers: [...shuffleJoin.transfers, { ...shuffleJoin.transfers[1], fromStage: 2, toStage: 0 }] };
    const svg = renderer.draw(cyclic, { title: 'x', idPrefix: 'cyc' }).svg;
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});
