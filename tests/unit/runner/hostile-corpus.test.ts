/**
 * Every program in tests/fixtures/hostile (broken or hostile learner solutions for
 * distributed-joins/shuffle-hash-join) runs through the Node runner exactly as the exercise would
 * run it. Each must not pass, must end the way its header says with the message the header's
 * regex expects, and must leave the runner working: the reference solution, run right after it,
 * passes. See tests/fixtures/hostile/corpus.ts for the header format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runInNode } from '../../../src/runner/node-runner.ts';
import type { RunResult } from '../../../src/runner/protocol.ts';
import {
  CORPUS_DIR,
  corpusFiles,
  corpusRequests,
  expandHuge,
  describeResult,
  falsePass,
  outcomeMatches,
  parseEntry,
  type CorpusEntry,
} from '../../fixtures/hostile/corpus.ts';

/** The file name prefixes, one per kind of hostile or broken program the corpus must cover. */
const CATEGORIES: Record<string, string> = {
  syntax: 'syntax errors (unterminated string, bad TypeScript, a 2 MB source)',
  loop: 'synchronous infinite loops (top level, in the export, in a task of a check)',
  async: 'async loops and waits (never-settling promises, async recursion, microtask loops)',
  recursion: 'deep recursion (stack overflow)',
  throw: 'thrown non-Errors (string, number, null, object, a Proxy that throws)',
  rejection: 'unhandled rejections',
  timer: 'errors thrown in timers',
  console: 'huge console output',
  memory: 'memory growth',
  globals: 'overriding globals',
  forge: 'forged results',
  assert: 'tampering with the assertion library',
  kafka: 'attacking the simulated Kafka (its store, its clock, its crash explorer) from a consumer',
  engine: 'tampering with the engine',
  read: 'reading what it must not (process.env, the checks file)',
  dom: 'DOM and storage access',
  close: 'close()',
  exit: 'process.exit()',
  require: 'calling require',
  import: 'importing forbidden modules',
};

const MIN_PROGRAMS = 45;
/** Runs at a time: each is a worker thread, and the loops among them keep a core busy until stopped. */
const CONCURRENCY = 3;

const { request, solution } = corpusRequests();

const parsed: (CorpusEntry | Error)[] = corpusFiles().map((file) => {
  try {
    return parseEntry(file, expandHuge(readFileSync(join(CORPUS_DIR, file), 'utf8')));
  } catch (err) {
    return err as Error;
  }
});
const entries = parsed.filter((item): item is CorpusEntry => !(item instanceof Error));

/** At most `CONCURRENCY` callers inside at once, the rest wait their turn in order. */
function limiter(slots: number): <T>(work: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}
const inTurn = limiter(CONCURRENCY);

/** Long results (a check list) cut to what a failure message can show. */
function brief(result: RunResult): string {
  const text = describeResult(result);
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

describe('the hostile corpus', () => {
  test('every program starts with a valid two-line header', () => {
    expect(parsed.filter((item) => item instanceof Error).map((error) => error.message)).toEqual([]);
  });

  test(`at least ${MIN_PROGRAMS} programs, covering every category and no other`, () => {
    expect(entries.length).toBeGreaterThanOrEqual(MIN_PROGRAMS);
    const found = [...new Set(entries.map((entry) => entry.category))].sort();
    expect(found).toEqual(Object.keys(CATEGORIES).sort());
  });
});

describe.concurrent('each hostile program: not a pass, the outcome its header says, and the runner still works after it', () => {
  for (const entry of entries) {
    test(entry.file, async ({ expect }) => {
      const { result, after } = await inTurn(async () => {
        const result = await runInNode(request(entry.code, entry.timeoutMs, entry.exercise));
        // Right after it, in the same turn: the reference solution must still pass.
        const after = await runInNode(request(solution(entry.exercise), undefined, entry.exercise));
        return { result, after };
      });
      expect.soft(falsePass(result), `${entry.file} counted as a pass: ${brief(result)}`).toBe(false);
      expect
        .soft(outcomeMatches(result, entry), `${entry.file} should end as ${entry.outcome} matching ${entry.pattern}; got ${brief(result)}`)
        .toBe(true);
      expect(after.status, `the reference solution, run right after ${entry.file}: ${brief(after)}`).toBe('passed');
    });
  }
});
