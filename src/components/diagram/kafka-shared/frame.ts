/**
 * The outside of every Kafka picture: an SVG with role=img named by its <title> and described by
 * its <desc> (the full text alternative), the renderer's rules unless the page carries them, and
 * the title drawn as a heading with, under it, what the picture leaves out of a big trace.
 */
import { escapeXml as esc } from '../format.ts';
import { MIN_FONT, safeId, svgText, svgTitle, truncate, wrap } from '../svg.ts';

export const PAD = 12;
const TITLE_FONT = 14;
export const LINE = 16;

export interface Heading {
  svg: string[];
  /** Where the picture's content starts. */
  bottom: number;
}

/** The title (on up to two lines), then the wrapped sentence saying what was left out (if any). */
export function drawHeading(title: string, leftOut: string, width: number): Heading {
  const titleLines = wrap(title, width - PAD * 2, TITLE_FONT, 2);
  const svg = titleLines.map((line, i) => svgText(PAD, PAD + TITLE_FONT + i * 18, 'kd-fg kd-strong', line, ` font-size="${TITLE_FONT}"`));
  const titleY = PAD + TITLE_FONT + (titleLines.length - 1) * 18;
  const lines = leftOut ? wrap(leftOut, width - PAD * 2, MIN_FONT) : [];
  lines.forEach((line, i) => svg.push(svgText(PAD, titleY + 18 + i * LINE, 'kd-fg kd-left-out', line)));
  return { svg, bottom: titleY + 14 + lines.length * LINE };
}

/** A label cut to `width`; when cut, its full text is the tooltip. */
export function fittedText(x: number, y: number, cls: string, text: string, width: number, extra = ''): string {
  const shown = truncate(text, width, MIN_FONT);
  const drawn = svgText(x, y, cls, shown, extra);
  return shown === text ? drawn : `<g>${svgTitle(text)}${drawn}</g>`;
}

export interface Document {
  idPrefix: string;
  title: string;
  description: string;
  css: string;
  inlineStyle?: boolean;
  width: number;
  height: number;
  body: string[];
}

export function svgDocument(d: Document): string {
  const p = safeId(d.idPrefix);
  const width = Math.ceil(d.width);
  const height = Math.ceil(d.height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sai-trace" id="${p}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${p}-title ${p}-desc">`,
    `<title id="${p}-title">${esc(d.title)}</title>`,
    `<desc id="${p}-desc">${esc(d.description)}</desc>`,
    ...(d.inlineStyle === false ? [] : [`<style>${d.css}</style>`]),
    ...d.body,
    '</svg>',
  ].join('\n');
}
