/**
 * The rebalance picture, drawn from real rebalances (tests/unit/engine/kafka/trace-runs.ts): a
 * member joins while the first one has read p1 without committing it, so p1 moves and its new
 * owner reads 0-9 again; the picture and the caption say who moved, where each owner starts and
 * what is read twice. Then a picture made too late, a big group and odd traces.
 */
import { describe, expect, test } from 'vitest';
import { resolveTrace } from '../../../src/components/diagram/renderers.ts';
import { MAX_MEMBERS, MAX_ROWS } from '../../../src/components/diagram/kafka-rebalance/selection.ts';
import { rebalanceTrace, type KafkaRebalanceTrace } from '../../../src/engine/kafka/index.ts';
import { joinWhileUncommitted } from '../engine/kafka/trace-runs.ts';
import { count, drawChecked, medians } from './kafka-contract.ts';

const { cluster, atRebalancing } = await joinWhileUncommitted((c) => rebalanceTrace(c, c.rebalances().at(-1)!, { fromBeginning: true }));
await cluster.drain();
const [first, second] = cluster.rebalances();
const old = [...first!.after.keys()][0]!;
const joined = second!.members[0]!;

/** The texts of one partition's row. */
const rowTexts = (svg: string, label: string) =>
  [...(svg.match(new RegExp(`<g class="kr-row" data-partition="${label}"[^]*?</g>(?=<g class="kr-row"|\\n)`))?.[0] ?? '').matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('a real rebalance', () => {
  test('made when the first member notices: p1 moves to the new member, which reads 0-9 again from the log start', () => {
    expect(atRebalancing.length).toBe(1);
    const { svg, texts, caption, description } = drawChecked(atRebalancing[0]);
    expect(texts).toContain(`Group sink: ${joined} joined at ${second!.time} ms.`);
    expect(texts).toEqual(expect.arrayContaining(['Before (generation 1)', 'After (generation 2)', `${old}: p0, p1`, `${old}: p0`, `${joined} (joined): p1`]));
    expect(rowTexts(svg, 'p0')).toEqual(expect.arrayContaining(['p0', `${old} (keeps it)`, 'start 10 (committed); nothing read twice']));
    expect(rowTexts(svg, 'p1')).toEqual(expect.arrayContaining(['p1', `${old} → ${joined}`, 'start 0 (log start); reads 0-9 again']));
    expect(svg).toContain('data-partition="p1" data-moved="true"');
    expect(svg).toContain('data-partition="p0" data-moved="false"');
    // The re-read range spans the whole bar of p1 (0 to its previous position 10); two starts, two previous positions.
    expect(count(svg, /<rect class="kd-reread"/)).toBe(2); // the range, and the legend's
    expect(count(svg, /<path class="kd-committed"/)).toBe(3);
    expect(count(svg, /<path class="kd-position"/)).toBe(3);
    expect(caption).toBe(`Group sink rebalanced at ${second!.time} ms (generation 1 → 2) because ${joined} joined. 1 of 2 partitions moved: p1 ${old} → ${joined}. ` +
      '10 records will be read again, read before the rebalance but not committed: p1:0-9.');
    expect(description).toContain(`Before: ${old} (p0 and p1). After: ${old} (p0) and ${joined} (p1).`);
    expect(description).toContain(`p1: ${old} → ${joined}; starts at 0, the log start (nothing committed, fromBeginning); previous position 10; reads 0-9 again.`);
  });

  test('made after the drain: owners, but no start or re-read is claimed', () => {
    const { svg, caption } = drawChecked(rebalanceTrace(cluster, second!));
    expect(rowTexts(svg, 'p1')).toContain('start not known');
    expect(svg).not.toContain('class="kd-reread"');
    expect(caption).toContain('Where the new owner started is not known for p0 and p1: the picture was made after they began reading.');
    expect(caption).not.toContain('read again');
  });

  test('a skip: a new owner starting at the high watermark past the previous position', () => {
    const trace: KafkaRebalanceTrace = { ...atRebalancing[0]!, partitions: atRebalancing[0]!.partitions.map((p) => (p.partition === 1
      ? { ...p, start: 10, startSource: 'high-watermark', previousPosition: 4, reread: null, skipped: { from: 4, to: 9 } } : p)) };
    const { svg, caption } = drawChecked(trace);
    expect(rowTexts(svg, 'p1')).toContain('start 10 (high watermark); skips 4-9');
    expect(count(svg, /<rect class="kd-skipped"/)).toBe(2);
    expect(caption).toContain('6 records will never be read, the new owner starting past where the previous one stopped: p1:4-9.');
  });
});

function bigGroup(partitions: number, members: number): KafkaRebalanceTrace {
  const ids = Array.from({ length: members }, (_, i) => `m-${i}`);
  const owner = (p: number, n: number) => ids[p % n]!;
  return {
    kind: 'kafka-rebalance', version: 1, groupId: 'big', cause: 'leave', changed: [ids.at(-1)!], time: 5, generation: { from: 3, to: 4 },
    before: ids.map((member, i) => ({ member, partitions: Array.from({ length: partitions }, (_, p) => p).filter((p) => p % members === i).map((partition) => ({ topic: 't', partition })) })),
    after: ids.slice(0, -1).map((member, i) => ({ member, partitions: Array.from({ length: partitions }, (_, p) => p).filter((p) => p % (members - 1) === i).map((partition) => ({ topic: 't', partition })) })),
    partitions: Array.from({ length: partitions }, (_, partition) => ({
      topic: 't', partition, from: owner(partition, members), to: owner(partition, members - 1),
      start: 100, startSource: 'committed', previousPosition: 120, reread: { from: 100, to: 119 }, skipped: null,
    })),
  };
}

describe('a big group', () => {
  test('draws a few rows and members, and says what it left out; the caption counts everything', () => {
    const trace = bigGroup(500, 60);
    const { svg, texts, caption } = drawChecked(trace);
    expect(count(svg, /<g class="kr-row"/)).toBe(MAX_ROWS);
    expect(texts).toContain(`Showing ${MAX_ROWS} of 500 partitions, those that moved first. Showing ${MAX_MEMBERS} of 60 members per side.`);
    expect(texts).toContain('+50 more members');
    const moved = trace.partitions.filter((p) => p.from !== p.to).length;
    expect(caption).toContain(`${moved} of 500 partitions moved:`);
    expect(caption).toContain('10,000 records will be read again');
    expect(caption.length).toBeLessThan(1000);
    expect(svg.length).toBeLessThan(60_000);
  });

  test('drawing grows linearly', () => {
    const [small, large] = medians([bigGroup(1000, 50), bigGroup(4000, 200)]);
    const times = `N: ${small!.toFixed(1)} ms, 4N: ${large!.toFixed(1)} ms`;
    expect(large! / Math.max(small!, 0.5), times).toBeLessThan(8);
  });
});

describe('odd rebalances', () => {
  test('hostile names, a missing generation and junk offsets', () => {
    const { svg, caption } = drawChecked({
      kind: 'kafka-rebalance', version: 1, groupId: '<g>', cause: '<why>', changed: ['<m>'], time: 'soon', generation: null,
      before: [{ member: '<m>', partitions: [{ topic: 't', partition: 0 }] }, 3], after: [],
      partitions: [{ topic: 't', partition: 0, from: '<m>', to: null, start: -1, startSource: 'bogus', previousPosition: 7, reread: { from: 5, to: 1 }, skipped: null }],
    });
    expect(svg).not.toContain('<m>');
    expect(caption).toContain('Group <g> rebalanced at 0 ms (<why>: <m>).');
    expect(caption).toContain('1 of 1 partition moved: p0 <m> → nobody.');
    expect(caption).toContain('Where the new owner started is not known for p0');
  });

  test('an unknown version is refused with a sentence', () => {
    expect(resolveTrace({ ...bigGroup(2, 2), version: 7 })).toEqual({ ok: false,
      message: "This run recorded a 'kafka-rebalance' trace of version 7, which this page cannot draw. Reload the page to get the current version." });
  });
});
