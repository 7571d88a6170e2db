/**
 * Stable links (README, "Renaming a heading or a page"): after each build, the built pages' URLs
 * and anchors are compared with src/links/published-links.json and the redirect entries. The build
 * fails on a recorded link that is gone without a redirect, on a redirect that leads nowhere, and on
 * links the manifest lacks; `npm run links:record` (LINKS_RECORD=1) writes them into it instead.
 * It also puts the old-anchor script and the deep-link hold on every page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesIn } from './files-in.ts';
import { compareLinks, formatManifest, recordLinks, type LinkManifest } from '../links/compare-links.ts';
import { pageOfFile } from '../links/link-paths.ts';
import { isRedirectPage, pageAnchors } from '../links/page-anchors.ts';
import { REDIRECTS } from '../links/redirects.ts';

const MANIFEST = new URL('../links/published-links.json', import.meta.url);
const CLIENT = fileURLToPath(new URL('../links/anchor-redirect-client.ts', import.meta.url));
/** Keeps a deep link's target in place while the islands above it load. */
const HOLD = fileURLToPath(new URL('../links/hold-deep-link.ts', import.meta.url));
const COPY = fileURLToPath(new URL('../links/copy-link.ts', import.meta.url));
export const RECORD_COMMAND = 'npm run links:record';

/** Built pages nobody is sent to: the not-found page and the runner's sandbox frame. */
const unpublished = (page: string) => page === '/404.html' || page.startsWith('/sandbox/');

/** The published pages of a build folder and their anchors (none for a redirect page). */
export function builtLinks(distDir: string): Record<string, string[]> {
  const pages = filesIn(distDir, '.html').flatMap((file) => {
    const page = pageOfFile(relative(distDir, file));
    if (unpublished(page)) return [];
    const html = readFileSync(file, 'utf8');
    return [[page, isRedirectPage(html) ? [] : pageAnchors(html)] as const];
  });
  return Object.fromEntries(pages.sort(([a], [b]) => a.localeCompare(b)));
}

const readManifest = (): LinkManifest => (existsSync(MANIFEST) ? JSON.parse(readFileSync(MANIFEST, 'utf8')) : {});

const section = (title: string, lines: readonly string[]) => (lines.length ? [`${title}:`, ...lines.map((l) => `  ${l}`)] : []);

/** `pageRedirects`: the page redirects given to Astro (short links included); the anchor entries come from REDIRECTS. */
export function linksCheck(pageRedirects: Readonly<Record<string, string>>): AstroIntegration {
  return {
    name: 'sai:links-check',
    hooks: {
      'astro:config:setup': ({ injectScript }) => {
        injectScript('page', `import ${JSON.stringify(CLIENT)};`);
        injectScript('page', `import ${JSON.stringify(HOLD)};`);
        injectScript('page', `import ${JSON.stringify(COPY)};`);
      },
      'astro:build:done': ({ dir, logger }) => {
        const recorded = readManifest();
        const built = builtLinks(fileURLToPath(dir));
        const report = compareLinks(recorded, built, { ...REDIRECTS, ...pageRedirects });
        const recording = process.env.LINKS_RECORD === '1';
        const broken = [
          ...section('Published links that no longer exist (add an entry to src/links/redirects.ts)', report.missing),
          ...section('Redirect entries that cannot work (src/links/redirects.ts)', report.badRedirects),
        ];
        if (broken.length) throw new Error(`Stable links check failed:\n${broken.join('\n')}`);
        if (recording) {
          writeFileSync(MANIFEST, formatManifest(recordLinks(recorded, built)));
          logger.info(`recorded ${report.unrecorded.length} new link(s) in src/links/published-links.json`);
          return;
        }
        if (report.unrecorded.length) {
          const lines = section(`Links the manifest lacks; once they are meant to be published, run \`${RECORD_COMMAND}\``, report.unrecorded);
          throw new Error(`Stable links check failed:\n${lines.join('\n')}`);
        }
      },
    },
  };
}
