/**
 * The hostile corpus (tests/fixtures/hostile) as figures: how many broken or hostile learner
 * programs the Node runner let pass, and how many ended other than their header says. Runs each
 * program through runInNode the way the corpus test does (same request, same judging, see
 * tests/fixtures/hostile/corpus.ts), without the reference runs in between.
 *
 * `node scripts/bench/sandbox-corpus.ts` prints the figures and every program that missed.
 */
import { runInNode } from '../../src/runner/node-runner.ts';
import { corpusRequests, describeResult, falsePass, loadCorpus, outcomeMatches } from '../../tests/fixtures/hostile/corpus.ts';

/** Runs at a time (each is a worker thread; a looping one keeps a core busy until it is stopped). */
const CONCURRENCY = 2;

export interface CorpusFigures {
  /** Programs in the corpus. */
  size: number;
  /** Programs whose run counted as a pass (status 'passed', or every check passed with no error). */
  falsePasses: number;
  /** Programs that did not end with their header's outcome and message (a false pass counts here too). */
  wrongOutcomes: number;
}

/** One line per program that missed, for a human reading the bench output. */
export type MissListener = (file: string, what: string) => void;

export async function corpusFigures(onMiss?: MissListener): Promise<CorpusFigures> {
  const corpus = loadCorpus();
  const { request } = corpusRequests();
  let falsePasses = 0;
  let wrongOutcomes = 0;
  let next = 0;
  const lane = async () => {
    while (next < corpus.length) {
      const entry = corpus[next++];
      const result = await runInNode(request(entry.code, entry.timeoutMs, entry.exercise));
      const passed = falsePass(result);
      const matched = outcomeMatches(result, entry);
      if (passed) falsePasses++;
      if (!matched) wrongOutcomes++;
      if (passed || !matched) onMiss?.(entry.file, `${passed ? 'PASSED' : 'wrong outcome'} (expected ${entry.outcome} ${entry.pattern}): ${describeResult(result)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { size: corpus.length, falsePasses, wrongOutcomes };
}

if (import.meta.main) {
  const started = performance.now();
  const figures = await corpusFigures((file, what) => console.log(`${file}: ${what.slice(0, 400)}`));
  console.log(`${JSON.stringify(figures)} in ${Math.round((performance.now() - started) / 100) / 10} s`);
  // Learner timers may still hold worker threads open.
  process.exit(0);
}
