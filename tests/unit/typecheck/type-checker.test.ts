import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { libs, root } from './ts-libs.ts';
import { moduleDeclarations } from '../../../src/modules/declarations.ts';
import { createTypeChecker } from '../../../src/typecheck/type-checker.ts';

describe('type errors in the learner code', () => {
  const check = createTypeChecker(ts, { modules: [moduleDeclarations('@sai/spark')], libs: libs() });

  test('correct code that uses the engine has no type errors', () => {
    const code = readFileSync(join(root, 'lessons/distributed-joins/exercises/broadcast-hash-join/solution.ts'), 'utf8');
    expect(check(code)).toEqual([]);
  });

  test("a misspelt engine method is reported at its line with the engine's own types", () => {
    const code = "import { SparkSession } from '@sai/spark';\nconst spark = new SparkSession();\nspark.createDataFrame([{ id: 1 }]).joinn(spark.range(1), 'id');\n";
    const [problem, ...rest] = check(code);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 3 });
    expect(problem.message).toMatch(/joinn/);
    expect(problem.message).toMatch(/DataFrame/);
  });

  test('a wrong argument type is reported', () => {
    const code = "import { SparkSession } from '@sai/spark';\nconst spark = new SparkSession({ executors: 'four' });\nconsole.log(spark);\n";
    const problems = check(code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0].message).toMatch(/string.*number/s);
  });

  test("the engine's internals are not part of the API the editor knows", () => {
    const code = [
      "import { SparkSession } from '@sai/spark';",
      'const spark = new SparkSession();',
      'const df = spark.range(3);',
      'console.log(df.plan, df.cluster);',
      'const rdd = spark.sparkContext.parallelize([1, 2]);',
      'console.log(rdd.prepare, rdd.compute, rdd.cluster);',
    ].join('\n');
    const problems = check(code);
    for (const name of ['plan', 'cluster', 'prepare', 'compute']) {
      expect(problems.some((p) => p.message.includes(`'${name}'`)), `'${name}' should be unknown to the editor`).toBe(true);
    }
  });

  test('a module the exercise does not use is unknown', () => {
    const problems = check("import { Kafka } from '@sai/kafka';\nconsole.log(Kafka);\n");
    expect(problems[0]?.message).toMatch(/@sai\/kafka/);
  });

  test('each check sees only the latest code', () => {
    expect(check('const n: number = "x";')).toHaveLength(1);
    expect(check('const n: number = 1;\nconsole.log(n);')).toEqual([]);
  });
});
