/**
 * The baseline for runner speed: the vitest command line running one exercise's hidden
 * checks against its solution in Node (what a learner would do without this site).
 * checks.ts imports './solution', which resolves to the solution beside it.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export function timeVitestCli(root: string, exerciseDir: string, repeats = 3): number {
  const bin = resolve(root, 'node_modules/.bin/vitest');
  let bestMs = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    execFileSync(bin, ['run', '--dir', exerciseDir, '--config', resolve(root, 'scripts/bench/vitest-exercise.config.ts')], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, CI: 'true' },
    });
    bestMs = Math.min(bestMs, performance.now() - start);
  }
  return bestMs;
}
