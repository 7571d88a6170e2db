/**
 * What every Kafka picture promises whatever its trace: drawn through the registry into a
 * well-formed SVG with role=img, named by its title and described by its <desc> (the full text
 * alternative, which starts with the caption), finite numbers, no text under 12px.
 */
import { expect } from 'vitest';
import { resolveTrace } from '../../../src/components/diagram/renderers.ts';
import { traceFigureHtml } from '../../../src/components/diagram/trace-figure.ts';
import { xmlProblems } from './well-formed.ts';

export const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export interface Drawn {
  svg: string;
  width: number;
  caption: string;
  description: string;
  /** Every <text> of the picture, unescaped, in order. */
  texts: string[];
  /** Every tooltip (<title> but the picture's own), unescaped. */
  tips: string[];
}

export function drawChecked(trace: unknown, idPrefix = 'k'): Drawn {
  const resolved = resolveTrace(trace);
  expect(resolved.ok, 'the registry draws it').toBe(true);
  if (!resolved.ok) throw new Error(resolved.message);
  const { renderer, trace: t } = resolved;
  const title = renderer.title(t);
  const { svg, width } = renderer.draw(t, { title, idPrefix });
  const caption = renderer.caption(t);
  const description = renderer.description(t);
  const root = svg.match(/^<svg [^>]*>/)?.[0] ?? '';
  expect(root).toContain('role="img"');
  expect(root).toContain(`aria-labelledby="${idPrefix}-title ${idPrefix}-desc"`);
  expect(root).toContain(`width="${width}"`);
  expect(unescape(svg.match(new RegExp(`<title id="${idPrefix}-title">([^<]*)</title>`))?.[1] ?? '')).toBe(title);
  expect(unescape(svg.match(new RegExp(`<desc id="${idPrefix}-desc">([^<]*)</desc>`))?.[1] ?? '')).toBe(description);
  expect(description.startsWith(caption)).toBe(true);
  expect(caption.length).toBeGreaterThan(20);
  expect(xmlProblems(svg)).toEqual([]);
  for (const text of [svg, caption, description]) expect(text).not.toMatch(/NaN|undefined|Infinity|\[object /);
  const fonts = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(Math.min(12, ...fonts)).toBe(12);
  return {
    svg, width, caption, description,
    texts: [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!)),
    tips: [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => unescape(m[1]!)),
  };
}

export const count = (svg: string, re: RegExp) => (svg.match(new RegExp(re.source, 'g')) ?? []).length;

/**
 * Median ms of drawing each trace's figure (picture, caption, description), sizes interleaved so
 * noise hits both. Each run draws a fresh copy: the renderers remember what they read per object.
 */
export function medians(traces: readonly unknown[], runs = 5): number[] {
  const times = traces.map(() => [] as number[]);
  for (const t of traces) traceFigureHtml(structuredClone(t), { idPrefix: 'warm' });
  for (let run = 0; run < runs; run++) {
    traces.forEach((t, i) => {
      const copy = structuredClone(t);
      const start = performance.now();
      traceFigureHtml(copy, { idPrefix: 'timed' });
      times[i]!.push(performance.now() - start);
    });
  }
  return times.map((ts) => ts.sort((a, b) => a - b)[ts.length >> 1]!);
}
