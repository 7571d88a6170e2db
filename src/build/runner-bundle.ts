/**
 * The sandboxed runner's code as one classic script per simulated system: the worker, the harness,
 * sucrase, the assertion library, the shared check library and the modules of that system (the
 * registry's `bundle`), so a Kafka page never downloads Spark. Another system's module is left out
 * and refuses to load with a sentence saying so. The sandbox (public/sandbox/runner.html) is an
 * opaque origin that may load nothing from the network, so the page fetches its bundle and hands it
 * over as text; the sandbox starts each run's worker from it as a blob.
 *
 * `virtual:sai-runner-bundle` gives each bundle's URL and which bundle carries which module: in
 * `astro build` assets named by their content hash, in `astro dev` paths the dev server answers by
 * bundling on request (so edits show on reload).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin, ResolvedConfig } from 'vite';
import { MODULES, moduleAliases } from '../modules/registry.ts';
import { SUCRASE_ENTITIES, SUCRASE_UNUSED } from './lean-sucrase/lean-sucrase.ts';

const ID = 'virtual:sai-runner-bundle';
const ENTRY = fileURLToPath(new URL('../runner/worker.ts', import.meta.url));
const ROOT = new URL('../../', import.meta.url);
const DEV_PATH = '@sai/runner-bundle.js';

/** Every system's bundle name ('shared' modules go into each). */
export function runnerBundleNames(): string[] {
  return [...new Set(MODULES.map((entry) => entry.bundle).filter((name) => name !== 'shared'))];
}

/**
 * Leaves the modules of other systems out of a bundle: the registry's dynamic import of such a
 * module's entry resolves to a stand-in that throws a sentence instead.
 */
function onlySystem(bundle: string): EsbuildPlugin {
  const absent = new Map(MODULES.filter((entry) => entry.bundle !== bundle && entry.bundle !== 'shared').map((entry) => [fileURLToPath(new URL(entry.entry, ROOT)), entry.name]));
  return {
    name: 'sai-only-system',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const name = absent.get(resolve(args.resolveDir, args.path));
        return name ? { path: name, namespace: 'sai-absent-module' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'sai-absent-module' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`The module '${args.path}' is not part of this page's runner (it runs the ${bundle} lesson's modules).`)});`,
        loader: 'js',
      }));
    },
  };
}

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

/** Bundles the runner for one system's modules; `minify` for the published site. */
export async function buildRunnerBundle(minify: boolean, bundle: string): Promise<string> {
  if (!runnerBundleNames().includes(bundle)) throw new Error(`No runner bundle '${bundle}'. Bundles: ${runnerBundleNames().join(', ')}.`);
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
    plugins: [leanSucraseEsbuild(), onlySystem(bundle)],
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
        const [path, query] = (req.url ?? '').split('?');
        if (path !== `${config.base}${DEV_PATH}`) return next();
        try {
          const code = await buildRunnerBundle(false, new URLSearchParams(query).get('bundle') ?? '');
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
      const urls: Record<string, string> = {};
      for (const bundle of runnerBundleNames()) {
        if (config.command === 'serve') {
          urls[bundle] = `${config.base}${DEV_PATH}?bundle=${bundle}`;
          continue;
        }
        const code = await buildRunnerBundle(true, bundle);
        const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
        const fileName = `_astro/sai-runner-${bundle}.${hash}.js`;
        this.emitFile({ type: 'asset', fileName, source: code });
        urls[bundle] = config.base.replace(/\/?$/, '/') + fileName;
      }
      const bundleOf = Object.fromEntries(MODULES.map((entry) => [entry.name, entry.bundle]));
      return `export default ${JSON.stringify({ urls, bundleOf })};`;
    },
  };
}
