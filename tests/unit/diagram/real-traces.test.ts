/**
 * Contract tests on REAL traces: every lesson example and every exercise's reference solution
 * (with its hidden checks) runs through the Node runner exactly as the site runs them, and every
 * trace those runs record must draw through the registry into an accessible, well-formed picture
 * whose caption tells the truth about what moved. Exercise checks change over time, so their
 * traces are held to properties that hold for any correct run, not to exact numbers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Trace } from '../../../src/engine/traces.ts';
import type { SparkJobTrace } from '../../../src/engine/spark/job-trace.ts';
import { formatBytes } from '../../../src/components/diagram/format.ts';
import { resolveTrace } from '../../../src/components/diagram/renderers.ts';
import { layOut } from '../../../src/components/diagram/spark-job/layout.ts';
import { r } from '../../../src/components/diagram/svg.ts';
import { traceFigureHtml } from '../../../src/components/diagram/trace-figure.ts';
import { LESSONS_ROOT, loadExercises } from '../../../src/exercises/load-node.ts';
import { runInNode } from '../../../src/runner/node-runner.ts';
import type { RunResult } from '../../../src/runner/protocol.ts';
import { xmlProblems } from './well-formed.ts';

interface Source {
  name: string;
  run: () => Promise<RunResult>;
}

const examples: Source[] = readdirSync(LESSONS_ROOT).flatMap((lesson) => {
  const dir = join(LESSONS_ROOT, lesson, 'examples');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  } catch {
    return [];
  }
  return files.map((file) => ({
    name: `example ${lesson}/${file.replace(/\.ts$/, '')}`,
    run: () => runInNode({ mode: 'example', code: readFileSync(join(dir, file), 'utf8'), timeoutMs: 60_000 }),
  }));
});

const exercises: Source[] = loadExercises().map((exercise) => ({
  name: `solution of ${exercise.id}`,
  run: () => runInNode({ mode: 'exercise', code: exercise.solution, modules: exercise.meta.modules, checks: exercise.checks, timeoutMs: 60_000 }),
}));

// Run everything once, up front, so that each trace becomes its own named test.
const runs = await Promise.all([...examples, ...exercises].map(async (source) => ({ source, result: await source.run() })));
const byName = new Map(runs.map(({ source, result }) => [source.name, result]));

/** The text inside an element of the SVG, with the renderer's escapes undone. */
function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function sparkJob(trace: Trace): SparkJobTrace | undefined {
  return trace.kind === 'spark-job' ? trace : undefined;
}

/** Every promise a picture and its caption make, whatever the trace. */
function checkTrace(trace: Trace, where: string): void {
  const resolved = resolveTrace(trace);
  expect(resolved.ok, `${where}: the registry draws it`).toBe(true);
  if (!resolved.ok) return;
  const { renderer } = resolved;
  const title = renderer.title(trace);
  const { svg, width } = renderer.draw(trace, { title, idPrefix: 'contract' });
  const caption = renderer.caption(trace);
  const description = renderer.description(trace);

  // An accessible image: role, name and description.
  const root = svg.match(/^<svg [^>]*>/)?.[0] ?? '';
  expect(root).toContain('role="img"');
  expect(root).toContain('aria-labelledby="contract-title contract-desc"');
  expect(svg.match(/<title id="contract-title">([^<]+)<\/title>/)?.[1]).toBe(title);
  const desc = unescape(svg.match(/<desc id="contract-desc">([^<]*)<\/desc>/)?.[1] ?? '');
  expect(desc).toBe(description);
  expect(caption.length).toBeGreaterThan(20);
  expect(desc.startsWith(caption), `${where}: the desc starts with the caption`).toBe(true);

  // Well-formed, finite, readable at the size shown.
  expect(xmlProblems(svg)).toEqual([]);
  for (const text of [svg, caption, description]) expect(text).not.toMatch(/NaN|undefined|Infinity|\[object /);
  expect(width).toBeGreaterThan(0);
  expect(svg).toContain(`width="${width}"`);
  const fonts = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(Math.min(12, ...fonts)).toBe(12);

  // The figure the page shows carries the same caption.
  const figure = traceFigureHtml(trace, { idPrefix: 'page' });
  expect(unescape(figure.match(/<figcaption>([^<]*)<\/figcaption>/)?.[1] ?? '')).toBe(caption);

  const job = sparkJob(trace);
  if (!job) return;
  // A broadcast always comes from the driver: no caption or description says otherwise.
  for (const text of [caption, description]) {
    expect(text).not.toMatch(/broadcast[^.]*\bfrom (an? )?executors?\b/i);
    expect(text).not.toMatch(/executor \d+ to \d+ executor/);
  }
  const kinds = new Set(job.transfers.filter((t) => t.fromExecutor !== t.toExecutor).map((t) => t.kind));
  if (kinds.has('collect')) expect(caption).toMatch(/was collected from [\d,]+ executors? to the driver/);
  else expect(caption).not.toMatch(/collected/);
  if (kinds.has('broadcast')) expect(caption).toMatch(/broadcast (a copy|copies)( of [^:]*)? to (each of [\d,]+ executors|1 executor): /);
  if (kinds.has('shuffle')) expect(caption).toMatch(/Shuffle moved [\d,]+ records? \([\d.,]+ (B|KB|MB)\) between executors/);

  // One arrow per transfer that crossed the network, and each one of the right pattern.
  for (const kind of ['shuffle', 'collect', 'broadcast'] as const) {
    const expected = job.transfers.filter((t) => t.kind === kind && t.fromExecutor !== t.toExecutor).length;
    expect((svg.match(new RegExp(`class="sd-transfer" data-kind="${kind}"`, 'g')) ?? []).length, `${where}: ${kind} arrows`).toBe(expected);
  }
  for (const arrow of svg.match(/<g class="sd-transfer" data-kind="broadcast"[^]*?<\/g>/g) ?? []) expect(arrow).toContain('data-from="-1"');
  for (const arrow of svg.match(/<g class="sd-transfer" data-kind="collect"[^]*?<\/g>/g) ?? []) expect(arrow).toContain('data-to="-1"');

  // Shuffle arrows start at their source stage's own column, adjacent or not.
  const layout = layOut(job);
  for (const arrow of svg.match(/<g class="sd-transfer" data-kind="shuffle"[^]*?<\/g>/g) ?? []) {
    const from = layout.places.get(Number(arrow.match(/data-from-stage="(-?\d+)"/)![1]));
    const to = layout.places.get(Number(arrow.match(/data-to-stage="(-?\d+)"/)![1]))!;
    if (!from || from.col >= to.col) continue;
    const startX = arrow.match(/<path class="sd-shuffle"[^>]* d="M([\d.]+) /)![1];
    expect(startX).toBe(r(layout.colX[from.col] + layout.colW + 2));
  }
}

describe('every example and reference solution runs cleanly', () => {
  for (const { source, result } of runs) {
    test(source.name, () => {
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('passed');
    });
  }
  test('there are examples and exercises to check, and they recorded traces', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(exercises.length).toBeGreaterThanOrEqual(1);
    expect(runs.flatMap((r) => r.result.traces).length).toBeGreaterThan(examples.length);
  });
});

describe('every real trace draws through the registry and its caption tells the truth', () => {
  for (const { source, result } of runs) {
    result.traces.forEach((trace, i) => {
      test(`${source.name}, trace ${i + 1} of ${result.traces.length} (${trace.kind} v${trace.version})`, () => checkTrace(trace, `${source.name} #${i}`));
    });
  }
});

describe('the distributed-joins examples', () => {
  const traces = (id: string) => (byName.get(`example distributed-joins/${id}`)?.traces ?? []).map((t) => sparkJob(t)!);
  const caption = (trace: Trace) => {
    const resolved = resolveTrace(trace);
    return resolved.ok ? resolved.renderer.caption(trace) : '';
  };
  const sum = (job: SparkJobTrace, kind: string) => job.transfers.filter((t) => t.kind === kind).reduce((n, t) => n + t.bytes, 0);

  test('shuffle-vs-broadcast: the shuffle join reports bytes moved between executors, and nothing through the driver', () => {
    const job = traces('shuffle-vs-broadcast').at(-2)!;
    expect(job.strategy).toBe('SortMergeJoin');
    const text = caption(job);
    expect(text).toMatch(/^4 executors, 3 stages, 24 partitions\. Join strategy: SortMergeJoin\. Shuffle moved [\d,]+ records \([\d.]+ KB\) between executors/);
    expect(text).not.toMatch(/driver|broadcast a copy/);
  });

  test('shuffle-vs-broadcast: the broadcast join reports the collect to the driver and one copy per executor', () => {
    const job = traces('shuffle-vs-broadcast').at(-1)!;
    expect(job.strategy).toBe('BroadcastHashJoin');
    const copies = job.transfers.filter((t) => t.kind === 'broadcast');
    expect(new Set(copies.map((t) => t.toExecutor)).size).toBe(4);
    const text = caption(job);
    expect(text).toContain('No shuffle.');
    expect(text).toContain(`The build side (40 records, ${formatBytes(sum(job, 'collect'))}) was collected from 4 executors to the driver, ` +
      `which broadcast a copy to each of 4 executors: ${formatBytes(sum(job, 'broadcast'))} in total.`);
    // Each copy is the whole build side.
    expect(sum(job, 'broadcast')).toBe(4 * sum(job, 'collect'));
  });

  test('adaptive-broadcast: the replanned join shuffles the big side, and collects and broadcasts the small one', () => {
    const job = traces('adaptive-broadcast').at(-1)!;
    const text = caption(job);
    expect(text).toMatch(/Shuffle moved [\d,]+ records \([\d.]+ KB\) between executors/);
    expect(text).toMatch(/The build side \(40 records, [\d.]+ KB\) was collected from 4 executors to the driver, which broadcast a copy to each of 4 executors/);
    expect(text).toContain('AQE replanned SortMergeJoin as BroadcastHashJoin');
    // Orders are shuffled from the first column straight into the join, two columns on: the arrows start at the scan.
    const layout = layOut(job);
    const skipping = job.transfers.filter((t) => t.kind === 'shuffle' && t.fromExecutor !== t.toExecutor &&
      layout.places.get(t.toStage)!.col - layout.places.get(t.fromStage)!.col > 1);
    expect(skipping.length).toBeGreaterThan(0);
  });

  test('narrow-vs-wide: the narrow job moves nothing, the wide one shuffles', () => {
    const [narrow, , wide] = traces('narrow-vs-wide').slice(-3);
    expect(caption(narrow)).not.toMatch(/Shuffle moved|driver/);
    expect(caption(wide)).toMatch(/Shuffle moved [\d,]+ records/);
  });
});
