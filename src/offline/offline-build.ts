/**
 * The `sai:offline` integration. At build time it writes dist/sw.js, the service worker
 * (service-worker.ts) with the list of files it keeps (precache-manifest.ts); runs last, once every
 * other integration has written its files (Pagefind's index, redirect pages). On every page it adds
 * offline-client.ts, which registers the worker. It also gives the pages the sandbox page's version,
 * which the sandbox's URL carries (src/components/sandbox-page.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { contentHash, precacheManifest, readSite } from './precache-manifest.ts';

const WORKER = fileURLToPath(new URL('./service-worker.ts', import.meta.url));
const CLIENT = fileURLToPath(new URL('./offline-client.ts', import.meta.url));

export function offline(): AstroIntegration {
  let base = '/';
  return {
    name: 'sai:offline',
    hooks: {
      'astro:config:setup': ({ config, injectScript, updateConfig }) => {
        base = config.base;
        injectScript('page', `import ${JSON.stringify(CLIENT)};`);
        const sandboxVersion = contentHash(readFileSync(new URL('sandbox/runner.html', config.publicDir))).slice(0, 10);
        updateConfig({ vite: { define: { 'import.meta.env.SAI_SANDBOX_VERSION': JSON.stringify(sandboxVersion) } } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const manifest = precacheManifest(readSite(root), base);
        await build({
          entryPoints: [WORKER],
          outfile: join(root, 'sw.js'),
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2022',
          define: { __SAI_PRECACHE__: JSON.stringify(manifest) },
          logLevel: 'warning',
        });
        const megabytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0) / 1e6;
        logger.info(`service worker: version ${manifest.version}, keeps ${manifest.files.length} files (${megabytes.toFixed(1)} MB)`);
      },
    },
  };
}
