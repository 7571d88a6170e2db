/**
 * The module registry is the one source of truth: tsconfig's `@sai/*` pattern, the aliases, the
 * exercise schema and the loader all agree with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { RENDERERS } from '../../../src/components/diagram/renderers.ts';
import {
  KAFKA_CRASH_MAP_TRACE_KIND,
  KAFKA_CRASH_MAP_TRACE_VERSION,
  KAFKA_PARTITIONS_TRACE_KIND,
  KAFKA_PARTITIONS_TRACE_VERSION,
  KAFKA_REBALANCE_TRACE_KIND,
  KAFKA_REBALANCE_TRACE_VERSION,
  SPARK_JOB_TRACE_KIND,
  SPARK_JOB_TRACE_VERSION,
} from '../../../src/engine/traces.ts';
import { parseExerciseMeta } from '../../../src/exercises/schema.ts';
import { MODULES, checkOnlyModuleNames, learnerModuleNames, loadModules, moduleAliases } from '../../../src/modules/registry.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('the module registry', () => {
  test('lists the engines for learners and the check libraries for checks only', () => {
    expect(learnerModuleNames()).toEqual(['@sai/spark', '@sai/kafka']);
    expect(checkOnlyModuleNames()).toEqual(['@sai/checks', '@sai/spark-checks', '@sai/kafka-checks']);
  });

  test("every module's entry exists, and loading the module gives that entry's exports", async () => {
    for (const entry of MODULES) {
      const path = join(ROOT, entry.entry);
      expect(existsSync(path), entry.entry).toBe(true);
      const loaded = (await loadModules([entry.name]))[entry.name];
      const direct = await import(pathToFileURL(path).href);
      expect(Object.keys(loaded).sort(), entry.name).toEqual(Object.keys(direct).sort());
    }
  });

  test("tsconfig's paths (an exact entry, else the @sai/* pattern) resolve every module to its registered entry", () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    const { paths } = tsconfig.compilerOptions;
    for (const entry of MODULES) {
      const rest = entry.name.slice('@sai/'.length);
      const patterns = paths[entry.name] ?? paths['@sai/*'];
      const resolved = patterns.map((p) => resolve(ROOT, p.replace('*', rest))).find((p) => existsSync(p));
      expect(resolved, entry.name).toBe(join(ROOT, entry.entry));
    }
  });

  test('the bundler and test aliases come from the registry', () => {
    const aliases = moduleAliases(pathToFileURL(`${ROOT}/`));
    expect(Object.keys(aliases).sort()).toEqual(MODULES.map((m) => m.name).sort());
    for (const entry of MODULES) expect(aliases[entry.name]).toBe(join(ROOT, entry.entry));
  });

  test('every trace kind a module emits has a renderer for its current version', () => {
    const versions: Record<string, number> = {
      [SPARK_JOB_TRACE_KIND]: SPARK_JOB_TRACE_VERSION,
      [KAFKA_PARTITIONS_TRACE_KIND]: KAFKA_PARTITIONS_TRACE_VERSION,
      [KAFKA_CRASH_MAP_TRACE_KIND]: KAFKA_CRASH_MAP_TRACE_VERSION,
      [KAFKA_REBALANCE_TRACE_KIND]: KAFKA_REBALANCE_TRACE_VERSION,
    };
    for (const entry of MODULES) {
      for (const kind of entry.traceKinds) {
        expect(RENDERERS[kind], `${entry.name} emits '${kind}' traces`).toBeDefined();
        expect(RENDERERS[kind].version, `the '${kind}' renderer's version`).toBe(versions[kind]);
      }
    }
  });

  test('an unknown module name is refused, naming the known ones', async () => {
    await expect(loadModules(['@sai/nope'])).rejects.toThrow(/Unknown module '@sai\/nope'.*'@sai\/spark'/);
  });

  test('exercise.json may declare only modules open to learners', () => {
    const meta = { title: 'T title', summary: 'A summary of ten characters.', hints: ['a hint'] };
    expect(parseExerciseMeta(JSON.stringify({ ...meta, modules: ['@sai/spark'] }), 'x/exercise.json').modules).toEqual(['@sai/spark']);
    expect(() => parseExerciseMeta(JSON.stringify({ ...meta, modules: ['@sai/checks'] }), 'x/exercise.json')).toThrow(/x\/exercise\.json[\s\S]*modules/);
    expect(() => parseExerciseMeta(JSON.stringify(meta), 'x/exercise.json')).toThrow(/modules/);
  });
});
