// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

// Cross-origin isolation is only needed by the opt-in full Node mode (WebContainers);
// the default worker runner works without it. Served by `astro dev` and `astro preview`.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  site: 'https://labs.sai.example',
  server: { headers: isolationHeaders },
  integrations: [
    starlight({
      title: 'SAI Labs',
      description: 'Executable lessons on data and ML engineering: see what a distributed system really does, then build it.',
      customCss: ['./src/styles/theme.css'],
      markdown: { processedDirs: ['./lessons'] },
      sidebar: [{ label: 'Course', items: [{ autogenerate: { directory: '.' } }] }],
      components: {},
      lastUpdated: false,
      pagination: true,
    }),
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
        '@codemirror/lang-javascript',
        '@codemirror/autocomplete',
        '@lezer/highlight',
      ],
    },
    resolve: {
      alias: { '@sai/engine': new URL('./src/engine/index.ts', import.meta.url).pathname },
    },
    worker: { format: 'es' },
  },
});
