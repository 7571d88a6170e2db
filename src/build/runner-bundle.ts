/**
 * The sandboxed runner's code as one classic script: the worker, the harness, sucrase, the
 * assertion library and every registered module. The sandbox (public/sandbox/runner.html) is an
 * opaque origin that may load nothing from the network, so the page fetches this file and hands
 * it over as text; the sandbox starts each run's worker from it as a blob.
 *
 * `virtual:sai-runner-bundle` is its URL: in `astro build` an asset named by its content hash, in
 * `astro dev` a path the dev server answers by bundling on request (so edits show on reload).
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin, ResolvedConfig } from 'vite';
import { moduleAliases } from '../modules/registry.ts';
import { SUCRASE_ENTITIES, SUCRASE_UNUSED } from './lean-sucrase/lean-sucrase.ts';

const ID = 'virtual:sai-runner-bundle';
const ENTRY = fileURLToPath(new URL('../runner/worker.ts', import.meta.url));
const ROOT = new URL('../../', import.meta.url);
const DEV_PATH = '@sai/runner-bundle.js';

/** Resolves sucrase's unused transformers to stand-ins, as the Vite plugin leanSucrase() does. */
export function leanSucraseEsbuild(): EsbuildPlugin {
  const transformer = fileURLToPath(new URL('./lean-sucrase/unused-transformer.ts', import.meta.url));
  const entities = fileURLToPath(new URL('./lean-sucrase/no-entities.ts', import.meta.url));
  return {
    name: 'sai-lean-sucrase',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!args.importer.includes('/sucrase/dist/')) return undefined;
        if (SUCRASE_UNUSED.test(args.path)) return { path: transformer };
        if (SUCRASE_ENTITIES.test(args.path)) return { path: entities };
        return undefined;
      });
    },
  };
}

/** Bundles the runner; `minify` for the published site. */
export async function buildRunnerBundle(minify: boolean): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'none',
    logLevel: 'silent',
    alias: {
      ...moduleAliases(ROOT),
      // Sucrase's option validation, left out as in the Vite config.
      'ts-interface-checker': fileURLToPath(new URL('./lean-sucrase/options-check-stub.ts', import.meta.url)),
    },
    plugins: [leanSucraseEsbuild()],
  });
  return result.outputFiles[0].text;
}

export function runnerBundlePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'sai:runner-bundle',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (req.url?.split('?')[0] !== `${config.base}${DEV_PATH}`) return next();
        try {
          const code = await buildRunnerBundle(false);
          res.setHeader('Content-Type', 'text/javascript');
          res.setHeader('Cache-Control', 'no-store');
          res.end(code);
        } catch (err) {
          next(err);
        }
      });
    },
    resolveId(id) {
      return id === ID ? `\0${ID}` : null;
    },
    async load(id) {
      if (id !== `\0${ID}`) return null;
      if (config.command === 'serve') return `export default ${JSON.stringify(config.base + DEV_PATH)};`;
      const code = await buildRunnerBundle(true);
      const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
      const fileName = `_astro/sai-runner.${hash}.js`;
      this.emitFile({ type: 'asset', fileName, source: code });
      return `export default ${JSON.stringify(config.base.replace(/\/?$/, '/') + fileName)};`;
    },
  };
}
