/**
 * Draws a 'kafka-rebalance' trace: the members before and after with their partitions, then one
 * row per partition: its owner change, a small offset bar (to scale within the row) with where the
 * new owner starts (diamond) and where the previous owner had got to (triangle), the range read
 * again filled and the range never read dashed, and the same in words beside it.
 */
import type { KafkaRebalanceTrace } from '../../../engine/traces.ts';
import { clipText, formatCount } from '../format.ts';
import type { DrawOptions, Drawing } from '../renderer.ts';
import { MIN_FONT, attr, r, svgText, svgTitle, wrap } from '../svg.ts';
import { LINE, PAD, drawHeading, fittedText, svgDocument } from '../kafka-shared/frame.ts';
import { drawLegend, type LegendItem } from '../kafka-shared/legend.ts';
import { spanText, type Span } from '../kafka-shared/read.ts';
import { partitionLabel, readRebalance, type Member, type RebalanceView, type Row } from './normalize.ts';
import { MAX_MEMBERS, leftOutSentence, selectRows } from './selection.ts';
import { rebalanceDescription } from './summarize.ts';
import { KAFKA_REBALANCE_CSS } from './style.ts';

const LABEL_W = 80;
const OWNER_W = 170;
const BAR_W = 200;
const NOTE_W = 290;
const ROW_H = 26;
const WIDTH = PAD * 2 + LABEL_W + OWNER_W + BAR_W + 12 + NOTE_W;

export function rebalanceTitle(trace: KafkaRebalanceTrace): string {
  const view = readRebalance(trace);
  return clipText(`Rebalance of group ${view.groupId}`, 120);
}

const CHANGE: Record<string, string> = { join: 'joined', leave: 'left', expire: 'expired' };

function drawMembers(view: RebalanceView, top: number): { svg: string[]; bottom: number } {
  const colW = (WIDTH - PAD * 2 - 24) / 2;
  const out: string[] = [];
  let bottom = top;
  const changed = new Set(view.changed);
  const column = (x: number, heading: string, members: Member[]) => {
    out.push(svgText(x, top + 13, 'kd-fg kd-strong', heading));
    let y = top + 13 + LINE + 2;
    if (members.length === 0) out.push(svgText(x, y, 'kd-muted', 'no members'));
    for (const m of members.slice(0, MAX_MEMBERS)) {
      const mark = changed.has(m.member) ? ` (${CHANGE[view.cause] ?? 'changed'})` : '';
      const parts = m.partitions.length === 0 ? 'nothing' : m.partitions.map((p) => partitionLabel(view, p)).join(', ');
      out.push(fittedText(x, y, mark ? 'kd-fg kd-strong' : 'kd-fg', `${m.member}${mark}: ${parts}`, colW));
      y += LINE;
    }
    if (members.length > MAX_MEMBERS) out.push(svgText(x, y, 'kd-muted', `+${formatCount(members.length - MAX_MEMBERS)} more members`));
    y += members.length > MAX_MEMBERS || members.length === 0 ? LINE : 0;
    bottom = Math.max(bottom, y);
  };
  const gen = (n: number | null) => (n === null ? '' : ` (generation ${formatCount(n)})`);
  column(PAD, `Before${gen(view.generation.from)}`, view.before);
  column(PAD + colW + 24, `After${gen(view.generation.to)}`, view.after);
  return { svg: out, bottom };
}

const SHORT: Record<string, string> = { committed: 'committed', 'log-start': 'log start', 'high-watermark': 'high watermark' };

function note(row: Row): string {
  if (row.start === null) return `start not known${row.previousPosition === null ? '' : `; previous position ${formatCount(row.previousPosition)}`}`;
  const parts = [`start ${formatCount(row.start)}${row.startSource ? ` (${SHORT[row.startSource]})` : ''}`];
  if (row.reread) parts.push(`reads ${spanText(row.reread)} again`);
  if (row.skipped) parts.push(`skips ${spanText(row.skipped)}`);
  if (!row.reread && !row.skipped) parts.push(row.previousPosition !== null ? 'nothing read twice' : row.from !== null ? 'previous position unknown' : 'no previous owner');
  return parts.join('; ');
}

function drawRow(view: RebalanceView, row: Row, y: number, used: Set<string>): string {
  const out: string[] = [];
  const label = partitionLabel(view, row);
  out.push(fittedText(PAD, y + 16, 'kd-fg kd-strong', label, LABEL_W - 8));
  const moved = row.from !== row.to;
  const owner = moved ? `${row.from ?? 'nobody'} → ${row.to ?? 'nobody'}` : `${row.to ?? 'nobody'} (keeps it)`;
  out.push(fittedText(PAD + LABEL_W, y + 16, moved ? 'kd-fg kd-strong' : 'kd-muted', owner, OWNER_W - 10));
  const bx = PAD + LABEL_W + OWNER_W;
  const ends = [1, row.start ?? 0, row.previousPosition ?? 0, row.reread ? row.reread.to + 1 : 0, row.skipped ? row.skipped.to + 1 : 0];
  const domain = Math.max(...ends);
  const x = (o: number) => bx + (o / domain) * BAR_W;
  const barY = y + 12;
  out.push(`<rect class="kd-cell" x="${r(bx)}" y="${r(barY)}" width="${BAR_W}" height="8"/>`);
  const range = (s: Span, cls: string, what: string) => {
    used.add(cls);
    const w = Math.max(3, x(s.to + 1) - x(s.from));
    out.push(`<g>${svgTitle(`${what}: ${spanText(s)}`)}<rect class="${cls}" x="${r(x(s.from))}" y="${r(barY - 1)}" width="${r(w)}" height="10"/></g>`);
  };
  if (row.reread) range(row.reread, 'kd-reread', 'Read again');
  if (row.skipped) range(row.skipped, 'kd-skipped', 'Never read');
  if (row.previousPosition !== null) {
    used.add('position');
    const px = x(row.previousPosition);
    out.push(`<g>${svgTitle(`Previous position ${formatCount(row.previousPosition)}`)}<path class="kd-position" d="M${r(px - 5)} ${r(barY - 10)}H${r(px + 5)}L${r(px)} ${r(barY - 1)}Z"/></g>`);
  }
  if (row.start !== null) {
    used.add('start');
    const sx = x(row.start);
    out.push(`<g>${svgTitle(`New owner starts at ${formatCount(row.start)}`)}<path class="kd-committed" d="M${r(sx)} ${r(barY + 3)}L${r(sx + 5)} ${r(barY + 9)}L${r(sx)} ${r(barY + 15)}L${r(sx - 5)} ${r(barY + 9)}Z"/></g>`);
  }
  out.push(svgText(bx, barY + 24, 'kd-muted', '0'));
  out.push(svgText(bx + BAR_W, barY + 24, 'kd-muted', formatCount(domain), ' text-anchor="end"'));
  out.push(fittedText(bx + BAR_W + 12, y + 16, 'kd-fg', note(row), NOTE_W - 4));
  return `<g class="kr-row" data-partition="${attr(label)}" data-moved="${moved}">${out.join('')}</g>`;
}

export function renderRebalance(trace: KafkaRebalanceTrace, options: DrawOptions): Drawing {
  const view = readRebalance(trace);
  const heading = drawHeading(options.title, leftOutSentence(view), WIDTH);
  const body = [...heading.svg];
  let y = heading.bottom;
  const cause = view.changed.length > 0 ? `${view.changed.join(', ')} ${CHANGE[view.cause] ?? view.cause}` : view.cause;
  for (const line of wrap(`Group ${view.groupId}: ${cause} at ${formatCount(view.time)} ms.`, WIDTH - PAD * 2, MIN_FONT, 2)) {
    body.push(svgText(PAD, y + 12, 'kd-fg', line));
    y += LINE;
  }
  const members = drawMembers(view, y + 4);
  body.push(...members.svg);
  y = members.bottom + 6;
  body.push(`<line class="kd-rule" x1="${PAD}" x2="${WIDTH - PAD}" y1="${r(y)}" y2="${r(y)}"/>`);
  y += 4;
  const used = new Set<string>();
  const rows = selectRows(view);
  if (rows.length === 0) {
    body.push(svgText(PAD, y + 16, 'kd-muted', 'No partitions.'));
    y += ROW_H;
  } else {
    for (const [text, x] of [['partition', PAD], ['owner', PAD + LABEL_W], ['offsets', PAD + LABEL_W + OWNER_W], ['', 0]] as const) {
      if (text) body.push(svgText(x, y + 14, 'kd-muted', text));
    }
    y += 18;
  }
  for (const row of rows) {
    body.push(drawRow(view, row, y, used));
    y += ROW_H + 12;
  }
  const items: LegendItem[] = [];
  if (used.has('start')) items.push({ w: 10, label: 'start: where the new owner reads first', swatch: '<path class="kd-committed" d="M5 -10L10 -4.5L5 1L0 -4.5Z"/>' });
  if (used.has('position')) items.push({ w: 10, label: "previous owner's position", swatch: '<path class="kd-position" d="M0 -9H10L5 0Z"/>' });
  if (used.has('kd-reread')) items.push({ w: 22, label: 'read again', swatch: '<rect class="kd-reread" x="0" y="-9" width="22" height="10"/>' });
  if (used.has('kd-skipped')) items.push({ w: 22, label: 'never read', swatch: '<rect class="kd-skipped" x="0" y="-9" width="22" height="10"/>' });
  const legend = drawLegend(items, y, WIDTH);
  body.push(legend.svg);
  const svg = svgDocument({
    idPrefix: options.idPrefix, title: options.title, description: rebalanceDescription(trace), css: KAFKA_REBALANCE_CSS,
    inlineStyle: options.inlineStyle, width: WIDTH, height: legend.bottom + PAD, body,
  });
  return { svg, width: Math.ceil(WIDTH) };
}
