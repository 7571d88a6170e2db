/**
 * How many generated inputs the hidden checks try in one run of each exercise: the reference
 * solution is run once through the harness, in this process, and the check library's counter is
 * read before and after.
 */
import { propertyCasesRun } from '../../src/checks/index.ts';
import { loadExercises } from '../../src/exercises/load-node.ts';
import { runHarness } from '../../src/runner/harness.ts';

export async function propertyCasesPerRun(): Promise<Record<string, number>> {
  const perExercise: Record<string, number> = {};
  for (const exercise of loadExercises()) {
    const before = propertyCasesRun();
    const result = await runHarness({ mode: 'exercise', code: exercise.solution, modules: exercise.meta.modules, checks: exercise.checks });
    if (result.status !== 'passed') throw new Error(`${exercise.id}: the reference solution did not pass (${result.error?.message ?? 'a check failed'})`);
    perExercise[exercise.id.split('/').at(-1)!] = propertyCasesRun() - before;
  }
  return perExercise;
}
