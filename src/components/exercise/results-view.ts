/**
 * Draws a RunResult as DOM: a one-line summary (announced by the live region around it),
 * the error with its line, each check (passed, failed: a wrong answer, or crashed: the code
 * threw) with expected vs received and what the learner printed during it, console output,
 * and diagrams of the run's last jobs. Learner-provided strings go in as textContent; the
 * diagrams' HTML is built from escaped strings only (diagram/trace-figure.ts).
 */
import { fitToRoom } from '../../runner/console-fit.ts';
import { CONSOLE_LIMIT_CHARS, CONSOLE_LIMIT_LINES } from '../../runner/protocol.ts';
import type { CheckResult, CheckStatus, ConsoleEntry, RunResult } from '../../runner/protocol.ts';
import type { TraceKind } from '../../engine/traces.ts';
import { RENDERER_CSS } from '../diagram/renderer-css.ts';

/** The diagram code, loaded with the first result that has a diagram (the rest of a result never waits for it). */
type Figures = typeof import('../diagram/trace-figure.ts');
let figures: Figures | undefined;
function withFigures(draw: (module: Figures) => void): void {
  if (figures) return draw(figures);
  void import('../diagram/trace-figure.ts').then((module) => {
    figures = module;
    draw(module);
  });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Adds every diagram renderer's rules to the page once (see DrawOptions.inlineStyle). */
export function ensureTraceStyles(): void {
  for (const [kind, css] of Object.entries(RENDERER_CSS) as Array<[TraceKind, string]>) {
    const id = `sai-trace-css-${kind}`;
    if (document.getElementById(id)) continue;
    const style = el('style', undefined, css);
    style.id = id;
    document.head.append(style);
  }
}

const ERROR_TITLES = { syntax: 'Syntax error', runtime: 'Runtime error', timeout: 'Stopped: time limit', stopped: 'Stopped' } as const;

/** One sentence that says how the run went; this is what screen readers hear. */
export function summarize(result: RunResult, mode: 'exercise' | 'example'): string {
  if (result.error) {
    const where = result.error.line ? ` on line ${result.error.line}` : '';
    return `${ERROR_TITLES[result.error.kind]}${where}: ${result.error.message}`;
  }
  if (mode === 'example') return `Ran in ${Math.round(result.durationMs)} ms.`;
  const passed = result.checks.filter((c) => c.status === 'passed').length;
  const total = result.checks.length;
  return passed === total ? `All ${total} checks passed.` : `${passed} of ${total} checks passed.`;
}

function diffRow(label: string, value: string | undefined): [HTMLElement, HTMLElement] {
  const cell = el('dd');
  // Long values scroll inside a box; tabindex lets keyboard users scroll it too.
  const pre = el('pre', 'sai-check__value', value ?? '(nothing)');
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', `${label} value`);
  cell.append(pre);
  return [el('dt', undefined, label), cell];
}

/** Icon, words for screen readers, and a visible label where colour and icon are not enough. */
const CHECK_LOOK: Record<CheckStatus, { icon: string; said: string; label?: string }> = {
  passed: { icon: '✓', said: 'Passed: ' },
  failed: { icon: '✗', said: 'Failed: ' },
  // U+FE0E: the text form of the sign, not an emoji.
  error: { icon: '⚠\uFE0E', said: 'Crashed: ', label: 'Crashed' },
};

/**
 * Console output as text, drawn up to the runner's own limits (lines counted as drawn, line breaks
 * inside an entry included), with a note when something was left out.
 */
function consoleLines(entries: readonly ConsoleEntry[], truncated = false): HTMLPreElement {
  const pre = el('pre');
  const room = { lines: CONSOLE_LIMIT_LINES, chars: CONSOLE_LIMIT_CHARS };
  let cut = truncated;
  for (const entry of entries) {
    if (room.lines <= 0) {
      cut = true;
      break;
    }
    const fitted = fitToRoom(entry.text, room);
    room.lines -= fitted.lines;
    room.chars -= fitted.text.length;
    pre.append(el('span', `sai-console__${entry.level}`, fitted.text + '\n'));
    if (fitted.cut) {
      cut = true;
      break;
    }
  }
  if (cut) pre.append(el('span', 'sai-console__note', '… output was cut here (too long).'));
  return pre;
}

function renderCheck(check: CheckResult): HTMLLIElement {
  const look = CHECK_LOOK[check.status];
  const item = el('li', `sai-check sai-check--${check.status}`);
  const head = el('div', 'sai-check__head');
  head.append(el('span', 'sai-check__icon', look.icon));
  head.append(el('span', 'sai-visually-hidden', look.said));
  head.append(el('span', 'sai-check__name', check.name));
  if (look.label) head.append(el('span', 'sai-check__label', look.label));
  item.append(head);
  if (check.status !== 'passed' && check.message) item.append(el('p', 'sai-check__message', check.message));
  if (check.status === 'failed' && (check.expected !== undefined || check.received !== undefined)) {
    const diff = el('dl', 'sai-check__diff');
    diff.append(...diffRow('Expected', check.expected), ...diffRow('Received', check.received));
    item.append(diff);
  }
  if (check.output && check.output.length > 0) {
    const box = el('div', 'sai-check__output');
    box.append(el('p', 'sai-check__output-label', 'Your code printed during this check:'));
    const pre = consoleLines(check.output);
    // Long output scrolls inside its box; tabindex lets keyboard users scroll it too.
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `Output of check: ${check.name}`);
    box.append(pre);
    item.append(box);
  }
  return item;
}

export interface ResultViewOptions {
  /**
   * How many of the run's last traces to draw, in run order (1 by default); the earlier ones the
   * run kept follow, newest first, in a collapsed list.
   */
  traces?: number;
}

/** Markup (built from escaped strings only, see trace-figure.ts) as nodes, parsed inert in a template. */
function parsed(html: string): DocumentFragment {
  const template = el('template');
  template.innerHTML = html;
  return template.content;
}

function drawSafely(draw: () => string): string | undefined {
  try {
    return draw();
  } catch {
    return undefined;
  }
}

/** Draws the run's traces: the last `open` ones as figures, the earlier ones collapsed. */
function renderTraces(container: ParentNode, traces: readonly unknown[], open: number): void {
  if (traces.length === 0) return;
  ensureTraceStyles();
  // A place held in the result, filled when the diagram code is there (at once after the first time).
  const slot = el('div', 'sai-trace-slot');
  container.append(slot);
  withFigures(({ traceFigureHtml, traceFiguresHtml }) => {
    const idPrefix = `run-${Math.random().toString(36).slice(2, 8)}`;
    const shown = traces.slice(-open);
    const earlier = traces.slice(0, traces.length - shown.length).reverse();
    // A renderer that cannot draw a trace costs the picture, never the rest of the result.
    const drawn = drawSafely(() => traceFiguresHtml(shown, { idPrefix, inlineStyle: false }));
    if (drawn === undefined) return void slot.append(el('p', 'sai-trace-error', 'The diagram of this run could not be drawn.'));
    slot.append(parsed(drawn));
    if (earlier.length === 0) return;
    const details = el('details', 'sai-trace-earlier');
    details.append(el('summary', undefined, `Earlier jobs of this run (${earlier.length}), newest first`));
    // Drawn when first opened: most runs never open them, and every drawn picture costs layout time.
    details.addEventListener(
      'toggle',
      () => {
        const drawn = drawSafely(() => earlier.map((trace, i) => traceFigureHtml(trace, { idPrefix: `${idPrefix}-earlier-${i}`, inlineStyle: false })).join(''));
        details.append(drawn === undefined ? el('p', 'sai-trace-error', 'These diagrams could not be drawn.') : parsed(drawn));
      },
      { once: true },
    );
    slot.append(details);
  });
}

/**
 * Renders the result into `container`; `announcer` (a role=status element) gets only the
 * one-line summary, so screen readers hear how the run went, not every check and value.
 */
export function renderResult(
  container: HTMLElement,
  announcer: HTMLElement | null,
  result: RunResult,
  mode: 'exercise' | 'example',
  options: ResultViewOptions = {},
): void {
  // Built apart and put in with one replaceChildren: the old result stays until the new one is whole.
  const out = document.createDocumentFragment();
  const failed = result.status !== 'passed';
  const sentence = summarize(result, mode);
  out.append(el('p', `sai-result__summary sai-result__summary--${result.status}`, sentence));
  if (announcer) announcer.textContent = sentence;

  if (result.error) {
    const box = el('div', 'sai-result__error');
    const where = result.error.line ? `Line ${result.error.line}${result.error.column ? `, column ${result.error.column}` : ''}` : '';
    if (where) box.append(el('p', 'sai-result__where', where));
    box.append(el('pre', undefined, result.error.message));
    out.append(box);
  }

  if (result.checks.length > 0) {
    const list = el('ol', 'sai-checks');
    list.setAttribute('aria-label', 'Checks');
    // Failures first: they are what the learner needs to read.
    const ordered = [...result.checks].sort((a, b) => Number(a.status === 'passed') - Number(b.status === 'passed'));
    for (const check of ordered) list.append(renderCheck(check));
    out.append(list);
  }

  if (result.console.length > 0) {
    const details = el('details', 'sai-console');
    details.open = !failed || mode === 'example';
    details.append(el('summary', undefined, `Console output (${result.console.length} ${result.console.length === 1 ? 'line' : 'lines'})`));
    details.append(consoleLines(result.console, result.consoleTruncated));
    out.append(details);
  }

  renderTraces(out, result.traces, Math.max(1, options.traces ?? 1));
  container.replaceChildren(out);
}
