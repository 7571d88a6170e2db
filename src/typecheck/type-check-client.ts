/**
 * The page's side of the type-check worker: one worker per page, started on first use. Requests
 * on a channel (one per editor and kind) replace each other: an older one still waiting resolves
 * with `undefined` at once, so only the answer for the newest code reaches the editor.
 */
import type { TypeDiagnostic } from './type-checker.ts';
import type { ServiceAnswers, ServiceKind, TypeCheckReply, TypeCheckRequest } from './typecheck-worker.ts';

interface Pending {
  channel?: string;
  resolve(answer: unknown): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
/** Set once the worker could not start (its script did not load): later requests fail at once. */
let broken: Error | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function start(): Worker {
  const created = new Worker(new URL('./typecheck-worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<TypeCheckReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiting) return;
    if ('error' in reply) waiting.reject(new Error(reply.error));
    else waiting.resolve('stale' in reply ? undefined : reply.answer);
  };
  created.onerror = (event) => {
    // The script did not load (offline, blocked) or failed at start: nothing more will come.
    event.preventDefault();
    broken = new Error(`The type checker could not start: ${event.message || 'its script did not load'}`);
    for (const waiting of pending.values()) waiting.reject(broken);
    pending.clear();
  };
  return created;
}

/**
 * Asks the language service; resolves with `undefined` when a newer request on the same channel
 * replaced this one, rejects when the service cannot answer (it did not load).
 */
export function ask<K extends ServiceKind>(
  kind: K,
  request: { code: string; modules: readonly string[]; pos?: number; channel?: string },
): Promise<ServiceAnswers[K] | undefined> {
  if (broken) return Promise.reject(broken);
  worker ??= start();
  const id = nextId++;
  if (request.channel) {
    for (const [otherId, other] of pending) {
      if (other.channel !== request.channel) continue;
      other.resolve(undefined);
      pending.delete(otherId);
    }
  }
  return new Promise((resolve, reject) => {
    pending.set(id, { channel: request.channel, resolve: resolve as (answer: unknown) => void, reject });
    const message: TypeCheckRequest = { id, kind, ...request };
    worker!.postMessage(message);
  });
}

/** Type errors in `code` against the declarations of `modules` (the exercise's modules). */
export async function typeCheck(code: string, modules: readonly string[]): Promise<TypeDiagnostic[]> {
  // Type checking is a help, not a requirement: if it cannot run, Run still works.
  return (await ask('diagnostics', { code, modules }).catch(() => undefined)) ?? [];
}
