/**
 * The page's side of the type-check worker: one worker per page, started on first use;
 * only the newest request per caller matters, older answers are dropped.
 */
import type { TypeDiagnostic } from './type-checker.ts';
import type { TypeCheckReply, TypeCheckRequest } from './typecheck-worker.ts';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (diagnostics: TypeDiagnostic[]) => void>();

function start(): Worker {
  const created = new Worker(new URL('./typecheck-worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<TypeCheckReply>) => {
    pending.get(event.data.id)?.(event.data.diagnostics);
    pending.delete(event.data.id);
  };
  created.onerror = () => {
    // Type checking is a help, not a requirement: if it cannot run, Run still works.
    for (const resolve of pending.values()) resolve([]);
    pending.clear();
  };
  return created;
}

/** Type errors in `code` against the declarations of `modules` (the exercise's modules). */
export function typeCheck(code: string, modules: readonly string[]): Promise<TypeDiagnostic[]> {
  worker ??= start();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    const request: TypeCheckRequest = { id, code, modules };
    worker!.postMessage(request);
  });
}
