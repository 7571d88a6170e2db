/**
 * A module worker running TypeScript's language service over the learner's code: type errors,
 * and the editor's completions, hover and signature help. Loaded when the learner first focuses
 * an editor or the page is idle, never with the page: the TypeScript compiler is large. Answers
 * each request against the declarations of the modules the exercise uses.
 */
import ts from 'typescript';
import declarations from 'virtual:sai-declarations';
import { createCodeAssist, type CodeAssist, type Completions, type QuickInfo, type SignatureHelp } from './code-assist.ts';
import { createLearnerService, diagnosticsOf, type TypeDiagnostic } from './type-checker.ts';

const libs = import.meta.glob<string>(['/node_modules/typescript/lib/lib.{es5,es20*,decorators*}.d.ts', '!**/*.full.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const libFiles = Object.fromEntries(Object.entries(libs).map(([path, text]) => [path.slice('/node_modules/typescript/lib/'.length), text]));

/** What each kind of request answers. `load` builds the service and checks `code` (if nothing else waits), so later requests are quick. */
export interface ServiceAnswers {
  load: null;
  diagnostics: TypeDiagnostic[];
  completions: Completions;
  quickInfo: QuickInfo | null;
  signatureHelp: SignatureHelp | null;
}
export type ServiceKind = keyof ServiceAnswers;

export interface TypeCheckRequest {
  id: number;
  kind: ServiceKind;
  code: string;
  modules: readonly string[];
  /** Offset in `code` (completions, quickInfo, signatureHelp). */
  pos?: number;
  /** Requests on one channel replace each other: only the newest waiting one is answered. */
  channel?: string;
}
export type TypeCheckReply =
  | { id: number; answer: ServiceAnswers[ServiceKind] }
  | { id: number; error: string }
  /** A newer request on the same channel arrived before this one was reached. */
  | { id: number; stale: true };

interface Service extends CodeAssist {
  diagnostics(code: string): TypeDiagnostic[];
}

/** One service per set of modules (a page's exercises usually share one). */
const services = new Map<string, Promise<Service>>();

function serviceFor(modules: readonly string[]): Promise<Service> {
  const key = [...modules].sort().join(' ');
  let service = services.get(key);
  if (!service) {
    service = Promise.all(modules.filter((name) => declarations[name]).map(async (name) => (await declarations[name]()).default)).then((types) => {
      const learner = createLearnerService(ts, { modules: types, libs: libFiles });
      return { diagnostics: diagnosticsOf(ts, learner), ...createCodeAssist(ts, learner) };
    });
    // A chunk that failed to load may load on a later try.
    service.catch(() => services.delete(key));
    services.set(key, service);
  }
  return service;
}

function answer(service: Service, { kind, code, pos = 0 }: TypeCheckRequest): ServiceAnswers[ServiceKind] {
  switch (kind) {
    case 'load':
      // Checking once warms the service up, unless the editor is already waiting on it.
      if (queue.length === 0) service.diagnostics(code);
      return null;
    case 'diagnostics':
      return service.diagnostics(code);
    case 'completions':
      return service.completions(code, pos);
    case 'quickInfo':
      return service.quickInfo(code, pos);
    case 'signatureHelp':
      return service.signatureHelp(code, pos);
  }
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const queue: TypeCheckRequest[] = [];
let draining = false;

/** Answers waiting requests in order, skipping those a newer one on their channel replaces. */
async function drain(): Promise<void> {
  draining = true;
  // Let the messages already sent arrive first, so a burst of typing costs one answer, not one per key.
  await new Promise((resolve) => setTimeout(resolve, 0));
  while (queue.length > 0) {
    const request = queue.shift()!;
    if (request.channel && queue.some((later) => later.channel === request.channel)) {
      scope.postMessage({ id: request.id, stale: true } satisfies TypeCheckReply);
      continue;
    }
    let reply: TypeCheckReply;
    try {
      reply = { id: request.id, answer: answer(await serviceFor(request.modules), request) };
    } catch (error) {
      reply = { id: request.id, error: String(error) };
    }
    scope.postMessage(reply);
  }
  draining = false;
}

scope.addEventListener('message', (event: MessageEvent<TypeCheckRequest>) => {
  queue.push(event.data);
  if (!draining) void drain();
});
