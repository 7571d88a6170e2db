/**
 * Astro's redirect pages (a meta refresh, no script) are written without the page policy that
 * `security.csp` gives every other page, and cspCheck() requires one. They get the strictest
 * policy: they load nothing and run nothing. Registered before cspCheck() so it sees them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { isRedirectPage } from '../links/page-anchors.ts';

export const REDIRECT_PAGE_CSP = "default-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

const htmlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );

/** The redirect page with its policy as the first thing in it, before any other tag. */
export function withRedirectPagePolicy(html: string): string {
  if (/http-equiv="content-security-policy"/i.test(html)) return html;
  const meta = `<meta http-equiv="content-security-policy" content="${REDIRECT_PAGE_CSP}">`;
  return html.replace(/^(<!doctype html>)?/i, (doctype) => `${doctype}${meta}`);
}

export function redirectPagePolicy(): AstroIntegration {
  return {
    name: 'sai:redirect-page-policy',
    hooks: {
      'astro:build:done': ({ dir }) => {
        for (const file of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(file, 'utf8');
          if (isRedirectPage(html)) writeFileSync(file, withRedirectPagePolicy(html));
        }
      },
    },
  };
}
