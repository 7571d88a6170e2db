/**
 * Draws a RunResult as DOM, read like a teacher would say it: a one-line summary that names
 * the first check to fix (announced by the live region around it); an error that stopped the
 * run, or one that crashed several checks alike, shown once at the top with its line; each
 * check (passed, failed: a wrong answer, or crashed: the code threw), the first one to fix
 * open with expected vs received and their differences marked, the others collapsed; what
 * the learner printed, always visible; and diagrams of the run's last jobs. Learner-provided
 * strings go in as textContent; the diagrams' HTML is built from escaped strings only
 * (diagram/trace-figure.ts).
 */
import { fitToRoom } from '../../runner/console-fit.ts';
import { CONSOLE_LIMIT_CHARS, CONSOLE_LIMIT_LINES } from '../../runner/protocol.ts';
import type { CheckResult, CheckStatus, CodeFrame, ConsoleEntry, RunResult } from '../../runner/protocol.ts';
import type { TraceKind } from '../../engine/traces.ts';
import { RENDERER_CSS } from '../diagram/renderer-css.ts';
import { diffValues, type DiffPart } from './value-diff.ts';

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

/** Where a crash happened, as the runner appends it to a crashed check's message. */
const LOCATION_SUFFIX = /\s*\(line \d+ of your code\)$/;

/** A crash message split into what was thrown (first line) and the rest (the input a property check found). */
function crashParts(message: string): { headline: string; rest: string } {
  const [headline, ...rest] = message.replace(LOCATION_SUFFIX, '').split('\n');
  return { headline, rest: rest.join('\n').trim() };
}

/** Checks that crashed with the same error: told once at the top rather than under each of them. */
export function sharedCrash(result: RunResult): { headline: string; line?: number; column?: number; callStack?: CodeFrame[]; count: number } | undefined {
  const crashed = result.checks.filter((c) => c.status === 'error');
  if (crashed.length < 2) return undefined;
  const first = crashed[0];
  const { headline } = crashParts(first.message ?? '');
  const alike = crashed.filter((c) => crashParts(c.message ?? '').headline === headline && c.line === first.line);
  // Shared only when it is the story of the run: most of what failed crashed this one way.
  const notPassed = result.checks.filter((c) => c.status !== 'passed').length;
  if (alike.length * 2 <= notPassed) return undefined;
  return { headline, line: first.line, column: first.column, callStack: first.callStack, count: alike.length };
}

/** One sentence that says how the run went; this is what screen readers hear. */
export function summarize(result: RunResult, mode: 'exercise' | 'example'): string {
  if (result.error) {
    const where = result.error.line ? ` on line ${result.error.line}` : '';
    return `${ERROR_TITLES[result.error.kind]}${where}: ${result.error.message}`;
  }
  if (mode === 'example') return `Ran in ${Math.round(result.durationMs)} ms.`;
  const passed = result.checks.filter((c) => c.status === 'passed').length;
  const total = result.checks.length;
  if (passed === total) return `All ${total} checks passed.`;
  const crash = sharedCrash(result);
  if (crash) {
    const where = crash.line ? ` on line ${crash.line}` : '';
    return `${passed} of ${total} checks passed. Your code threw an error${where} in ${crash.count} of them.`;
  }
  const first = result.checks.find((c) => c.status !== 'passed')!;
  return `${passed} of ${total} checks passed. First to fix: ${first.name}.`;
}

function diffRow(label: string, value: string | undefined, marked?: DiffPart[]): [HTMLElement, HTMLElement] {
  const cell = el('dd');
  // Long values scroll inside a box; tabindex lets keyboard users scroll it too.
  const pre = el('pre', 'sai-check__value');
  if (marked) pre.append(...marked.map((part) => (part.changed ? el('mark', 'sai-diff', part.text) : document.createTextNode(part.text))));
  else pre.textContent = value ?? '(nothing)';
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', `${label} value`);
  cell.append(pre);
  return [el('dt', undefined, label), cell];
}

/** How many checks are listed before the rest of a long list of failures is folded away. */
const CHECKS_SHOWN = 5;

/** Icon, words for screen readers, and a visible label where colour and icon are not enough. */
const CHECK_LOOK: Record<CheckStatus, { icon: string; said: string; label?: string }> = {
  passed: { icon: '✓', said: 'Passed: ' },
  failed: { icon: '✗', said: 'Failed: ', label: 'Wrong answer' },
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

/** The learner's own calls that led to an error, innermost first: the stack with everything else cut away. */
function callList(frames: readonly CodeFrame[] | undefined): HTMLElement[] {
  if (!frames || frames.length < 2) return [];
  const list = el('ol', 'sai-result__calls');
  list.setAttribute('aria-label', 'Calls in your code, innermost first');
  for (const frame of frames) list.append(el('li', undefined, `line ${frame.line}${frame.name ? `, in ${frame.name}` : ''}`));
  return [el('p', 'sai-result__calls-label', 'Where in your code (innermost call first):'), list];
}

function checkHead(check: CheckResult, tag: 'div' | 'summary'): HTMLElement {
  const look = CHECK_LOOK[check.status];
  const head = el(tag, 'sai-check__head');
  head.append(el('span', 'sai-check__icon', look.icon));
  head.append(el('span', 'sai-visually-hidden', look.said));
  head.append(el('span', 'sai-check__name', check.name));
  if (look.label) head.append(el('span', `sai-check__label sai-check__label--${check.status}`, look.label));
  return head;
}

/** Expected vs received, with the tokens that differ marked on each side. */
function valueDiff(check: CheckResult): HTMLElement {
  const box = el('dl', 'sai-check__diff');
  const { expected, received } = check;
  const marked = expected !== undefined && received !== undefined ? diffValues(expected, received) : undefined;
  box.append(...diffRow('Expected', expected, marked?.expected), ...diffRow('Received', received, marked?.received));
  return box;
}

/**
 * A passed check is one line; any other is a disclosure whose body says what went wrong, open
 * when it is the one to read first. `shared` is a crash already told at the top of the results.
 */
function renderCheck(check: CheckResult, open: boolean, shared: string | undefined): HTMLLIElement {
  const item = el('li', `sai-check sai-check--${check.status}`);
  if (check.status === 'passed') {
    item.append(checkHead(check, 'div'));
    return item;
  }
  const details = el('details', 'sai-check__details');
  details.open = open;
  details.append(checkHead(check, 'summary'));
  const message = check.message ?? '';
  const parts = crashParts(message);
  if (check.status === 'error' && shared !== undefined && parts.headline === shared) {
    details.append(el('p', 'sai-check__message', `The error shown above.${parts.rest ? ` ${parts.rest}` : ''}`));
  } else if (message) {
    details.append(el('p', 'sai-check__message', message));
    if (check.status === 'error') details.append(...callList(check.callStack));
  }
  if (check.status === 'failed' && (check.expected !== undefined || check.received !== undefined)) details.append(valueDiff(check));
  if (check.output && check.output.length > 0) {
    const box = el('div', 'sai-check__output');
    box.append(el('p', 'sai-check__output-label', 'Your code printed during this check:'));
    const pre = consoleLines(check.output);
    // Long output scrolls inside its box; tabindex lets keyboard users scroll it too.
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', `Output of check: ${check.name}`);
    box.append(pre);
    details.append(box);
  }
  item.append(details);
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
  const sentence = summarize(result, mode);
  out.append(el('p', `sai-result__summary sai-result__summary--${result.status}`, sentence));
  if (announcer) announcer.textContent = sentence;

  const crash = result.error ? undefined : sharedCrash(result);
  if (result.error || crash) {
    const line = result.error?.line ?? crash?.line;
    const column = result.error?.column ?? crash?.column;
    const box = el('div', 'sai-result__error');
    const where = line ? `Line ${line}${column ? `, column ${column}` : ''}` : '';
    const count = crash ? `${where ? ' · ' : ''}in ${crash.count} checks` : '';
    if (where || count) box.append(el('p', 'sai-result__where', where + count));
    box.append(el('pre', undefined, result.error?.message ?? crash!.headline));
    box.append(...callList(result.error?.callStack ?? crash?.callStack));
    out.append(box);
  }

  if (result.checks.length > 0) {
    // Failures first, in the order the checks ran: the first of them is the one to read.
    const ordered = [...result.checks].sort((a, b) => Number(a.status === 'passed') - Number(b.status === 'passed'));
    const items = ordered.map((check, i) => renderCheck(check, i === 0, crash?.headline));
    const list = el('ol', 'sai-checks');
    list.setAttribute('aria-label', 'Checks');
    // A long run of failures is a wall: the first few are listed, the rest wait behind one line.
    const failing = ordered.filter((c) => c.status !== 'passed').length;
    const shown = failing > CHECKS_SHOWN + 1 ? CHECKS_SHOWN : items.length;
    list.append(...items.slice(0, shown));
    out.append(list);
    if (shown < items.length) {
      const rest = ordered.slice(shown);
      const restFailing = rest.filter((c) => c.status !== 'passed').length;
      const passed = rest.length - restFailing;
      const more = el('details', 'sai-checks-more');
      more.append(el('summary', undefined, `${rest.length} more checks: ${restFailing} not passed${passed ? `, ${passed} passed` : ''}`));
      const restList = el('ol', 'sai-checks');
      restList.start = shown + 1;
      restList.setAttribute('aria-label', 'More checks');
      restList.append(...items.slice(shown));
      more.append(restList);
      out.append(more);
    }
  }

  if (result.console.length > 0) {
    // Open on every run, failing ones too: what the code printed is often the best clue.
    const details = el('details', 'sai-console');
    details.open = true;
    details.append(el('summary', undefined, `Console output (${result.console.length} ${result.console.length === 1 ? 'line' : 'lines'})`));
    const pre = consoleLines(result.console, result.consoleTruncated);
    // Long output scrolls inside its box; tabindex lets keyboard users scroll it too.
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', 'Console output');
    details.append(pre);
    out.append(details);
  }

  renderTraces(out, result.traces, Math.max(1, options.traces ?? 1));
  container.replaceChildren(out);
}
