/**
 * A module worker that type-checks the learner's code. Loaded when the editor is first used,
 * never on page load: the TypeScript compiler is large. Answers {id, code, modules} with
 * {id, diagnostics}, against the declarations of the modules the exercise uses.
 */
import ts from 'typescript';
import declarations from 'virtual:sai-declarations';
import { createTypeChecker, type TypeDiagnostic } from './type-checker.ts';

const libs = import.meta.glob<string>(['/node_modules/typescript/lib/lib.{es5,es20*,decorators*}.d.ts', '!**/*.full.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const libFiles = Object.fromEntries(Object.entries(libs).map(([path, text]) => [path.slice('/node_modules/typescript/lib/'.length), text]));

export interface TypeCheckRequest {
  id: number;
  code: string;
  modules: readonly string[];
}
export interface TypeCheckReply {
  id: number;
  diagnostics: TypeDiagnostic[];
}

/** One checker per set of modules (a page's exercises usually share one). */
const checkers = new Map<string, Promise<(code: string) => TypeDiagnostic[]>>();

function checkerFor(modules: readonly string[]): Promise<(code: string) => TypeDiagnostic[]> {
  const key = [...modules].sort().join(' ');
  let checker = checkers.get(key);
  if (!checker) {
    checker = Promise.all(modules.filter((name) => declarations[name]).map(async (name) => (await declarations[name]()).default)).then(
      (types) => createTypeChecker(ts, { modules: types, libs: libFiles }),
    );
    checkers.set(key, checker);
  }
  return checker;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (event: MessageEvent<TypeCheckRequest>) => {
  const { id, code, modules } = event.data;
  void checkerFor(modules).then((check) => {
    const reply: TypeCheckReply = { id, diagnostics: check(code) };
    scope.postMessage(reply);
  });
});
