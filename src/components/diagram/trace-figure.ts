/**
 * A trace as HTML: its picture in a figure with the caption that says in words what it shows, or
 * the sentence that explains why it cannot be drawn. One builder for the build-time pages
 * (TraceDiagram.astro) and for results drawn after a Run (results-view.ts), so both look and read
 * the same. Every string from a trace is escaped here or by the renderer, so the result may be
 * inserted as HTML. Styles: diagram.css.
 */
import { escapeXml as esc } from './format.ts';
import { resolveTrace } from './renderers.ts';

export interface FigureOptions {
  /** Heading and accessible name; defaults to the renderer's (e.g. "Job 0: count"). */
  title?: string;
  /** Unique on the page. */
  idPrefix: string;
  /** false when the page carries the renderers' CSS (see ensureTraceStyles). */
  inlineStyle?: boolean;
}

export function traceFigureHtml(trace: unknown, options: FigureOptions): string {
  const resolved = resolveTrace(trace);
  if (!resolved.ok) return `<p class="sai-trace-unsupported" role="note">${esc(resolved.message)}</p>`;
  const { renderer, trace: t } = resolved;
  const { svg, width } = renderer.draw(t, {
    title: options.title ?? renderer.title(t),
    idPrefix: options.idPrefix,
    inlineStyle: options.inlineStyle,
  });
  return [
    `<figure class="sai-trace-figure not-content" data-trace-kind="${esc(t.kind)}" style="--sai-trace-width:${Math.ceil(width)}px">`,
    // Seen only when the picture is wider than the figure (diagram.css); the caption says it all in words anyway.
    '<p class="sai-trace-figure__hint" aria-hidden="true"><span>Scroll sideways to see it all →</span></p>',
    // Focusable so keyboard users can scroll it too.
    `<div class="sai-trace-figure__scroll" tabindex="0">${svg}</div>`,
    `<figcaption>${esc(renderer.caption(t))}</figcaption>`,
    '</figure>',
  ].join('');
}

/** Several traces (oldest first): side by side when there is room, stacked otherwise. */
export function traceFiguresHtml(traces: readonly unknown[], options: Omit<FigureOptions, 'title'> & { titles?: readonly (string | undefined)[] }): string {
  const figures = traces.map((trace, i) =>
    traceFigureHtml(trace, { ...options, title: options.titles?.[i], idPrefix: `${options.idPrefix}-${i}` }));
  return `<div class="sai-trace-figures">${figures.join('')}</div>`;
}
