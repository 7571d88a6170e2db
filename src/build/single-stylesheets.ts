/**
 * Each stylesheet linked once per page. Starlight's <Code> writes a link to the code blocks'
 * stylesheet beside every block it renders outside Markdown (each exercise and example has one),
 * so a lesson linked it up to eight times; every extra link is more style work for the browser.
 * Runs at the end of the build, on every page.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesIn } from './files-in.ts';

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;

/** The page with every stylesheet link after the first to the same file removed. */
export function singleStylesheets(html: string): string {
  const seen = new Set<string>();
  return html.replace(STYLESHEET, (link) => {
    const href = /\bhref="([^"]+)"/.exec(link)?.[1];
    if (!href) return link;
    if (seen.has(href)) return '';
    seen.add(href);
    return link;
  });
}

export function singleStylesheetLinks(): AstroIntegration {
  return {
    name: 'sai:single-stylesheets',
    hooks: {
      'astro:build:done': ({ dir }) => {
        for (const page of filesIn(fileURLToPath(dir), '.html')) {
          const html = readFileSync(page, 'utf8');
          const single = singleStylesheets(html);
          if (single !== html) writeFileSync(page, single);
        }
      },
    },
  };
}
