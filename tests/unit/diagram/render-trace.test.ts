import { describe, expect, test } from 'vitest';
import type { SparkJobTrace as JobTrace } from '../../../src/engine/spark/job-trace.ts';
import { TRACE_SVG_CSS, renderTraceSvg } from '../../../src/components/diagram/render-trace.ts';
import { broadcastJoin, hostileNames, shuffleJoin, skewedJoin, wideAggregate } from './fixtures.ts';

const count = (svg: string, re: RegExp) => (svg.match(new RegExp(re.source, 'g')) ?? []).length;
const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
/** The text content of the element with this id. */
const textOf = (svg: string, id: string) => svg.match(new RegExp(`id="${id}">([^<]*)<`))?.[1];

describe('renderTraceSvg', () => {
  test('is an accessible image labelled by its title and desc', () => {
    const svg = renderTraceSvg(shuffleJoin, { title: 'A shuffle join', idPrefix: 'fig1' });
    const root = svg.match(/^<svg [^>]*>/)?.[0] ?? '';
    expect(root).toContain('role="img"');
    expect(root).toContain('aria-labelledby="fig1-title fig1-desc"');
    expect(root).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(textOf(svg, 'fig1-title')).toBe('A shuffle join');
    expect(svg).toMatch(/<desc id="fig1-desc">/);
    expect(textOf(svg, 'fig1-desc')).toContain('Shuffle moved 250 records (9.8 KB) between executors');
  });

  test('draws one lane per executor and names every stage', () => {
    const svg = renderTraceSvg(broadcastJoin);
    for (const e of [0, 1, 2, 3]) expect(svg).toContain(`>Executor ${e}</text>`);
    expect(svg).not.toContain('>Executor 4<');
    expect(svg).toContain('scan countries');
    expect(svg).toContain('scan orders + hash join');
  });

  test('one arrow per cross-executor shuffle transfer; local reads only as a note', () => {
    const svg = renderTraceSvg(shuffleJoin);
    // 8 transfers, of which 4 stay on their executor.
    expect(count(svg, /class="sd-transfer" data-kind="shuffle"/)).toBe(4);
    expect(count(svg, /data-kind="broadcast"/)).toBe(0);
    expect(svg).toContain('Local shuffle reads (same executor, no network, not drawn): 250 records, 9.8 KB.');
    const skewSvg = renderTraceSvg(skewedJoin);
    expect(count(skewSvg, /class="sd-transfer" data-kind="shuffle"/)).toBe(5);
  });

  test('shuffle stroke width grows with bytes', () => {
    const svg = renderTraceSvg(shuffleJoin);
    const widthOf = (from: number, to: number, stage: number) => Number(svg.match(new RegExp(
      `data-from="${from}" data-to="${to}" data-from-stage="${stage}"[^]*?stroke-width="([\\d.]+)"`))?.[1]);
    // Orders move 4,000 bytes per pair, customers 1,000.
    expect(widthOf(0, 1, 0)).toBeGreaterThan(widthOf(0, 1, 1));
  });

  test('broadcast: a dashed fan-out from the driver to every executor', () => {
    const svg = renderTraceSvg(broadcastJoin);
    const arrows = svg.match(/<g class="sd-transfer" data-kind="broadcast"[^]*?<\/g>/g) ?? [];
    expect(arrows).toHaveLength(4);
    expect(arrows.map((a) => a.match(/data-to="(\d+)"/)?.[1]).sort()).toEqual(['0', '1', '2', '3']);
    for (const a of arrows) expect(a).toContain('class="sd-broadcast"');
    // The dash, not only the colour, tells broadcast from shuffle.
    expect(svg).toMatch(/\.sd-broadcast\{[^}]*stroke-dasharray/);
    expect(svg).not.toMatch(/\.sd-shuffle\{[^}]*stroke-dasharray/);
    // Every line starts at the same point.
    const starts = new Set(arrows.map((a) => a.match(/class="sd-broadcast"[^>]* d="M([\d.]+ [\d.]+)/)?.[1]));
    expect(starts.size).toBe(1);
    expect(svg).toContain('>Driver<');
    expect(count(svg, /data-kind="shuffle"/)).toBe(0);
    expect(svg).toContain('Join strategy: BroadcastHashJoin');
    expect(svg).toContain('AQE replanned SortMergeJoin as BroadcastHashJoin');
  });

  test('200 partitions become a strip per executor, not 200 boxes', () => {
    const svg = renderTraceSvg(wideAggregate);
    // Only the 4 scan partitions are drawn as boxes.
    expect(count(svg, /class="sd-partition/)).toBe(4);
    const strips = svg.match(/<g class="sd-strip" data-stage="1"[^>]*>/g) ?? [];
    expect(strips).toHaveLength(4);
    for (const s of strips) expect(s).toContain('data-partitions="50"');
    expect(count(svg, />50 partitions</)).toBe(4);
    expect(count(svg, /<rect /)).toBeLessThan(100);
    expect(count(svg, /class="sd-transfer" data-kind="shuffle"/)).toBe(12);
  });

  test('a skewed partition is marked and labelled', () => {
    const svg = renderTraceSvg(skewedJoin);
    const skewed = svg.match(/<g class="sd-partition sd-skewed"[^>]*>/g) ?? [];
    expect(skewed).toEqual(['<g class="sd-partition sd-skewed" data-stage="1" data-partition="3" data-executor="3">']);
    expect(svg).toMatch(/class="sd-skew-text"[^>]*>600</);
    expect(svg).toContain('skewed: ≥ 5x the stage median');
    expect(renderTraceSvg(shuffleJoin)).not.toContain('sd-skewed');
  });

  test('text from user code is escaped', () => {
    const svg = renderTraceSvg(hostileNames, { title: 'Q&A <b>' });
    expect(svg).not.toMatch(/<script|<b>|<\/script/);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends');
    expect(svg).toContain('Filter on &quot;a &lt; b&quot; &amp; done');
    expect(svg).toContain('Q&amp;A &lt;b&gt;');
    // Every ampersand left in the output starts an entity.
    expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });

  test('ids are unique and carry the prefix', () => {
    const a = renderTraceSvg(skewedJoin, { idPrefix: 'one' });
    const b = renderTraceSvg(skewedJoin, { idPrefix: 'two' });
    const idsA = ids(a);
    expect(idsA.length).toBeGreaterThanOrEqual(3);
    expect(new Set(idsA).size).toBe(idsA.length);
    for (const id of idsA) expect(id.startsWith('one')).toBe(true);
    expect(ids(b).filter((id) => idsA.includes(id))).toEqual([]);
    // A prefix cannot break out of the attribute.
    expect(ids(renderTraceSvg(skewedJoin, { idPrefix: 'x" onload="y' }))[0]).toBe('x--onload--y');
  });

  test('colours are CSS custom properties with fallbacks', () => {
    const svg = renderTraceSvg(broadcastJoin);
    expect(svg).toContain('var(--sai-diagram-fg,currentColor)');
    expect(svg).not.toMatch(/var\(--sai-diagram-[a-z-]+\)/);
    expect(svg).not.toMatch(/\sfill="#|\sstroke="#/);
  });

  test('output is deterministic and free of NaN', () => {
    for (const trace of [shuffleJoin, broadcastJoin, wideAggregate, skewedJoin, hostileNames]) {
      const svg = renderTraceSvg(trace);
      expect(renderTraceSvg(structuredClone(trace) as JobTrace)).toBe(svg);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  test('an empty job still renders', () => {
    const svg = renderTraceSvg({ ...shuffleJoin, stages: [], transfers: [], strategy: undefined });
    expect(svg).toContain('role="img"');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('style placement', () => {
  test('carries its own <style> by default and none when the page provides the rules', () => {
    const standalone = renderTraceSvg(shuffleJoin);
    const bare = renderTraceSvg(shuffleJoin, { inlineStyle: false });
    expect(standalone).toContain(`<style>${TRACE_SVG_CSS}</style>`);
    expect(bare).not.toContain('<style');
    expect(bare.replace(/\s+/g, '')).toBe(standalone.replace(`<style>${TRACE_SVG_CSS}</style>`, '').replace(/\s+/g, ''));
  });
});
