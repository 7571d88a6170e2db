/** A legend of only what a picture uses: a swatch and a label per item, wrapped to the width. */
import { MIN_FONT, r, svgText } from '../svg.ts';
import { PAD } from './frame.ts';

export interface LegendItem {
  /** SVG drawn with its left edge at 0 and the text's baseline at 0. */
  swatch: string;
  /** The swatch's width. */
  w: number;
  label: string;
}

const ROW = 22;

/** Draws from `top`; returns the SVG and the y under the legend. */
export function drawLegend(items: readonly LegendItem[], top: number, width: number): { svg: string; bottom: number } {
  const out: string[] = [];
  let x = PAD;
  let y = top + 12;
  for (const item of items) {
    const itemW = item.w + 6 + item.label.length * MIN_FONT * 0.56 + 18;
    if (x > PAD && x + itemW > width - PAD) {
      x = PAD;
      y += ROW;
    }
    out.push(`<g transform="translate(${r(x)} ${r(y)})">${item.swatch}${svgText(item.w + 6, 0, 'kd-fg', item.label)}</g>`);
    x += itemW;
  }
  return { svg: `<g class="kd-legend">${out.join('')}</g>`, bottom: items.length === 0 ? top : y + 8 };
}
