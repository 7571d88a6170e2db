/**
 * Type errors for the learner's code, from TypeScript's own language service over an
 * in-memory file system: the learner's file, the public declarations of the modules the
 * exercise uses (generated from each module's entry with internals stripped: see
 * src/modules/declarations.ts), the ES2023 standard library and a small ambient declaration for
 * `console`. Pure: the worker (browser) and the tests (Node) give it the TypeScript module and the files.
 */
import type * as TS from 'typescript';

export interface TypeDiagnostic {
  /** 1-based line and column in the learner's code; `to*` is where the underline ends. */
  line: number;
  column: number;
  toLine: number;
  toColumn: number;
  message: string;
}

export const LEARNER_PATH = '/learner.ts';
/** Where module declarations live in the in-memory file system. */
const MODULES_DIR = '/sai/';
const LIB_DIR = '/lib/';

/** What a run sees besides the engine: the console (captured by the runner) and timers. */
export const RUNNER_GLOBALS = `
interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void; }
declare var console: Console;
declare function setTimeout(handler: (...args: unknown[]) => void, timeout?: number, ...args: unknown[]): number;
declare function clearTimeout(id: number | undefined): void;
declare function queueMicrotask(callback: () => void): void;
`;

/** One module's declarations: its import name, its entry file and every file, by path. */
export interface ModuleTypes {
  name: string;
  /** e.g. 'engine/spark/index.d.ts' */
  entry: string;
  files: Record<string, string>;
}

export interface CheckerFiles {
  /** The modules the learner's code may import. */
  modules: readonly ModuleTypes[];
  /** TypeScript's lib files by name, e.g. { 'lib.es5.d.ts': '...' }. */
  libs: Record<string, string>;
}

/** A language service over the learner's file; `setCode` replaces the file (a no-op when unchanged). */
export interface LearnerService {
  service: TS.LanguageService;
  setCode(code: string): void;
}

export function createLearnerService(ts: typeof TS, files: CheckerFiles): LearnerService {
  const fixed = new Map<string, string>();
  const paths: Record<string, string[]> = {};
  for (const module of files.modules) {
    for (const [path, text] of Object.entries(module.files)) fixed.set(MODULES_DIR + path, text);
    paths[module.name] = [MODULES_DIR + module.entry];
  }
  for (const [name, text] of Object.entries(files.libs)) fixed.set(LIB_DIR + name, text);
  fixed.set('/runner-globals.d.ts', RUNNER_GLOBALS);

  let learner = '';
  let version = 0;
  const options: TS.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    lib: ['lib.es2023.d.ts'],
    types: [],
    // The declarations are generated and trusted; only the learner's file is checked.
    skipLibCheck: true,
    paths,
  };
  // Declarations import each other as './x.ts' (the sources' spelling): serve x.d.ts for those.
  const read = (path: string) => (path === LEARNER_PATH ? learner : fixed.get(path) ?? fixed.get(path.replace(/\.ts$/, '.d.ts')));
  const host: TS.LanguageServiceHost = {
    getScriptFileNames: () => [LEARNER_PATH, '/runner-globals.d.ts'],
    getScriptVersion: (path) => (path === LEARNER_PATH ? String(version) : '0'),
    getScriptSnapshot: (path) => {
      const text = read(path);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getCompilationSettings: () => options,
    getDefaultLibFileName: () => LIB_DIR + 'lib.es2023.d.ts',
    fileExists: (path) => read(path) !== undefined,
    readFile: (path) => read(path),
    directoryExists: (dir) => dir === '/' || [...fixed.keys()].some((path) => path.startsWith(dir.endsWith('/') ? dir : dir + '/')),
    getDirectories: () => [],
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());

  return {
    service,
    setCode(code) {
      // The same text keeps the same version, so diagnostics and editor requests on it share one program.
      if (code === learner && version > 0) return;
      learner = code;
      version += 1;
    },
  };
}

export function createTypeChecker(ts: typeof TS, files: CheckerFiles): (code: string) => TypeDiagnostic[] {
  return diagnosticsOf(ts, createLearnerService(ts, files));
}

/** Type errors in the learner's code, through a service that may also answer the editor's requests. */
export function diagnosticsOf(ts: typeof TS, { service, setCode }: LearnerService): (code: string) => TypeDiagnostic[] {
  return (code) => {
    setCode(code);
    const source = service.getProgram()?.getSourceFile(LEARNER_PATH);
    if (!source) return [];
    const found = [...service.getSyntacticDiagnostics(LEARNER_PATH), ...service.getSemanticDiagnostics(LEARNER_PATH)];
    return found.map((diagnostic) => {
      const start = diagnostic.start ?? 0;
      const from = source.getLineAndCharacterOfPosition(start);
      const to = source.getLineAndCharacterOfPosition(start + (diagnostic.length ?? 0));
      return {
        line: from.line + 1,
        column: from.character + 1,
        toLine: to.line + 1,
        toColumn: to.character + 1,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      };
    });
  };
}
