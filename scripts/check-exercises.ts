/**
 * Proves every exercise is sound, through the same runner a learner's code goes through:
 *   - solution.ts passes every check, and there are at least MIN_CHECKS checks
 *   - starter.ts fails at least one check
 *   - each wrong/*.ts fails at least one check (and there are at least MIN_WRONG of them)
 * Usage: node scripts/check-exercises.ts [<lesson>/<exercise>]   (exit code 1 on any problem)
 */
import { loadExercise, loadExercises } from '../src/exercises/load-node.ts';
import type { ExerciseFiles } from '../src/exercises/schema.ts';
import { runInNode } from '../src/runner/node-runner.ts';
import type { RunResult } from '../src/runner/protocol.ts';

export const MIN_CHECKS = 5;
export const MIN_WRONG = 3;

export type RoleKind = 'solution' | 'starter' | 'wrong';

export interface Role {
  kind: RoleKind;
  /** Path inside the exercise folder, e.g. "wrong/null-keys-match.ts". */
  file: string;
  code: string;
}

/** Every file of an exercise that the checks must judge, solution first. */
export function rolesOf(exercise: ExerciseFiles): Role[] {
  return [
    { kind: 'solution', file: 'solution.ts', code: exercise.solution },
    { kind: 'starter', file: 'starter.ts', code: exercise.starter },
    ...Object.entries(exercise.wrong).map(([name, code]): Role => ({ kind: 'wrong', file: `wrong/${name}`, code })),
  ];
}

export function runRole(exercise: ExerciseFiles, role: Role): Promise<RunResult> {
  return runInNode({ mode: 'exercise', code: role.code, modules: exercise.meta.modules, checks: exercise.checks, timeoutMs: exercise.meta.timeoutMs });
}

/** What is wrong with this file's run for its role, or undefined when it behaves as it must. */
export function judge(role: Role, result: RunResult): string | undefined {
  const passed = result.checks.filter((check) => check.status === 'passed').length;
  const where = result.error?.line ? ` (line ${result.error.line})` : '';
  if (role.kind === 'solution') {
    if (result.error) return `${role.file} must pass every check but stopped with a ${result.error.kind} error${where}: ${result.error.message}`;
    const failed = result.checks.find((check) => check.status !== 'passed');
    if (failed) return `${role.file} must pass every check but ${failed.status === 'error' ? 'crashes in' : 'fails'} "${failed.name}": ${failed.message ?? ''}`;
    if (result.checks.length < MIN_CHECKS) return `checks.ts has ${result.checks.length} checks; an exercise needs at least ${MIN_CHECKS}`;
    return undefined;
  }
  if (result.error?.kind === 'syntax') return `${role.file} has a syntax error${where}: it should fail a check, not fail to compile`;
  if (result.error?.kind === 'timeout') return `${role.file} timed out: it should fail a check quickly`;
  if (result.status === 'passed') return `${role.file} must fail at least one check but passes all ${passed}`;
  if (role.kind === 'wrong' && !/^\s*(\/\/|\/\*)/.test(role.code)) {
    return `${role.file} should start with a comment that says which mistake it models`;
  }
  return undefined;
}

/** Problems that need no run: enough wrong solutions. */
export function structuralProblems(exercise: ExerciseFiles): string[] {
  const count = Object.keys(exercise.wrong).length;
  return count < MIN_WRONG ? [`has ${count} wrong solutions in wrong/; an exercise needs at least ${MIN_WRONG}`] : [];
}

function outcome(result: RunResult): string {
  if (result.error) return `${result.error.kind} error`;
  const passed = result.checks.filter((check) => check.status === 'passed').length;
  return `${passed}/${result.checks.length} passed`;
}

async function main(args: string[]): Promise<number> {
  const exercises = args[0] ? [loadExercise(args[0])] : loadExercises();
  if (exercises.length === 0) {
    console.error('No exercises found under lessons/*/exercises/.');
    return 1;
  }
  const problems: string[] = [];
  const rows: string[][] = [['exercise', 'file', 'must', 'got', 'ok']];
  for (const exercise of exercises) {
    problems.push(...structuralProblems(exercise).map((problem) => `${exercise.id}: ${problem}`));
    const roles = rolesOf(exercise);
    const results = await Promise.all(roles.map((role) => runRole(exercise, role)));
    roles.forEach((role, i) => {
      const problem = judge(role, results[i]);
      if (problem) problems.push(`${exercise.id}: ${problem}`);
      rows.push([i === 0 ? exercise.id : '', role.file, role.kind === 'solution' ? 'pass all' : 'fail one', outcome(results[i]), problem ? 'NO' : 'yes']);
    });
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  console.log('');
  if (problems.length > 0) {
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`${exercises.length} exercise${exercises.length === 1 ? '' : 's'} checked: all sound.`);
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
