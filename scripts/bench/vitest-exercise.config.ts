import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs an exercise's checks.ts as an ordinary vitest file (the baseline for the runner bench).
export default defineConfig({
  resolve: { alias: { '@sai/engine': fileURLToPath(new URL('../../src/engine/index.ts', import.meta.url)) } },
  test: { include: ['**/checks.ts'] },
});
