/**
 * Which renderer draws which trace kind. To add a kind: add its trace type to the union in
 * src/engine/traces.ts, write its renderer in a folder here (see spark-job/), and list it below;
 * the type check fails until every kind has an entry.
 *
 * Readers check the version: a trace of a kind or version this page does not know (a page older
 * than the worker that ran the code, say) becomes a sentence saying so, never a broken picture.
 */
import type { Trace, TraceKind } from '../../engine/traces.ts';
import { kafkaCrashMapRenderer } from './kafka-crash-map/index.ts';
import { kafkaPartitionsRenderer } from './kafka-partitions/index.ts';
import { kafkaRebalanceRenderer } from './kafka-rebalance/index.ts';
import type { TraceRenderer } from './renderer.ts';
import { sparkJobRenderer } from './spark-job/index.ts';

type Renderers = { [K in TraceKind]: TraceRenderer<Extract<Trace, { kind: K }>> };

export const RENDERERS: Renderers = {
  'spark-job': sparkJobRenderer,
  'kafka-partitions': kafkaPartitionsRenderer,
  'kafka-crash-map': kafkaCrashMapRenderer,
  'kafka-rebalance': kafkaRebalanceRenderer,
};

export type Resolved =
  | { ok: true; renderer: TraceRenderer<Trace>; trace: Trace }
  | { ok: false; message: string };

const RELOAD = 'Reload the page to get the current version.';

/** A short, printable rendering of a value taken from an unknown trace. */
function shown(value: unknown): string {
  const s = String(value).replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** The renderer for this trace, or the sentence to show instead of a picture. */
export function resolveTrace(trace: unknown): Resolved {
  const kind = (trace as { kind?: unknown } | null)?.kind;
  const version = (trace as { version?: unknown } | null)?.version;
  if (typeof kind !== 'string') {
    return { ok: false, message: `This run recorded a trace this page cannot read. ${RELOAD}` };
  }
  if (!Object.hasOwn(RENDERERS, kind)) {
    return { ok: false, message: `This run recorded a '${shown(kind)}' trace, which this page cannot draw. ${RELOAD}` };
  }
  const renderer = RENDERERS[kind as TraceKind] as TraceRenderer<Trace>;
  if (version !== renderer.version) {
    return { ok: false, message: `This run recorded a '${shown(kind)}' trace of version ${shown(version)}, which this page cannot draw. ${RELOAD}` };
  }
  return { ok: true, renderer, trace: trace as Trace };
}
