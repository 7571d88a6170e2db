/**
 * Small helpers every diagram renderer shares: coordinates, escaped <text>, and rough text
 * fitting. Renderers build SVG as strings (no DOM), so they run in Node at build time and in
 * the browser after a Run, and the same trace always gives the same picture.
 */
import { clipText, escapeXml } from './format.ts';

/** The smallest text a diagram draws, in viewBox units; diagrams are shown at 1:1, so also CSS px. */
export const MIN_FONT = 12;

/** Rounds a coordinate so the output is short and free of float noise. */
export function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Longest value put in an attribute: ids are short; a longer one is an odd trace, cut so output stays small. */
const MAX_ATTR = 64;
/** Longest tooltip: room for a long stage name, but one huge name repeated per partition must not be. */
export const MAX_TOOLTIP = 300;

/**
 * A value from a trace, escaped for an attribute. Traces come from a run, so even a field typed as a
 * number may hold anything: every attribute built from one goes through here.
 */
export function attr(value: unknown): string {
  return escapeXml(clipText(String(value), MAX_ATTR));
}

/** An escaped <title> (a tooltip, and the full text of a label that was shortened). */
export function svgTitle(content: string): string {
  return `<title>${escapeXml(clipText(content, MAX_TOOLTIP))}</title>`;
}

/** An escaped <text> element; `extra` holds further attributes (trusted, built by the caller). */
export function svgText(x: number, y: number, cls: string, content: string, extra = ''): string {
  return `<text x="${r(x)}" y="${r(y)}" class="${cls}"${extra}>${escapeXml(content)}</text>`;
}

/** How many characters fit in `width` at `fontSize` (an average sans-serif glyph is ~0.56 em). */
function fits(width: number, fontSize: number): number {
  return Math.max(4, Math.floor(width / (fontSize * 0.56)));
}

export function truncate(text: string, width: number, fontSize: number): string {
  return clipText(text, fits(width, fontSize));
}

/** Word-wraps into lines that fit `width`; with `maxLines`, the last kept line ends in "…". */
export function wrap(text: string, width: number, fontSize: number, maxLines = Infinity): string[] {
  const max = fits(width, fontSize);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) lines.splice(maxLines - 1, Infinity, lines.slice(maxLines - 1).join(' '));
  // A single word longer than a line, or the rest joined into the last line, is cut with "…".
  return lines.map((l) => truncate(l, width, fontSize));
}

/** Sanitises an id prefix so it cannot break out of an attribute. */
export function safeId(prefix: string): string {
  return prefix.replace(/[^A-Za-z0-9_-]/g, '-');
}
