/**
 * What a diagram renderer for one trace kind provides. Every kind in src/engine/traces.ts has one,
 * listed in renderers.ts; the page never draws a trace any other way.
 */
import type { Trace } from '../../engine/traces.ts';

export interface DrawOptions {
  /** Visible heading and accessible name of the picture. */
  title: string;
  /** Prefix for every id in the SVG, so several diagrams can share a page. */
  idPrefix: string;
  /** false: the page provides the renderer's `css` once instead of a <style> in every SVG. */
  inlineStyle?: boolean;
}

export interface Drawing {
  /** An SVG with role=img, a <title> and a <desc> (the renderer's description). */
  svg: string;
  /** Natural width in CSS px: the picture is shown at this size and scrolls when the page is narrower. */
  width: number;
}

export interface TraceRenderer<T extends Trace> {
  kind: T['kind'];
  /** The one version of the kind this renderer reads; any other is refused with a sentence, never drawn. */
  version: T['version'];
  /** Default heading, e.g. "Job 0: count". */
  title(trace: T): string;
  draw(trace: T, options: DrawOptions): Drawing;
  /** What happened, in a few sentences: shown next to the picture. */
  caption(trace: T): string;
  /** The full text alternative (the SVG's <desc>): the caption, then details. */
  description(trace: T): string;
  /** Rules for the SVG's classes, for pages that add them once (DrawOptions.inlineStyle = false). */
  css: string;
}
