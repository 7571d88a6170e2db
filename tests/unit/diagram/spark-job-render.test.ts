import { describe, expect, test } from 'vitest';
import type { SparkJobTrace as JobTrace } from '../../../src/engine/spark/job-trace.ts';
import { layOut } from '../../../src/components/diagram/spark-job/layout.ts';
import { renderSparkJobSvg, type SparkJobSvgOptions } from '../../../src/components/diagram/spark-job/render.ts';
import { SPARK_JOB_SVG_CSS } from '../../../src/components/diagram/spark-job/style.ts';
import { r } from '../../../src/components/diagram/svg.ts';
import { broadcastJoin, driverBroadcast, hostileNames, shuffleJoin, skewedJoin, skippingShuffle, wideAggregate } from './fixtures.ts';
import { xmlProblems } from './well-formed.ts';

const render = (trace: JobTrace, options?: SparkJobSvgOptions) => renderSparkJobSvg(trace, options).svg;
const count = (svg: string, re: RegExp) => (svg.match(new RegExp(re.source, 'g')) ?? []).length;
const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
/** The text content of the element with this id. */
const textOf = (svg: string, id: string) => svg.match(new RegExp(`id="${id}">([^<]*)<`))?.[1];
/** The arrows of one kind, each as its <g> element. */
const arrows = (svg: string, kind: string): string[] => svg.match(new RegExp(`<g class="sd-transfer" data-kind="${kind}"[^]*?</g>`, 'g')) ?? [];
/** The SVG's drawn text, tags dropped and wrapped lines joined. */
const drawnText = (svg: string) => svg.replace(/<title[^]*?<\/title>|<desc[^]*?<\/desc>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** Start point of an arrow's line. */
const start = (arrow: string) => arrow.match(/<path class="sd-(?:shuffle|collect|broadcast)"[^>]* d="M([\d.]+) ([\d.]+)/)!.slice(1).map(Number);

const ALL = { shuffleJoin, broadcastJoin, driverBroadcast, skippingShuffle, wideAggregate, skewedJoin, hostileNames };

describe('renderSparkJobSvg', () => {
  test('is an accessible image labelled by its title and desc', () => {
    const svg = render(shuffleJoin, { title: 'A shuffle join', idPrefix: 'fig1' });
    const root = svg.match(/^<svg [^>]*>/)?.[0] ?? '';
    expect(root).toContain('role="img"');
    expect(root).toContain('aria-labelledby="fig1-title fig1-desc"');
    expect(root).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(textOf(svg, 'fig1-title')).toBe('A shuffle join');
    expect(svg).toMatch(/<desc id="fig1-desc">/);
    expect(textOf(svg, 'fig1-desc')).toContain('Shuffle moved 250 records (9.8 KB) between executors');
  });

  test('the default title names the job and its action', () => {
    expect(textOf(render(broadcastJoin, { idPrefix: 'j' }), 'j-title')).toBe('Job 2: count');
  });

  test('reports its natural width, the width of its viewBox', () => {
    const { svg, width } = renderSparkJobSvg(skewedJoin);
    expect(svg).toContain(`viewBox="0 0 ${width} `);
    expect(svg).toContain(`width="${width}"`);
  });

  test('draws one lane per executor and names every stage', () => {
    const svg = render(broadcastJoin);
    for (const e of [0, 1, 2, 3]) expect(svg).toContain(`>Executor ${e}</text>`);
    expect(svg).not.toContain('>Executor 4<');
    expect(svg).toContain('Stage 0: scan countries');
    expect(svg).toContain('scan orders + hash join');
  });

  test('one arrow per cross-executor shuffle transfer; local reads only as a note', () => {
    const svg = render(shuffleJoin);
    // 8 transfers, of which 4 stay on their executor.
    expect(arrows(svg, 'shuffle')).toHaveLength(4);
    expect(arrows(svg, 'broadcast')).toHaveLength(0);
    expect(drawnText(svg)).toContain('• Local shuffle reads (same executor, no network, not drawn): 250 records, 9.8 KB.');
    expect(arrows(render(skewedJoin), 'shuffle')).toHaveLength(5);
  });

  test('shuffle stroke width grows with bytes', () => {
    const svg = render(shuffleJoin);
    const widthOf = (from: number, to: number, stage: number) => Number(svg.match(new RegExp(
      `data-from="${from}" data-to="${to}" data-from-stage="${stage}"[^]*?stroke-width="([\\d.]+)"`))?.[1]);
    // Orders move 4,000 bytes per pair, customers 1,000.
    expect(widthOf(0, 1, 0)).toBeGreaterThan(widthOf(0, 1, 1));
  });

  test('broadcast join: the build side is collected into the driver (dotted), which sends a dashed copy to every executor', () => {
    const svg = render(broadcastJoin);
    const layout = layOut(broadcastJoin);
    const collects = arrows(svg, 'collect');
    expect(collects).toHaveLength(1);
    expect(collects[0]).toContain('data-from="0" data-to="-1"');
    expect(collects[0]).toContain('Collect from executor 0 to the driver: 20 records, 800 B');
    // It leaves the build stage's column (stage 0, column 0) at its right edge.
    expect(start(collects[0])[0]).toBeCloseTo(layout.colX[0] + layout.colW + 2, 0);

    const copies = arrows(svg, 'broadcast');
    expect(copies).toHaveLength(4);
    expect(copies.map((a) => a.match(/data-to="(\d+)"/)?.[1]).sort()).toEqual(['0', '1', '2', '3']);
    for (const a of copies) {
      expect(a).toContain('class="sd-broadcast"');
      expect(a).toContain('data-from="-1"');
      expect(a).toMatch(/Broadcast from the driver to executor \d/);
    }
    // Every copy leaves from the bottom of the driver node, which sits above the lanes.
    const driver = svg.match(/<rect class="sd-driver" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/)!.slice(1).map(Number);
    for (const a of copies) {
      const [x, y] = start(a);
      expect(x).toBeGreaterThanOrEqual(driver[0]);
      expect(x).toBeLessThanOrEqual(driver[0] + driver[2]);
      expect(y).toBeCloseTo(driver[1] + driver[3], 0);
      expect(y).toBeLessThan(layout.lanesTop);
    }
    expect(count(svg, />Driver</)).toBe(1);
    // Line patterns, not only colours, tell the kinds apart.
    expect(svg).toMatch(/\.sd-broadcast\{[^}]*stroke-dasharray:7 4/);
    expect(svg).toMatch(/\.sd-collect\{[^}]*stroke-dasharray:0\.5 4\.5/);
    expect(svg).not.toMatch(/\.sd-shuffle\{[^}]*stroke-dasharray/);
    expect(arrows(svg, 'shuffle')).toHaveLength(0);
    expect(svg).toContain('Join strategy: BroadcastHashJoin');
    expect(svg).toContain('collect to the driver (dotted)');
    expect(svg).toContain('broadcast copy (dashed)');
  });

  test('a value the driver broadcast on its own: a driver node and copies, no collect', () => {
    const svg = render(driverBroadcast);
    expect(arrows(svg, 'collect')).toHaveLength(0);
    expect(arrows(svg, 'broadcast')).toHaveLength(2);
    expect(count(svg, />Driver</)).toBe(1);
    expect(svg).not.toContain('collect to the driver');
  });

  test('a shuffle that skips a column starts at its source stage, travels under its lane, and ends at the target', () => {
    const svg = render(skippingShuffle);
    const layout = layOut(skippingShuffle);
    const skips = arrows(svg, 'shuffle').filter((a) => a.includes('data-to-stage="3"'));
    expect(skips).toHaveLength(2);
    for (const a of skips) {
      const from = Number(a.match(/data-from="(\d+)"/)![1]);
      const [x] = start(a);
      // Stage 0 is in column 0, the join (stage 3) in column 2.
      expect(x).toBeCloseTo(layout.colX[0] + layout.colW + 2, 0);
      expect(a).toContain(` ${r(layout.channelY(from))}H`);
      const tip = a.match(/<path class="sd-shuffle-head" d="M([\d.]+)/)![1];
      expect(Number(tip)).toBeCloseTo(layout.colX[2] - 2, 0);
    }
  });

  test('200 partitions become a strip per executor, not 200 boxes', () => {
    const svg = render(wideAggregate);
    // Only the 4 scan partitions are drawn as boxes.
    expect(count(svg, /class="sd-partition/)).toBe(4);
    const strips = svg.match(/<g class="sd-strip" data-stage="1"[^>]*>/g) ?? [];
    expect(strips).toHaveLength(4);
    for (const s of strips) expect(s).toContain('data-partitions="50"');
    expect(count(svg, />50 partitions</)).toBe(4);
    expect(count(svg, /<rect /)).toBeLessThan(100);
    expect(arrows(svg, 'shuffle')).toHaveLength(12);
  });

  test('a skewed partition is marked and labelled', () => {
    const svg = render(skewedJoin);
    const skewed = svg.match(/<g class="sd-partition sd-skewed"[^>]*>/g) ?? [];
    expect(skewed).toEqual(['<g class="sd-partition sd-skewed" data-stage="1" data-partition="3" data-executor="3">']);
    expect(svg).toMatch(/class="sd-skew-text"[^>]*>600</);
    expect(svg).toContain('skewed: ≥ 5x the stage median');
    expect(render(shuffleJoin)).not.toContain('sd-skewed');
  });

  test('text from user code is escaped', () => {
    const svg = render(hostileNames, { title: 'Q&A <b>' });
    expect(svg).not.toMatch(/<script|<b>|<\/script/);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends');
    expect(svg).toContain('Filter on &quot;a &lt; b&quot; &amp; done');
    expect(svg).toContain('Q&amp;A &lt;b&gt;');
    expect(xmlProblems(svg)).toEqual([]);
  });

  test('a crafted trace (markup where numbers belong) draws no markup of its own', () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const crafted = {
      ...skewedJoin,
      stages: skewedJoin.stages.map((stage) => ({ ...stage, id: evil, partitions: stage.partitions.map((p) => ({ ...p, index: evil, executor: evil })) })),
      executors: skewedJoin.executors.map((e) => ({ ...e, id: evil })),
      transfers: skewedJoin.transfers.map((t) => ({ ...t, kind: evil, fromExecutor: evil, toExecutor: evil })),
    } as unknown as JobTrace;
    let svg = '';
    try {
      svg = render(crafted);
    } catch {
      return; // refusing to draw it is fine too
    }
    expect(svg).not.toMatch(/<img|onerror=alert\(1\)>/);
  });

  test('ids are unique and carry the prefix', () => {
    const a = render(skewedJoin, { idPrefix: 'one' });
    const b = render(skewedJoin, { idPrefix: 'two' });
    const idsA = ids(a);
    expect(idsA.length).toBeGreaterThanOrEqual(3);
    expect(new Set(idsA).size).toBe(idsA.length);
    for (const id of idsA) expect(id.startsWith('one')).toBe(true);
    expect(ids(b).filter((id) => idsA.includes(id))).toEqual([]);
    // A prefix cannot break out of the attribute.
    expect(ids(render(skewedJoin, { idPrefix: 'x" onload="y' }))[0]).toBe('x--onload--y');
  });

  test('colours are CSS custom properties with fallbacks', () => {
    const svg = render(broadcastJoin);
    expect(svg).toContain('var(--sai-diagram-fg,currentColor)');
    expect(svg).not.toMatch(/var\(--sai-diagram-[a-z-]+\)/);
    expect(svg).not.toMatch(/\sfill="#|\sstroke="#/);
  });

  test('no text is smaller than 12 units (the diagram is shown at 1:1)', () => {
    for (const [name, trace] of Object.entries(ALL)) {
      const sizes = [...render(trace).matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(Math.min(...sizes), name).toBeGreaterThanOrEqual(12);
    }
    expect(SPARK_JOB_SVG_CSS).toContain('.sai-trace{font-family:var(--sai-diagram-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:12px');
  });

  test('output is deterministic, well-formed and free of NaN', () => {
    for (const [name, trace] of Object.entries(ALL)) {
      const svg = render(trace);
      expect(render(structuredClone(trace) as JobTrace), name).toBe(svg);
      expect(svg, name).not.toMatch(/NaN|undefined|Infinity/);
      expect(xmlProblems(svg), name).toEqual([]);
    }
  });

  test('an empty job still renders', () => {
    const svg = render({ ...shuffleJoin, stages: [], transfers: [], strategy: undefined });
    expect(svg).toContain('role="img"');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(xmlProblems(svg)).toEqual([]);
  });
});

describe('style placement', () => {
  test('carries its own <style> by default and none when the page provides the rules', () => {
    const standalone = render(shuffleJoin);
    const bare = render(shuffleJoin, { inlineStyle: false });
    expect(standalone).toContain(`<style>${SPARK_JOB_SVG_CSS}</style>`);
    expect(bare).not.toContain('<style');
    expect(bare.replace(/\s+/g, '')).toBe(standalone.replace(`<style>${SPARK_JOB_SVG_CSS}</style>`, '').replace(/\s+/g, ''));
  });
});
