/**
 * The types the editor shows for a registered module: TypeScript declarations generated from the
 * module's public entry at build time, with every member marked `@internal` stripped, so
 * completions and hover offer the public API and nothing else. Node-only (it runs the TypeScript
 * compiler); the browser gets the result through a virtual module (src/build/module-declarations.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { moduleEntry } from './registry.ts';

/**
 * The project root: the nearest folder up from the working directory that holds this registry.
 * Not derived from this file's URL, which points into the build output once the site is bundled.
 */
function projectRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'src/modules/registry.ts'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No project root (with src/modules/registry.ts) at or above ${process.cwd()}.`);
  }
}



/** Declaration files of one module: path under the virtual root -> text, and the entry's path. */
export interface ModuleDeclarations {
  name: string;
  /** e.g. 'engine/spark/index.d.ts' */
  entry: string;
  files: Record<string, string>;
}

const cache = new Map<string, ModuleDeclarations>();

/** Generates (once per process) the public declarations of a registered module. */
export function moduleDeclarations(name: string): ModuleDeclarations {
  const cached = cache.get(name);
  if (cached) return cached;
  const entry = moduleEntry(name);
  if (!entry) throw new Error(`Unknown module '${name}'.`);
  const root = projectRoot();
  const sourceRoot = resolve(root, 'src');
  const entryPath = resolve(root, entry.entry);
  const files: Record<string, string> = {};
  const options: ts.CompilerOptions = {
    declaration: true,
    emitDeclarationOnly: true,
    stripInternal: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    skipLibCheck: true,
    types: [],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    rootDir: sourceRoot,
    outDir: '/declarations',
  };
  const host = ts.createCompilerHost(options);
  host.writeFile = (fileName, text) => {
    files[relative('/declarations', fileName).split('\\').join('/')] = text;
  };
  const program = ts.createProgram([entryPath], options, host);
  const result = program.emit(undefined, undefined, undefined, true);
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(`Declarations of ${name}: ${ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' })}`);
  }
  const entryKey = relative(sourceRoot, entryPath).replace(/\.ts$/, '.d.ts').split('\\').join('/');
  if (!files[entryKey]) throw new Error(`Declarations of ${name}: no ${entryKey} was emitted (from ${relative(root, dirname(entryPath))}).`);
  const declarations = { name, entry: entryKey, files };
  cache.set(name, declarations);
  return declarations;
}

/** A completion for the editor: [label, type, detail]. */
export type CompletionEntry = [label: string, type: string, detail: string];

/**
 * The module's public names for editor completions: its exports and the public members of its
 * exported classes, read from the generated declarations (so nothing marked @internal appears).
 */
export function publicCompletions(name: string): CompletionEntry[] {
  const { entry, files } = moduleDeclarations(name);
  const root = '/sai/';
  const options: ts.CompilerOptions = {
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    types: [],
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const virtual = (path: string) => (path.startsWith(root) ? files[path.slice(root.length)] ?? files[path.slice(root.length).replace(/\.ts$/, '.d.ts')] : undefined);
  const dirExists = host.directoryExists?.bind(host);
  host.readFile = (path) => virtual(path) ?? read(path);
  host.fileExists = (path) => virtual(path) !== undefined || exists(path);
  host.directoryExists = (dir) => dir.startsWith(root.slice(0, -1)) || (dirExists?.(dir) ?? false);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language) => {
    const text = virtual(path);
    return text === undefined ? getSourceFile(path, language) : ts.createSourceFile(path, text, language);
  };
  const program = ts.createProgram([root + entry], options, host);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(root + entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  const entries = new Map<string, CompletionEntry>();
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const label = symbol.getName();
    if (target.flags & ts.SymbolFlags.Class) {
      entries.set(label, [label, 'class', name]);
      const instance = checker.getDeclaredTypeOfSymbol(target);
      for (const member of checker.getPropertiesOfType(instance)) {
        const memberName = member.getName();
        if (memberName.startsWith('#') || memberName.startsWith('_') || entries.has(memberName)) continue;
        const isMethod = (member.flags & ts.SymbolFlags.Method) !== 0;
        entries.set(memberName, [memberName, isMethod ? 'method' : 'property', label]);
      }
    } else if (target.flags & ts.SymbolFlags.Function) {
      entries.set(label, [label, 'function', name]);
    } else if (target.flags & (ts.SymbolFlags.Variable | ts.SymbolFlags.Enum)) {
      entries.set(label, [label, 'constant', name]);
    } else if (target.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      entries.set(label, [label, 'type', name]);
    }
  }
  return [...entries.values()].sort((a, b) => a[0].localeCompare(b[0]));
}
