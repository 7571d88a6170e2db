/**
 * Every renderer's rules, without the renderers: the page adds them once when an island starts
 * (adding a <style> later restyles the whole page in the middle of drawing a result), while the
 * drawing code itself loads with the first result that has a diagram.
 */
import type { TraceKind } from '../../engine/traces.ts';
import { SPARK_JOB_SVG_CSS } from './spark-job/style.ts';

export const RENDERER_CSS: Record<TraceKind, string> = {
  'spark-job': SPARK_JOB_SVG_CSS,
};
