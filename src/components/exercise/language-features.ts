/**
 * The editor's type hints: completions that know the type before the dot, the type under the
 * pointer, and the signature of the call being typed, all from TypeScript's language service in
 * the type-check worker. The service is large, so it loads when the learner first focuses the
 * exercise or the page is idle, never with the page and never in the way of Run; until it is
 * there completions come from the flat list of engine names. A status line near the editor says
 * when it is loading and when it could not load.
 */
import { autocompletion, completeFromList, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { EditorView, ViewPlugin, closeHoverTooltips, hasHoverTooltips, hoverTooltip, keymap, showTooltip, type Tooltip } from '@codemirror/view';
import type { CompletionItem, Completions, QuickInfo, SignatureHelp } from '../../typecheck/code-assist.ts';

type Client = typeof import('../../typecheck/type-check-client.ts');
export type AssistState = 'idle' | 'loading' | 'ready' | 'unavailable';

const STATUS_TEXT: Record<AssistState, string> = {
  idle: '',
  loading: 'Loading type hints…',
  ready: '',
  unavailable: 'Type hints unavailable (offline?) — Run still works',
};
/** How long completions asked for while the service loads wait for it before the flat list answers. */
const COMPLETION_WAIT_MS = 4000;

let clientChunk: Promise<Client> | undefined;
/** One load per set of modules, shared by the page's exercises. */
const loads = new Map<string, Promise<Client>>();

function loadService(modules: readonly string[], code: string): Promise<Client> {
  const key = [...modules].sort().join(' ');
  let load = loads.get(key);
  if (!load) {
    clientChunk ??= import('../../typecheck/type-check-client.ts');
    load = clientChunk.then(async (client) => {
      await client.ask('load', { code, modules });
      return client;
    });
    loads.set(key, load);
  }
  return load;
}

export interface LanguageFeaturesOptions {
  modules: readonly string[];
  /** Offered while the service loads or when it could not. */
  fallback: readonly Completion[];
  /** Where the loading and unavailable status is written. */
  status: HTMLElement | null;
}

export interface LanguageFeatures {
  /** The editor extensions (completions, hover, signature help). */
  extension: Extension;
  /** Starts loading the service when `element` first gets focus or the page is idle. */
  loadWhenWanted(element: HTMLElement): void;
}

let editors = 0;

export function languageFeatures({ modules, fallback, status }: LanguageFeaturesOptions): LanguageFeatures {
  const editorId = ++editors;
  let state: AssistState = 'idle';
  let client: Client | undefined;
  let ready: Promise<Client> | undefined;
  let view: EditorView | undefined;

  const setState = (next: AssistState) => {
    state = next;
    if (!status) return;
    status.dataset.assistState = next;
    status.textContent = STATUS_TEXT[next];
  };

  const load = (): Promise<Client> => {
    if (ready) return ready;
    setState('loading');
    ready = loadService(modules, view?.state.doc.toString() ?? '');
    ready.then(
      (loaded) => {
        client = loaded;
        setState('ready');
      },
      () => setState('unavailable'),
    );
    return ready;
  };

  /** Asks the service if it is ready; `undefined` when not, replaced by a newer request, or failed. */
  const ask = async <K extends 'completions' | 'quickInfo' | 'signatureHelp'>(kind: K, code: string, pos: number) => {
    if (!client) return undefined;
    return client.ask(kind, { code, pos, modules, channel: `${editorId}:${kind}` }).catch(() => undefined);
  };

  const flatList = completeFromList(fallback);
  const completions = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]+/);
    const afterDot = context.state.sliceDoc((word?.from ?? context.pos) - 1, word?.from ?? context.pos) === '.';
    if (!word && !afterDot && !context.explicit) return null;
    let found: Completions | undefined;
    if (state === 'ready') {
      found = await ask('completions', context.state.doc.toString(), context.pos);
    } else if (state === 'loading' && clientChunk) {
      // Asked now, the question waits in the worker behind the load (which then skips its warm-up);
      // if the load takes too long, the flat list answers instead.
      const question = clientChunk.then((loaded) =>
        loaded.ask('completions', { code: context.state.doc.toString(), pos: context.pos, modules, channel: `${editorId}:completions` }),
      );
      const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), COMPLETION_WAIT_MS));
      const answer = await Promise.race([question, timeout]).catch(() => 'failed' as const);
      if (answer === 'late' || answer === 'failed') return flatList(context);
      found = answer;
    } else {
      return flatList(context);
    }
    if (!found || context.aborted) return null;
    return {
      from: word?.from ?? context.pos,
      options: found.items.map(toCompletion),
      validFor: /^[\w$]*$/,
    };
  };

  const hover = hoverTooltip(async (hovered, pos): Promise<Tooltip | null> => {
    const doc = hovered.state.doc;
    const info = await ask('quickInfo', doc.toString(), pos);
    if (!info || hovered.state.doc !== doc || !(info.display || info.doc)) return null;
    return { pos: info.from, end: info.to, above: true, create: () => ({ dom: quickInfoDom(info) }) };
  });

  const signature = signatureHelp((code, pos) => ask('signatureHelp', code, pos));

  const tracker = ViewPlugin.define((created) => {
    view = created;
    return {};
  });

  return {
    extension: [
      tracker,
      autocompletion({ override: [completions] }),
      hover,
      signature,
      keymap.of([
        {
          key: 'Escape',
          run: (target) => {
            if (!hasHoverTooltips(target.state)) return false;
            target.dispatch({ effects: closeHoverTooltips });
            return true;
          },
        },
      ]),
      hintTheme,
    ],
    loadWhenWanted(element) {
      element.addEventListener('focusin', () => void load().catch(() => undefined), { once: true });
      // A learner who asked to save data fetches the megabyte only when they start on an exercise.
      if ((navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData) return;
      const whenIdle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 2000));
      whenIdle(() => void load().catch(() => undefined));
    },
  };
}

/** CodeMirror's completion types (its icons) for TypeScript's element kinds. */
const COMPLETION_TYPES: Record<string, string> = {
  method: 'method',
  function: 'function',
  'local function': 'function',
  property: 'property',
  getter: 'property',
  setter: 'property',
  class: 'class',
  'local class': 'class',
  interface: 'interface',
  type: 'type',
  enum: 'enum',
  'enum member': 'enum',
  var: 'variable',
  let: 'variable',
  const: 'constant',
  'local var': 'variable',
  parameter: 'variable',
  alias: 'variable',
  module: 'namespace',
  keyword: 'keyword',
};

/** A type as long as this fits beside the name; longer ones are shortened there and shown in full in the info. */
const DETAIL_CHARS = 48;

function toCompletion(item: CompletionItem): Completion {
  // Beside the name, what follows it in the declaration: "(method) RDD<Row>.count(): number" gives "(): number".
  const escaped = item.name.replace(/[$]/g, '\\$&');
  const after = item.detail?.match(new RegExp(`(?:^|[\\s.])${escaped}(?=[(<:?])(.*)$`, 's'))?.[1];
  const short = after && after.length > DETAIL_CHARS ? after.slice(0, DETAIL_CHARS - 1) + '…' : after;
  const rank = Number.parseInt(item.sortText, 10);
  return {
    label: item.name,
    type: COMPLETION_TYPES[item.kind] ?? 'variable',
    detail: short,
    info: item.detail ? [item.detail, item.doc].filter(Boolean).join('\n\n') : undefined,
    // TypeScript ranks locals before globals; equal matches keep that order.
    boost: Number.isFinite(rank) ? Math.max(-99, Math.min(99, 20 - rank)) : 0,
  };
}

function quickInfoDom(info: QuickInfo): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'sai-hint';
  const code = document.createElement('code');
  code.className = 'sai-hint__code';
  code.textContent = info.display;
  dom.append(code);
  if (info.doc) dom.append(paragraph(info.doc));
  return dom;
}

function paragraph(text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = 'sai-hint__doc';
  p.textContent = text;
  return p;
}

// ---- signature help: a tooltip above the cursor while it is inside a call's parentheses ----

const setSignature = StateEffect.define<{ pos: number; help: SignatureHelp } | null>();

const signatureField = StateField.define<{ pos: number; help: SignatureHelp } | null>({
  create: () => null,
  update(value, transaction) {
    let next = value && transaction.docChanged ? { ...value, pos: transaction.changes.mapPos(value.pos) } : value;
    for (const effect of transaction.effects) if (effect.is(setSignature)) next = effect.value;
    return next;
  },
  provide: (field) =>
    showTooltip.from(field, (value): Tooltip | null =>
      value ? { pos: value.pos, above: true, create: () => ({ dom: signatureDom(value.help) }) } : null,
    ),
});

function signatureHelp(ask: (code: string, pos: number) => Promise<SignatureHelp | null | undefined>): Extension {
  const requester = ViewPlugin.define((view) => {
    let latest = 0;
    const request = () => {
      const seq = ++latest;
      const { doc } = view.state;
      const pos = view.state.selection.main.head;
      void ask(doc.toString(), pos).then((help) => {
        // Only the answer for the text and cursor as they still are: newer requests win.
        if (seq !== latest || help === undefined || view.state.doc !== doc || view.state.selection.main.head !== pos) return;
        if (!help && !view.state.field(signatureField)) return;
        view.dispatch({ effects: setSignature.of(help ? { pos, help } : null) });
      });
    };
    return {
      update(update) {
        const open = update.state.field(signatureField) !== null;
        let typedOpener = false;
        update.changes.iterChanges((_fromA, _toA, _fromB, _toB, inserted) => {
          if (/[(,]/.test(inserted.toString())) typedOpener = true;
        });
        // Opened by typing `(` or `,`; once open, every edit or move updates it (or closes it outside the call).
        if (typedOpener || (open && (update.docChanged || update.selectionSet))) request();
      },
    };
  });
  return [
    signatureField,
    requester,
    keymap.of([
      {
        key: 'Escape',
        run: (view) => {
          if (!view.state.field(signatureField)) return false;
          view.dispatch({ effects: setSignature.of(null) });
          return true;
        },
      },
    ]),
  ];
}

function signatureDom(help: SignatureHelp): HTMLElement {
  const dom = document.createElement('div');
  dom.className = 'sai-hint sai-hint--signature';
  const signature = help.signatures[help.activeSignature] ?? help.signatures[0];
  const active = signature.parameters[help.activeParameter];
  const code = document.createElement('code');
  code.className = 'sai-hint__code';
  if (active) {
    const strong = document.createElement('strong');
    strong.className = 'sai-hint__active';
    strong.textContent = signature.label.slice(active.from, active.to);
    code.append(signature.label.slice(0, active.from), strong, signature.label.slice(active.to));
  } else {
    code.textContent = signature.label;
  }
  dom.append(code);
  const doc = active?.doc || signature.doc;
  if (doc) dom.append(paragraph(doc));
  if (help.signatures.length > 1) dom.append(paragraph(`${help.activeSignature + 1} of ${help.signatures.length} signatures`));
  return dom;
}

// Colours from the editor's palette (exercise.css), so the hints read like the code in both themes.
const hintTheme = EditorView.theme({
  '.sai-hint': {
    padding: '0.35rem 0.6rem',
    maxWidth: 'min(36rem, calc(100vw - 2rem))',
    fontSize: '0.8125rem',
    lineHeight: '1.45',
    overflowWrap: 'anywhere',
  },
  '.sai-hint__code': {
    display: 'block',
    fontFamily: 'var(--sl-font-mono, ui-monospace, monospace)',
    whiteSpace: 'pre-wrap',
    color: 'var(--sai-code-text)',
    background: 'none',
    padding: '0',
  },
  '.sai-hint__active': { color: 'var(--sai-code-function)', textDecoration: 'underline', fontWeight: '700' },
  '.sai-hint__doc': { margin: '0.3rem 0 0', color: 'var(--sai-code-text)', whiteSpace: 'pre-wrap' },
  '.cm-completionInfo': { maxWidth: 'min(28rem, calc(100vw - 2rem))', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});
