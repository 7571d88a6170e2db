/**
 * Astro's redirect pages (a meta refresh) are written without the page policy that `security.csp`
 * gives every other page, and cspCheck() requires one; and a meta refresh drops the address's
 * #anchor, so `/old-page/#a-section` would land on the top of the new page. Each redirect page
 * gets a one-line script that forwards with the anchor, the refresh kept for readers without
 * JavaScript (in <noscript>), and the strictest policy that lets that one script run (its hash).
 * Registered before cspCheck() so it sees them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesIn } from './files-in.ts';
import { isRedirectPage } from '../links/page-anchors.ts';

/** The policy of a redirect page: nothing loads, only its own script (by hash) runs. */
export const redirectPagePolicyFor = (scriptHash: string): string =>
  `default-src 'none'; script-src '${scriptHash}'; base-uri 'none'; form-action 'none'`;

const REFRESH = /<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)">/i;
const decodeAttribute = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/**
 * The redirect page forwarding with the address's anchor: its refresh inside <noscript>, a script
 * in its place, and the policy (allowing that script alone) as the first thing in the page. Once.
 */
export function finishRedirectPage(html: string): string {
  if (/http-equiv="content-security-policy"/i.test(html)) return html;
  const refresh = REFRESH.exec(html);
  if (!refresh) throw new Error(`a redirect page without a refresh to read its target from: ${html.slice(0, 200)}`);
  const target = JSON.stringify(decodeAttribute(refresh[1])).replace(/</g, '\\u003c');
  const script = `location.replace(${target} + location.hash);`;
  const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
  const meta = `<meta http-equiv="content-security-policy" content="${redirectPagePolicyFor(hash)}">`;
  const forwarding = html.replace(REFRESH, (tag) => `<script>${script}</script><noscript>${tag}</noscript>`);
  return forwarding.replace(/^(<!doctype html>)?/i, (doctype) => `${doctype}${meta}`);
}

export function redirectPagePolicy(): AstroIntegration {
  return {
    name: 'sai:redirect-page-policy',
    hooks: {
      'astro:build:done': ({ dir }) => {
        for (const file of filesIn(fileURLToPath(dir), '.html')) {
          const html = readFileSync(file, 'utf8');
          if (isRedirectPage(html)) writeFileSync(file, finishRedirectPage(html));
        }
      },
    },
  };
}
