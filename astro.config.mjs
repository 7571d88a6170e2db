// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { courseSidebar } from './src/content/course-sidebar.ts';
import { leanSucrase } from './src/build/lean-sucrase/lean-sucrase.ts';
import { moduleAliases } from './src/modules/registry.ts';
import { moduleDeclarationsPlugin } from './src/build/module-declarations.ts';
import { runnerBundlePlugin } from './src/build/runner-bundle.ts';
import { LOCAL_SERVER_HEADERS, cspCheck, pageCspDirectives, starlightInlineScriptHashes } from './src/build/csp.ts';
import { linksCheck } from './src/build/links-check.ts';
import { redirectPagePolicy } from './src/build/links-redirect-pages.ts';
import { pageRedirects } from './src/links/page-redirects.ts';
import { offline } from './src/offline/offline-build.ts';
import { singleStylesheetLinks } from './src/build/single-stylesheets.ts';

// Cross-origin isolation is only needed by the opt-in full Node mode (WebContainers);
// the default worker runner works without it. Served by `astro dev` and `astro preview`.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** An optional separate origin for the learner-code sandbox, e.g. http://localhost:4329 (read at build time). */
const sandboxOrigin = process.env.PUBLIC_SANDBOX_ORIGIN ? new URL(process.env.PUBLIC_SANDBOX_ORIGIN).origin : undefined;

/** The newsletter's short links and moved pages (src/links/redirects.ts). */
const redirects = pageRedirects(new URL('./lessons/', import.meta.url));

export default defineConfig({
  site: 'https://labs.sai.example',
  redirects,
  server: { headers: { ...isolationHeaders, ...LOCAL_SERVER_HEADERS } },
  security: {
    csp: {
      directives: pageCspDirectives(sandboxOrigin),
      scriptDirective: {
        // 'wasm-unsafe-eval' (WebAssembly only, no JavaScript eval): Pagefind compiles its search engine
        // in the page when its worker cannot start (tests/e2e/csp.spec.ts tries both ways).
        resources: ["'self'", "'wasm-unsafe-eval'"],
        hashes: starlightInlineScriptHashes(),
      },
      // Inline styles are allowed: CodeMirror writes its rules into a <style> it keeps rewriting (no
      // hash can follow it; a nonce needs a server), and diagrams and code blocks use style="".
      // CSS cannot run code, and the other directives keep it from loading anything from elsewhere.
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  integrations: [
    starlight({
      title: 'SAI Labs',
      description: 'Executable lessons on data and ML engineering: see what a distributed system really does, then build it.',
      customCss: ['./src/styles/theme.css', './src/offline/notice.css'],
      markdown: { processedDirs: ['./lessons'] },
      sidebar: courseSidebar(fileURLToPath(new URL('./lessons', import.meta.url))),
      // Every page announces the feed of new lessons (src/pages/rss.xml.ts).
      head: [{ tag: 'link', attrs: { rel: 'alternate', type: 'application/rss+xml', title: 'SAI Labs: new lessons', href: '/rss.xml' } }],
      // The lesson title with the newsletter section it accompanies.
      components: { PageTitle: './src/components/PageTitle.astro' },
      // Lessons list their exercises in the table of contents; every page gets its share picture (og:image).
      routeMiddleware: ['./src/route-data/exercise-toc.ts', './src/share/share-route-data.ts'],
      // Our own 404 (src/pages/404.astro) offers the ways back to the lessons.
      disable404Route: true,
      lastUpdated: false,
      pagination: true,
    }),
    // Before cspCheck(): it gives the redirect pages the policy cspCheck() requires.
    redirectPagePolicy(),
    linksCheck(redirects),
    singleStylesheetLinks(),
    cspCheck(),
    // Last: the service worker keeps every file the integrations above wrote.
    offline(),
  ],
  vite: {
    // Pre-bundled so the dev server does not reload the page on the first Run.
    optimizeDeps: {
      include: [
        'sucrase',
        '@vitest/expect',
        '@codemirror/state',
        '@codemirror/view',
        '@codemirror/commands',
        '@codemirror/language',
        '@codemirror/legacy-modes/mode/javascript',
        '@codemirror/autocomplete',
        '@lezer/highlight',
        'typescript',
      ],
    },
    resolve: {
      alias: [
        // '@sai/spark', '@sai/checks', ...: the module registry says where each lives.
        ...Object.entries(moduleAliases(new URL('./', import.meta.url))).map(([find, replacement]) => ({ find, replacement })),
        // Search UI built on first use instead of at idle on every page (see the file).
        { find: /^@pagefind\/default-ui$/, replacement: fileURLToPath(new URL('./src/search/deferred-pagefind-ui.ts', import.meta.url)) },
        // Sucrase's option validation, left out of the browser worker (see the file).
        { find: /^ts-interface-checker$/, replacement: fileURLToPath(new URL('./src/build/lean-sucrase/options-check-stub.ts', import.meta.url)) },
      ],
    },
    plugins: [moduleDeclarationsPlugin(), runnerBundlePlugin()],
    worker: { format: 'es', plugins: () => [leanSucrase(), moduleDeclarationsPlugin()] },
  },
});
