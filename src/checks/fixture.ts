/**
 * What the checks need that does not depend on the code under test (the plan of a query the engine
 * ran, say, which the learner's function only reads), computed once per realm. A worker's rehearsal
 * computes it before the learner's Run, so the Run only checks. Computed in a context of its own, so
 * it leaves no trace or id in the run it happens in (every run looks the same, first or not), and
 * frozen, so no run can change what a later one reads.
 *
 * `key` names the exercise too: one realm (the test suite) loads several exercises' checks.
 */
import { inOwnContext } from '../engine/kernel/run-context.ts';
import { deepFreeze } from '../engine/kernel/freeze.ts';

const fixtures = new Map<string, unknown>();

export function fixture<T>(key: string, compute: () => T): T {
  if (fixtures.has(key)) return fixtures.get(key) as T;
  const value = deepFreeze(inOwnContext(compute));
  fixtures.set(key, value);
  return value;
}
