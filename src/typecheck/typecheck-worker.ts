/**
 * A module worker that type-checks the learner's code. Loaded on the first edit, never on
 * page load: the TypeScript compiler is large. Answers {id, code} with {id, diagnostics}.
 */
import ts from 'typescript';
import { createTypeChecker, type TypeDiagnostic } from './type-checker.ts';

const engine = import.meta.glob<string>('/src/engine/**/*.ts', { query: '?raw', import: 'default', eager: true });
const libs = import.meta.glob<string>(['/node_modules/typescript/lib/lib.{es5,es20*,decorators*}.d.ts', '!**/*.full.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

const strip = (files: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(files).map(([path, text]) => [path.slice(prefix.length), text]));

const check = createTypeChecker(ts, { engine: strip(engine, '/src/engine/'), libs: strip(libs, '/node_modules/typescript/lib/') });

export interface TypeCheckRequest {
  id: number;
  code: string;
}
export interface TypeCheckReply {
  id: number;
  diagnostics: TypeDiagnostic[];
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<TypeCheckRequest>) => {
  const reply: TypeCheckReply = { id: event.data.id, diagnostics: check(event.data.code) };
  scope.postMessage(reply);
});
