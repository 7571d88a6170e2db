import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';
import { MAX_TRACES } from '../../../src/runner/harness.ts';
import type { SparkJobTrace } from '../../../src/engine/spark/job-trace.ts';

/** Traces are a union of kinds; these examples only run Spark. */
const jobs = (traces: readonly unknown[]) => traces as SparkJobTrace[];

describe('example mode', () => {
  test('runs the code, collects its console output and the engine job traces', async () => {
    const code = [
      "import { SparkSession } from '@sai/spark';",
      'const spark = new SparkSession({ executors: 2 });',
      "const orders = spark.createDataFrame([{ cust: 1, amount: 5 }, { cust: 2, amount: 7 }, { cust: 1, amount: 1 }], { name: 'orders' });",
      "const customers = spark.createDataFrame([{ cust: 1, name: 'Ada' }, { cust: 2, name: 'Grace' }], { name: 'customers' });",
      "const joined = orders.join(customers, 'cust');",
      "console.log('rows', joined.count());",
    ].join('\n');
    const result = await runInNode({ mode: 'example', code });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('passed');
    expect(result.checks).toEqual([]);
    expect(result.console.map((entry) => entry.text)).toContain('rows 3');
    expect(result.traces.length).toBeGreaterThanOrEqual(1);
    expect(jobs(result.traces).at(-1)?.description).toBe('count');
    expect(jobs(result.traces).at(-1)?.executors).toHaveLength(2);
  });

  test(`keeps only the last ${MAX_TRACES} traces`, async () => {
    const code = [
      "import { SparkSession } from '@sai/spark';",
      'const spark = new SparkSession();',
      'const numbers = spark.range(10);',
      'for (let i = 0; i < 8; i++) numbers.count();',
      "numbers.collect();",
    ].join('\n');
    const result = await runInNode({ mode: 'example', code });
    expect(result.error).toBeUndefined();
    expect(result.traces).toHaveLength(MAX_TRACES);
    expect(jobs(result.traces).at(-1)?.description).toBe('collect');
    const ids = jobs(result.traces).map((trace) => trace.jobId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  test('an example that throws is an error with its line', async () => {
    const code = "import { SparkSession } from '@sai/spark';\nconst spark = new SparkSession();\nthrow new Error('stop here');\n";
    const result = await runInNode({ mode: 'example', code });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'runtime', message: 'stop here', line: 3 });
  });
});
