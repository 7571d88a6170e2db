/**
 * Draws a RunResult as DOM: a one-line summary (announced by the live region around it),
 * the error with its line, each check with expected vs received, console output, and the
 * diagram of the last engine job. Only textContent is used for learner-provided strings.
 */
import type { CheckResult, RunResult } from '../../runner/protocol.ts';
import { TRACE_SVG_CSS, renderTraceSvg } from '../diagram/render-trace.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Adds the diagram's rules to the page once (see renderTraceSvg's inlineStyle). */
export function ensureTraceStyles(): void {
  if (document.getElementById('sai-trace-css')) return;
  const style = el('style', undefined, TRACE_SVG_CSS);
  style.id = 'sai-trace-css';
  document.head.append(style);
}

const ERROR_TITLES = { syntax: 'Syntax error', runtime: 'Runtime error', timeout: 'Stopped: time limit' } as const;

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

function renderCheck(check: CheckResult): HTMLLIElement {
  const item = el('li', `sai-check sai-check--${check.status}`);
  const head = el('div', 'sai-check__head');
  head.append(el('span', 'sai-check__icon', check.status === 'passed' ? '✓' : '✗'));
  head.append(el('span', 'sai-visually-hidden', check.status === 'passed' ? 'Passed: ' : 'Failed: '));
  head.append(el('span', 'sai-check__name', check.name));
  item.append(head);
  if (check.status === 'failed') {
    if (check.message) item.append(el('p', 'sai-check__message', check.message));
    if (check.expected !== undefined || check.received !== undefined) {
      const diff = el('dl', 'sai-check__diff');
      diff.append(...diffRow('Expected', check.expected), ...diffRow('Received', check.received));
      item.append(diff);
    }
  }
  return item;
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
  diagramTitle: string,
): void {
  container.replaceChildren();
  const failed = result.status !== 'passed';
  const sentence = summarize(result, mode);
  container.append(el('p', `sai-result__summary sai-result__summary--${result.status}`, sentence));
  if (announcer) announcer.textContent = sentence;

  if (result.error) {
    const box = el('div', 'sai-result__error');
    const where = result.error.line ? `Line ${result.error.line}${result.error.column ? `, column ${result.error.column}` : ''}` : '';
    if (where) box.append(el('p', 'sai-result__where', where));
    box.append(el('pre', undefined, result.error.message));
    container.append(box);
  }

  if (result.checks.length > 0) {
    const list = el('ol', 'sai-checks');
    list.setAttribute('aria-label', 'Checks');
    // Failures first: they are what the learner needs to read.
    const ordered = [...result.checks].sort((a, b) => Number(a.status === 'passed') - Number(b.status === 'passed'));
    for (const check of ordered) list.append(renderCheck(check));
    container.append(list);
  }

  if (result.console.length > 0) {
    const details = el('details', 'sai-console');
    details.open = !failed || mode === 'example';
    details.append(el('summary', undefined, `Console output (${result.console.length} ${result.console.length === 1 ? 'line' : 'lines'})`));
    const pre = el('pre');
    for (const entry of result.console) {
      pre.append(el('span', `sai-console__${entry.level}`, entry.text + '\n'));
    }
    if (result.consoleTruncated) pre.append(el('span', 'sai-console__note', '… output was cut here (too long).'));
    details.append(pre);
    container.append(details);
  }

  const trace = result.traces.at(-1);
  if (trace) {
    const figure = el('figure', 'sai-diagram');
    ensureTraceStyles();
    figure.innerHTML = renderTraceSvg(trace, {
      title: diagramTitle,
      idPrefix: `run-${Math.random().toString(36).slice(2, 8)}`,
      inlineStyle: false,
    });
    container.append(figure);
  }
}
