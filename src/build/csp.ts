/**
 * The site's Content-Security-Policy, in two parts (README, "Security headers"):
 *
 * 1. An HTTP header on every path, /sandbox/* included. Browsers enforce every policy a document
 *    gets, so this one never restricts scripts, styles, workers or connections: the sandbox's own
 *    <meta> policy decides those (it needs 'unsafe-eval' and blob: workers). It holds what a
 *    <meta> cannot carry (frame-ancestors) and what the sandbox never needs. public/_headers and
 *    vercel.json repeat it for static hosts; tests/unit/site/headers.test.ts keeps them equal.
 * 2. The page policy: a <meta> that Astro writes into every built page (`security.csp` in
 *    astro.config.mjs), with the hashes of the scripts it emits. Astro does not write it in dev.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroUserConfig, CspHash } from 'astro';
import { filesIn } from './files-in.ts';

type CspDirectives = NonNullable<Extract<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, object>['directives']>;

const HEADER_DIRECTIVES = ["base-uri 'none'", "object-src 'none'", "form-action 'none'"];
export const HEADER_CSP = ["frame-ancestors 'self'", ...HEADER_DIRECTIVES].join('; ');

/**
 * What `astro dev` and `astro preview` send (server.headers). They answer to both localhost and
 * 127.0.0.1, which the browser tests use as two origins: the page on one, the sandbox on the other,
 * as a production site with a separate sandbox origin has. So a local page may frame the other
 * name's sandbox, and the sandbox carries CORP, which a cross-origin frame needs under COEP.
 */
export const LOCAL_SERVER_HEADERS = {
  'Content-Security-Policy': ["frame-ancestors 'self' http://localhost:* http://127.0.0.1:*", ...HEADER_DIRECTIVES].join('; '),
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** The page policy's directives besides script-src and style-src. */
export function pageCspDirectives(sandboxOrigin: string | undefined): CspDirectives {
  return [
    "default-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // The runner's script text, Pagefind's index and its WebAssembly.
    "connect-src 'self'",
    // The type-checker worker (same origin) and blob: workers.
    "worker-src 'self' blob:",
    // The learner-code sandbox iframe.
    `frame-src 'self'${sandboxOrigin ? ` ${sandboxOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}

const cspHash = (text: string): CspHash => `sha256-${createHash('sha256').update(text).digest('base64')}`;

/**
 * Starlight's `<script is:inline>` blocks (theme, search shortcut, sidebar state) go into pages
 * verbatim and Astro does not hash them: hash them from the installed Starlight's components.
 */
export function starlightInlineScriptHashes(): CspHash[] {
  const starlightDist = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
  const hashes = filesIn(starlightDist, '.astro').flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/<script\s+is:inline\b([^>]*)>([\s\S]*?)<\/script>/g)]
      // Left out: text Astro rewrites (define:vars, set:html) and data blocks (a type), which never run.
      .filter(([, attrs]) => !/define:vars|set:html|type=/.test(attrs))
      .map(([, , body]) => cspHash(body)),
  );
  return [...new Set(hashes)];
}

/**
 * Fails the build when a page lacks the meta policy or has an inline script whose hash the
 * policy does not list (the browser would refuse it), e.g. after a Starlight update.
 */
export function cspCheck(): AstroIntegration {
  return {
    name: 'sai:csp-check',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const problems: string[] = [];
        for (const file of filesIn(root, '.html')) {
          const html = readFileSync(file, 'utf8');
          const page = file.slice(root.length);
          const policy = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html)?.[1];
          const scriptSrc = policy?.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'script-src');
          if (!scriptSrc) {
            problems.push(`${page}: no Content-Security-Policy meta tag with script-src`);
            continue;
          }
          for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
            const runs = !/\ssrc=/.test(attrs) && (!/\stype=/.test(attrs) || /\stype="?(module|text\/javascript)\b/.test(attrs));
            if (runs && !scriptSrc.includes(`'${cspHash(body)}'`)) problems.push(`${page}: inline script not in script-src: ${body.trim().slice(0, 80)}`);
          }
        }
        if (problems.length) throw new Error(`Content-Security-Policy check failed:\n${problems.join('\n')}`);
      },
    },
  };
}
