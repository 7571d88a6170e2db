/**
 * The arrows: shuffles between executors (solid, width = bytes), a build side collected from the
 * executors to the driver (dotted), and the driver's broadcast of one copy to each executor
 * (dashed). Line patterns, not only colours, tell the three apart.
 */
import type { TraceTransfer } from '../../../engine/spark/job-trace.ts';
import { formatBytes, formatCount, formatRecords } from '../format.ts';
import { attr, r, svgText, svgTitle } from '../svg.ts';
import type { Layout } from './layout.ts';
import { DRIVER_H, DRIVER_W, GUTTER_W } from './layout.ts';
import { compareIds, maxOf } from './normalize.ts';

const MAX_STROKE = 5;
/** Collect and broadcast lines: every copy of a broadcast is the same value, so one width. */
const DRIVER_STROKE = 2;

interface Point {
  x: number;
  y: number;
}

/** A filled arrow head whose tip is at `tip`, pointing away from `from`; `base` is where the line should end. */
function arrowHead(tip: Point, from: Point, w: number, cls: string): { base: Point; svg: string } {
  const len = 5 + w * 1.1;
  const half = 3 + w * 0.7;
  const d = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / d;
  const uy = (tip.y - from.y) / d;
  const bx = tip.x - ux * len;
  const by = tip.y - uy * len;
  const svg = `<path class="${cls}" d="M${r(tip.x)} ${r(tip.y)}L${r(bx - uy * half)} ${r(by + ux * half)}L${r(bx + uy * half)} ${r(by - ux * half)}Z"/>`;
  return { base: { x: tip.x - ux * (len - 1), y: tip.y - uy * (len - 1) }, svg };
}

function group(t: TraceTransfer, tip: string, body: string): string {
  return `<g class="sd-transfer" data-kind="${attr(t.kind)}" data-from="${attr(t.fromExecutor)}" data-to="${attr(t.toExecutor)}" ` +
    `data-from-stage="${attr(t.fromStage)}" data-to-stage="${attr(t.toStage)}">${svgTitle(tip)}${body}</g>`;
}

/** Spreads the several arrows at one lane over the slot height so they do not share a point. */
function port(mid: number, slotH: number, i: number, n: number): number {
  return n <= 1 ? mid : mid - slotH * 0.35 + (slotH * 0.7 * i) / (n - 1);
}

function byOrder(a: TraceTransfer, b: TraceTransfer): number {
  return compareIds(a.toStage, b.toStage) || compareIds(a.fromStage, b.fromStage) ||
    compareIds(a.fromExecutor, b.fromExecutor) || compareIds(a.toExecutor, b.toExecutor);
}

/**
 * Each arrow's place among the arrows that share an end (`key`), and how many share it: one pass
 * over arrows already in drawing order, instead of searching them all for each arrow.
 */
function ports(arrows: readonly TraceTransfer[], key: (t: TraceTransfer) => string): (t: TraceTransfer) => { i: number; n: number } {
  const place = new Map<TraceTransfer, number>();
  const sharing = new Map<string, number>();
  for (const t of arrows) {
    const k = key(t);
    const i = sharing.get(k) ?? 0;
    place.set(t, i);
    sharing.set(k, i + 1);
  }
  return (t) => ({ i: place.get(t) ?? 0, n: sharing.get(key(t)) ?? 1 });
}

export function drawShuffles(layout: Layout): string[] {
  const { places, colX, colW, gutters } = layout;
  const shuffles = layout.drawn.filter((t) => t.kind === 'shuffle').sort(byOrder);
  const widest = maxOf(shuffles, (t) => t.bytes, 1);
  // Ids may be strings in an odd trace: JSON keeps 1 and "1" apart.
  const outOf = ports(shuffles, (t) => JSON.stringify([t.fromStage, t.toStage, t.fromExecutor]));
  const inTo = ports(shuffles, (t) => JSON.stringify([t.toStage, t.toExecutor]));
  const out: string[] = [];
  for (const t of shuffles) {
    const to = places.get(t.toStage);
    if (!to) continue;
    const from = places.get(t.fromStage);
    const outs = outOf(t);
    const ins = inTo(t);
    const dst = layout.subRow(to, t.toExecutor);
    const y1 = port(dst.mid, dst.slotH, ins.i, ins.n);
    const w = Math.max(1.25, (MAX_STROKE * t.bytes) / widest);
    const tip = { x: colX[to.col] - 2, y: y1 };
    const head = arrowHead(tip, { x: tip.x - 10, y: y1 }, w, 'sd-shuffle-head');
    const end = head.base;
    let d: string;
    if (from && from.col < to.col) {
      // From the source stage's own column, wherever it is.
      const src = layout.subRow(from, t.fromExecutor);
      const y0 = port(src.mid, src.slotH, outs.i, outs.n);
      const sx = colX[from.col] + colW + 2;
      if (from.col === to.col - 1) {
        const mx = (sx + end.x) / 2;
        d = `M${r(sx)} ${r(y0)}C${r(mx)} ${r(y0)} ${r(mx)} ${r(y1)} ${r(end.x)} ${r(y1)}`;
      } else {
        // Skipping columns: down into the gap under the source lane, along it, then up to the target,
        // turning in the last GUTTER_W of the gutter (a wider one also holds the driver's lines).
        const yc = layout.channelY(t.fromExecutor);
        const g1 = colX[from.col + 1] - 4;
        const g2 = colX[to.col] - Math.min(gutters[to.col], GUTTER_W) + 4;
        const m1 = (sx + g1) / 2;
        const m2 = (g2 + end.x) / 2;
        d = `M${r(sx)} ${r(y0)}C${r(m1)} ${r(y0)} ${r(m1)} ${r(yc)} ${r(g1)} ${r(yc)}H${r(g2)}C${r(m2)} ${r(yc)} ${r(m2)} ${r(y1)} ${r(end.x)} ${r(y1)}`;
      }
    } else {
      // The source stage is not in the trace (or not to the left): start in the target's gutter.
      const src = layout.subRow(to, t.fromExecutor);
      const y0 = port(src.mid, src.slotH, outs.i, outs.n);
      const sx = colX[to.col] - gutters[to.col] + 2;
      const mx = (sx + end.x) / 2;
      d = `M${r(sx)} ${r(y0)}C${r(mx)} ${r(y0)} ${r(mx)} ${r(y1)} ${r(end.x)} ${r(y1)}`;
    }
    const text = `Shuffle from executor ${t.fromExecutor} to executor ${t.toExecutor}: ${formatRecords(t.records)}, ${formatBytes(t.bytes)}`;
    out.push(group(t, text, `<path class="sd-shuffle" stroke-width="${r(w)}" stroke-opacity="0.8" d="${d}"/>${head.svg}`));
  }
  return out;
}

/**
 * Collect arrows run from each executor's part of the build side up into the driver, and the
 * broadcast fans out from the driver to each executor that reads it. Both nest (the top lane
 * outermost) so no two lines cross.
 */
export function drawDriver(layout: Layout): string[] {
  const out: string[] = [];
  const lanes = new Map(layout.executors.map((e, i) => [e.id, i]));
  const n = Math.max(1, layout.executors.length);
  const step = n > 1 ? (DRIVER_W / 2 - 8) / (n - 1) : 0;
  const byGutter = new Map<number, TraceTransfer[]>();
  for (const t of layout.drawn) {
    const k = layout.driverGutter(t);
    if (k === undefined) continue;
    const list = byGutter.get(k);
    if (list) list.push(t);
    else byGutter.set(k, [t]);
  }
  for (const k of layout.driverGutters) {
    const driver = layout.driverAt(k);
    const here = (byGutter.get(k) ?? []).sort(byOrder);
    const collects = here.filter((t) => t.kind === 'collect');
    const broadcasts = here.filter((t) => t.kind === 'broadcast');
    for (const t of collects) {
      const from = layout.places.get(t.fromStage);
      if (!from) continue;
      const i = lanes.get(t.fromExecutor) ?? 0;
      const sx = layout.colX[from.col] + layout.colW + 2;
      const sy = layout.subRow(from, t.fromExecutor).mid;
      const tip = { x: driver.x - DRIVER_W / 2 + 6 + i * step, y: driver.bottom + 1 };
      const head = arrowHead(tip, { x: tip.x, y: tip.y + 10 }, DRIVER_STROKE, 'sd-collect-head');
      const text = `Collect from executor ${t.fromExecutor} to the driver: ${formatRecords(t.records)}, ${formatBytes(t.bytes)}`;
      out.push(group(t, text, `<path class="sd-collect" stroke-width="${DRIVER_STROKE}" ` +
        `d="M${r(sx)} ${r(sy)}Q${r(tip.x)} ${r(sy)} ${r(head.base.x)} ${r(head.base.y)}"/>${head.svg}`));
    }
    for (const t of broadcasts) {
      const to = layout.places.get(t.toStage);
      if (!to) continue;
      const i = lanes.get(t.toExecutor) ?? 0;
      const sx = driver.x + DRIVER_W / 2 - 6 - i * step;
      const sy = driver.bottom;
      const dst = layout.subRow(to, t.toExecutor);
      const tip = { x: layout.colX[to.col] - 2, y: dst.mid };
      const head = arrowHead(tip, { x: tip.x - 10, y: tip.y }, DRIVER_STROKE, 'sd-broadcast-head');
      const text = `Broadcast from the driver to executor ${t.toExecutor}: ${formatRecords(t.records)}, ${formatBytes(t.bytes)}`;
      out.push(group(t, text, `<path class="sd-broadcast" stroke-width="${DRIVER_STROKE}" ` +
        `d="M${r(sx)} ${r(sy)}Q${r(sx)} ${r(tip.y)} ${r(head.base.x)} ${r(head.base.y)}"/>${head.svg}`));
    }
    const got = collects.reduce((s, t) => ({ records: s.records + t.records, bytes: s.bytes + t.bytes }), { records: 0, bytes: 0 });
    const parts = [
      collects.length > 0 ? `received ${formatRecords(got.records)} (${formatBytes(got.bytes)}) from ${formatCount(new Set(collects.map((t) => t.fromExecutor)).size)} executor(s)` : '',
      broadcasts.length > 0 ? `sent a copy to ${formatCount(broadcasts.length)} executor(s)` : '',
    ].filter(Boolean);
    out.push(`<g class="sd-driver-node">${svgTitle(`Driver: ${parts.join('; ')}`)}` +
      `<rect class="sd-driver" x="${r(driver.x - DRIVER_W / 2)}" y="${r(driver.bottom - DRIVER_H)}" width="${DRIVER_W}" height="${DRIVER_H}" rx="${DRIVER_H / 2}"/>` +
      svgText(driver.x, driver.bottom - 7, 'sd-fg sd-strong', 'Driver', ' text-anchor="middle"') + '</g>');
  }
  return out;
}
