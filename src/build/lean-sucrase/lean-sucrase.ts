/**
 * A Vite plugin for the browser build: the runner only uses sucrase's 'typescript' and
 * 'imports' transforms, but sucrase imports every transformer up front. Resolving the unused
 * ones (and the JSX entity table) to small stand-ins keeps ~9 KB of gzipped code out of the
 * worker. The Node tests use sucrase unmodified, and the browser tests run this build.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const SUCRASE_UNUSED = /\/(JSXTransformer|FlowTransformer|ReactDisplayNameTransformer|ReactHotLoaderTransformer|JestHoistTransformer|ESMImportTransformer)(\.js)?$/;
export const SUCRASE_ENTITIES = /\/jsx\/xhtml(\.js)?$/;

export function leanSucrase(): Plugin {
  const transformer = fileURLToPath(new URL('./unused-transformer.ts', import.meta.url));
  const entities = fileURLToPath(new URL('./no-entities.ts', import.meta.url));
  return {
    name: 'sai:lean-sucrase',
    enforce: 'pre',
    apply: 'build',
    resolveId(source, importer) {
      if (!importer?.includes('/sucrase/dist/')) return null;
      if (SUCRASE_UNUSED.test(source)) return transformer;
      if (SUCRASE_ENTITIES.test(source)) return entities;
      return null;
    },
  };
}
