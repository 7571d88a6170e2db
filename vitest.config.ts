import { defineConfig } from 'vitest/config';
import { moduleAliases } from './src/modules/registry.ts';

export default defineConfig({
  resolve: {
    // '@sai/spark', '@sai/checks', ...: the module registry says where each lives.
    alias: moduleAliases(new URL('./', import.meta.url)),
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
