import { defineConfig } from 'vitest/config';
import { moduleAliases } from '../../src/modules/registry.ts';

// Runs an exercise's checks.ts as an ordinary vitest file (the baseline for the runner bench).
export default defineConfig({
  resolve: { alias: moduleAliases(new URL('../../', import.meta.url)) },
  test: { include: ['**/checks.ts'] },
});
