import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { libs, root } from './ts-libs.ts';
import { moduleDeclarations } from '../../../src/modules/declarations.ts';
import { createCodeAssist } from '../../../src/typecheck/code-assist.ts';
import { createLearnerService, diagnosticsOf } from '../../../src/typecheck/type-checker.ts';

const starter = (lesson: string, exercise: string) => readFileSync(join(root, 'lessons', lesson, 'exercises', exercise, 'starter.ts'), 'utf8');

/** The code with `text` inserted at the first `anchor`'s end, and the offset just after it. */
function typedAfter(code: string, anchor: string, text: string): { code: string; pos: number } {
  const at = code.indexOf(anchor);
  if (at < 0) throw new Error(`no '${anchor}' in the code`);
  const insertAt = at + anchor.length;
  return { code: code.slice(0, insertAt) + text + code.slice(insertAt), pos: insertAt + text.length };
}

const sharedLibs = libs();
const spark = createCodeAssist(ts, createLearnerService(ts, { modules: [moduleDeclarations('@sai/spark')], libs: sharedLibs }));
const kafkaService = createLearnerService(ts, { modules: [moduleDeclarations('@sai/kafka')], libs: sharedLibs });
const kafka = createCodeAssist(ts, kafkaService);

describe('completions', () => {
  test("after `left.` in the shuffle hash join starter they are the RDD's public methods", () => {
    const { code, pos } = typedAfter(starter('distributed-joins', 'shuffle-hash-join'), '  // This placeholder returns no rows at all.\n', '  left.');
    const { isMember, items } = spark.completions(code, pos);
    const names = items.map((item) => item.name);
    expect(isMember).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['keyBy', 'partitionBy', 'zipPartitions', 'mapPartitions', 'collect']));
    // Members only: no globals, and none of the engine's internals.
    for (const absent of ['console', 'Math', 'shuffleHashJoin', 'compute', 'prepare', 'cluster']) expect(names).not.toContain(absent);
    const keyBy = items.find((item) => item.name === 'keyBy')!;
    expect(keyBy.kind).toBe('method');
    expect(keyBy.detail).toMatch(/keyBy<K>\(f: \(x: Row\) => K\): RDD<\[K, Row\]>/);
  });

  test("after `df.` they are the DataFrame's methods", () => {
    const base = "import { SparkSession } from '@sai/spark';\nconst spark = new SparkSession();\nconst df = spark.range(3);\n";
    const { items, isMember } = spark.completions(base + 'df.', base.length + 3);
    expect(isMember).toBe(true);
    const names = items.map((item) => item.name);
    expect(names).toContain('join');
    expect(names).not.toContain('keyBy');
  });

  test("after `consumer.` in a Kafka starter they are the consumer's methods", () => {
    const { code, pos } = typedAfter(starter('kafka-delivery', 'at-least-once-sink'), '      void store;\n', '      consumer.');
    const { isMember, items } = kafka.completions(code, pos);
    const names = items.map((item) => item.name);
    expect(isMember).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['commitOffsets', 'subscribe', 'run', 'seek', 'pause']));
    expect(names).not.toContain('store');
    expect(items.find((item) => item.name === 'commitOffsets')?.detail).toMatch(/commitOffsets\(.*\): Promise<void>/);
  });

  test('at the start of a statement they are scope names: the parameters come before the globals', () => {
    const { code, pos } = typedAfter(starter('distributed-joins', 'shuffle-hash-join'), '  // This placeholder returns no rows at all.\n', '  ');
    const { isMember, items } = spark.completions(code, pos);
    expect(isMember).toBe(false);
    const rank = (name: string) => items.find((item) => item.name === name)!.sortText;
    expect(rank('left') < rank('Math')).toBe(true);
  });
});

describe('hover', () => {
  test('the type of a parameter', () => {
    const code = starter('distributed-joins', 'shuffle-hash-join');
    const pos = code.indexOf('left.filter') + 1;
    const info = spark.quickInfo(code, pos);
    expect(info?.display).toBe('(parameter) left: RDD<Row>');
    expect(code.slice(info!.from, info!.to)).toBe('left');
  });

  test('a method with its signature', () => {
    const code = starter('distributed-joins', 'shuffle-hash-join');
    const info = spark.quickInfo(code, code.indexOf('filter(') + 2);
    expect(info?.display).toMatch(/^\(method\) RDD<Row>\.filter\(f: \(x: Row\) => boolean\): RDD<Row>$/);
  });

  test('nothing on white space', () => {
    expect(spark.quickInfo('const a = 1;\n\n\nconsole.log(a);', 13)).toBeNull();
  });
});

describe('signature help', () => {
  test('inside a call: the parameter list and the argument being typed', () => {
    const base = starter('distributed-joins', 'shuffle-hash-join');
    const first = typedAfter(base, '  // This placeholder returns no rows at all.\n', '  left.zipPartitions(');
    const help = spark.signatureHelp(first.code, first.pos);
    expect(help).not.toBeNull();
    const signature = help!.signatures[help!.activeSignature];
    // The type parameters are instantiated from what is typed so far (nothing yet: unknown).
    expect(signature.label).toBe(
      'zipPartitions(other: RDD<unknown>, f: (a: readonly Row[], b: readonly unknown[], partitionIndex: number) => Iterable<unknown>): RDD<unknown>',
    );
    expect(signature.parameters.map((p) => signature.label.slice(p.from, p.to))).toEqual([
      'other: RDD<unknown>',
      'f: (a: readonly Row[], b: readonly unknown[], partitionIndex: number) => Iterable<unknown>',
    ]);
    expect(help!.activeParameter).toBe(0);

    const second = typedAfter(base, '  // This placeholder returns no rows at all.\n', '  left.zipPartitions(right, ');
    expect(spark.signatureHelp(second.code, second.pos)?.activeParameter).toBe(1);
  });

  test('outside any call there is none', () => {
    const code = starter('distributed-joins', 'shuffle-hash-join');
    expect(spark.signatureHelp(code, code.indexOf('export'))).toBeNull();
  });
});

test('type checks and editor requests share one service and each sees the latest code', () => {
  const check = diagnosticsOf(ts, kafkaService);
  expect(check('const n: number = "x";')).toHaveLength(1);
  expect(kafka.quickInfo('const n: number = "x";', 6)?.display).toBe('const n: number');
  expect(kafka.quickInfo('const s = "x";', 6)?.display).toBe('const s: "x"');
  expect(check('const n: number = 1;\nconsole.log(n);')).toEqual([]);
});
