import { describe, expect, test } from 'vitest';
import { SPARK_JOB_TRACE_KIND, SPARK_JOB_TRACE_VERSION } from '../../../src/engine/traces.ts';
import { RENDERER_CSS } from '../../../src/components/diagram/renderer-css.ts';
import { RENDERERS, resolveTrace } from '../../../src/components/diagram/renderers.ts';
import { traceFigureHtml, traceFiguresHtml } from '../../../src/components/diagram/trace-figure.ts';
import { broadcastJoin, hostileNames, shuffleJoin } from './fixtures.ts';
import { xmlProblems } from './well-formed.ts';

const RELOAD = 'Reload the page to get the current version.';

describe('the renderer registry', () => {
  test('has a renderer for the spark-job kind at the version the engine writes', () => {
    expect(RENDERERS[SPARK_JOB_TRACE_KIND].kind).toBe(SPARK_JOB_TRACE_KIND);
    expect(RENDERERS[SPARK_JOB_TRACE_KIND].version).toBe(SPARK_JOB_TRACE_VERSION);
    for (const [kind, renderer] of Object.entries(RENDERERS)) expect(renderer.kind).toBe(kind);
    // The page adds each renderer's rules up front, from a list kept apart from the drawing code.
    for (const [kind, renderer] of Object.entries(RENDERERS)) expect(RENDERER_CSS[kind as keyof typeof RENDERER_CSS], kind).toBe(renderer.css);
    expect(Object.keys(RENDERER_CSS)).toEqual(Object.keys(RENDERERS));
  });

  test('picks the renderer by kind', () => {
    const resolved = resolveTrace(shuffleJoin);
    expect(resolved.ok && resolved.renderer).toBe(RENDERERS['spark-job']);
  });

  test('refuses another version of a known kind with a sentence, never a picture', () => {
    const resolved = resolveTrace({ ...shuffleJoin, version: 3 });
    expect(resolved).toEqual({ ok: false,
      message: `This run recorded a 'spark-job' trace of version 3, which this page cannot draw. ${RELOAD}` });
    // Version 1 marked the collect hop as a broadcast from an executor: it must not be drawn as if it were version 2.
    expect(resolveTrace({ ...shuffleJoin, version: 1 }).ok).toBe(false);
  });

  test('refuses an unknown kind, and anything that is not a trace', () => {
    expect(resolveTrace({ kind: 'kafka-log', version: 1 })).toEqual({ ok: false,
      message: `This run recorded a 'kafka-log' trace, which this page cannot draw. ${RELOAD}` });
    // Inherited names are not kinds.
    expect(resolveTrace({ kind: 'toString', version: 1 }).ok).toBe(false);
    for (const junk of [null, undefined, 42, 'spark-job', {}, { kind: 3 }]) {
      expect(resolveTrace(junk)).toEqual({ ok: false, message: `This run recorded a trace this page cannot read. ${RELOAD}` });
    }
    const long = resolveTrace({ kind: 'x'.repeat(500), version: 1 });
    expect(!long.ok && long.message.length).toBeLessThan(200);
  });
});

describe('trace figures', () => {
  test('a figure: the picture at its natural width in a focusable scroll box, a scroll hint, and the caption', () => {
    const html = traceFigureHtml(broadcastJoin, { idPrefix: 'f' });
    const { width } = RENDERERS['spark-job'].draw(broadcastJoin, { title: 'x', idPrefix: 'x' });
    expect(html).toMatch(new RegExp(`^<figure class="sai-trace-figure not-content" data-trace-kind="spark-job" style="--sai-trace-width:${width}px">`));
    expect(html).toContain('<div class="sai-trace-figure__scroll" tabindex="0"><svg ');
    expect(html).toContain('<p class="sai-trace-figure__hint" aria-hidden="true">');
    const caption = html.match(/<figcaption>([^<]*)<\/figcaption>/)?.[1];
    expect(caption).toBe(RENDERERS['spark-job'].caption(broadcastJoin));
    expect(html).toContain('>Job 2: count</title>');
    expect(traceFigureHtml(broadcastJoin, { idPrefix: 'f', title: 'Mine' })).toContain('>Mine</title>');
    expect(xmlProblems(html)).toEqual([]);
  });

  test('an unsupported trace becomes the sentence, escaped', () => {
    const html = traceFigureHtml({ kind: '<img src=x onerror=alert(1)>', version: 1 }, { idPrefix: 'u' });
    expect(html).toMatch(/^<p class="sai-trace-unsupported" role="note">This run recorded a &#39;&lt;img src=x onerror=alert\(1\)&gt;&#39; trace/);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg');
  });

  test('several figures in one row that wraps, each with its own ids and caption', () => {
    const html = traceFiguresHtml([shuffleJoin, { ...broadcastJoin, version: 9 }, hostileNames], { idPrefix: 'many', inlineStyle: false });
    expect(html.startsWith('<div class="sai-trace-figures">')).toBe(true);
    expect((html.match(/<figure /g) ?? []).length).toBe(2);
    expect(html).toContain('id="many-0"');
    expect(html).toContain('id="many-2"');
    expect(html).toContain('This run recorded a &#39;spark-job&#39; trace of version 9');
    expect((html.match(/<figcaption>/g) ?? []).length).toBe(2);
    expect(html).not.toContain('<style');
    expect(xmlProblems(html)).toEqual([]);
  });
});
