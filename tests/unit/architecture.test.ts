/**
 * The layers, as a rule that names the offending files: data flows one way (lesson -> exercise ->
 * runner -> engine -> result -> page), so no layer imports the one above it, the kernel knows no
 * simulated system, and the page knows the engine only through its trace contracts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

interface Import {
  file: string;
  /** The import resolved to a path relative to the project root, or the bare package name. */
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|astro|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
  return specifiers.map((spec) => ({
    file: relative(ROOT, file),
    target: spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : spec,
  }));
}

const all = sourceFiles(SRC).flatMap(importsOf);

interface Rule {
  name: string;
  /** Files the rule is about (prefix of their path). */
  layer: string;
  /** True for an import the layer may not make. */
  forbids(target: string): boolean;
}

const isContract = (target: string) => target === 'src/engine/traces.ts' || /^src\/engine\/[a-z-]+\/[a-z-]*trace\.ts$/.test(target);

const RULES: Rule[] = [
  {
    name: 'the engine never imports the runner, the module registry, the checks, the page or Astro',
    layer: 'src/engine/',
    forbids: (t) => /^src\/(runner|modules|checks|components|pages|content|exercises)\b/.test(t) || t.startsWith('astro'),
  },
  {
    name: 'the kernel knows no simulated system',
    layer: 'src/engine/kernel/',
    forbids: (t) => t.startsWith('src/') && !t.startsWith('src/engine/kernel/'),
  },
  {
    name: 'the runner never imports the page, its components or Astro',
    layer: 'src/runner/',
    forbids: (t) => /^src\/(components|pages|content)\b/.test(t) || t.startsWith('astro') || t.endsWith('.astro'),
  },
  {
    name: 'the runner reaches the engine only through the registry, the run context and the trace contracts',
    layer: 'src/runner/',
    forbids: (t) => t.startsWith('src/engine/') && t !== 'src/engine/kernel/run-context.ts' && t !== 'src/engine/traces.ts',
  },
  {
    name: 'the check library never imports the runner, the registry or the page',
    layer: 'src/checks/',
    forbids: (t) => /^src\/(runner|components|pages|modules)\b/.test(t),
  },
  {
    name: 'components use no engine internals: only the trace contracts',
    layer: 'src/components/',
    forbids: (t) => t.startsWith('src/engine/') && !isContract(t),
  },
];

function violations(rule: Rule, imports: readonly Import[]): string[] {
  return imports.filter((i) => i.file.startsWith(rule.layer) && rule.forbids(i.target)).map((i) => `${i.file} imports ${i.target}`);
}

describe('architecture', () => {
  test('there are imports to check in every layer', () => {
    for (const layer of new Set(RULES.map((r) => r.layer))) expect(all.filter((i) => i.file.startsWith(layer)).length, layer).toBeGreaterThan(0);
  });

  for (const rule of RULES) {
    test(rule.name, () => {
      expect(violations(rule, all)).toEqual([]);
    });
  }

  test('a planted violation is named (the rules can fail)', () => {
    const planted: Import[] = [
      { file: 'src/engine/spark/rdd.ts', target: 'src/runner/harness.ts' },
      { file: 'src/components/exercise/editor.ts', target: 'src/engine/spark/rdd.ts' },
      { file: 'src/components/diagram/spark-job/render.ts', target: 'src/engine/spark/job-trace.ts' },
    ];
    expect(RULES.flatMap((rule) => violations(rule, planted))).toEqual([
      'src/engine/spark/rdd.ts imports src/runner/harness.ts',
      'src/components/exercise/editor.ts imports src/engine/spark/rdd.ts',
    ]);
  });
});
