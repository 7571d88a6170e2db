/**
 * The HTTP headers are written three times: astro.config.mjs (`astro dev`, `astro preview`),
 * public/_headers (Netlify, Cloudflare Pages) and vercel.json. They must agree, and their
 * Content-Security-Policy must restrict no script: it also covers the learner-code sandbox at
 * /sandbox/*, whose own stricter policy allows what it needs, and browsers enforce both.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { AstroUserConfig } from 'astro';
import { parseHeadersFile } from '../../../src/build/headers-file.ts';
import { SANDBOX_CACHE_CONTROL } from '../../../src/components/sandbox-page.ts';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

type Headers = Record<string, string>;

/** The rules of vercel.json: source pattern -> header name (lower case) -> value. */
function parseVercel(text: string): Map<string, Headers> {
  const json = JSON.parse(text) as { headers?: Array<{ source: string; headers: Array<{ key: string; value: string }> }> };
  return new Map(
    (json.headers ?? []).map((rule) => [rule.source, Object.fromEntries(rule.headers.map((h) => [h.key.toLowerCase(), h.value]))]),
  );
}

function lowerCaseKeys(headers: Record<string, string | string[] | number | undefined>): Headers {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** A policy as directive name -> sorted sources, so that order and spacing do not matter. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name.toLowerCase(), sources.sort()]),
  );
}

async function loadConfig(): Promise<AstroUserConfig> {
  return (await import('../../../astro.config.mjs')).default as AstroUserConfig;
}

async function astroHeaders(): Promise<Headers> {
  const { server } = await loadConfig();
  if (!server || typeof server === 'function' || !server.headers) throw new Error('astro.config.mjs: no server.headers');
  return lowerCaseKeys(server.headers);
}

const netlify = new Map(parseHeadersFile(read('public/_headers')).map((rule) => [rule.pattern, rule.headers]));
const vercel = parseVercel(read('vercel.json'));

/**
 * Directives a header policy may hold: none of them limits what a document's scripts, styles,
 * workers or connections may do. Anything else (default-src, script-src, worker-src, connect-src,
 * style-src, sandbox, trusted types...) would be intersected with the sandbox's own policy.
 */
const HARMLESS_TO_SCRIPTS = new Set(['frame-ancestors', 'base-uri', 'object-src', 'form-action', 'upgrade-insecure-requests', 'report-to', 'report-uri']);

describe('security headers', () => {
  test('each static host has a rule for every path, and one that keeps the sandbox page for offline use', () => {
    expect([...netlify.keys()]).toEqual(['/*', '/sandbox/*']);
    expect([...vercel.keys()]).toEqual(['/(.*)', '/sandbox/(.*)']);
    // A service worker cannot answer for a sandboxed frame: only the HTTP cache keeps it offline.
    expect(netlify.get('/sandbox/*')).toEqual({ 'cache-control': SANDBOX_CACHE_CONTROL });
    expect(vercel.get('/sandbox/(.*)')).toEqual({ 'cache-control': SANDBOX_CACHE_CONTROL });
  });

  test('astro.config.mjs, public/_headers and vercel.json send the same headers', async () => {
    const astro = await astroHeaders();
    for (const [where, headers] of [
      ['public/_headers', netlify.get('/*')!],
      ['vercel.json', vercel.get('/(.*)')!],
    ] as const) {
      // Local servers add CORP (see LOCAL_SERVER_HEADERS): the tests frame the sandbox from the other loopback name.
      expect(Object.keys(headers).sort(), where).toEqual(Object.keys(astro).filter((name) => name !== 'cross-origin-resource-policy').sort());
      for (const [name, value] of Object.entries(headers)) {
        if (name !== 'content-security-policy') expect(value, `${where}: ${name}`).toBe(astro[name]);
        else {
          const { 'frame-ancestors': local, ...rest } = directives(astro[name]);
          const { 'frame-ancestors': hosted, ...hostedRest } = directives(value);
          expect(hostedRest, `${where}: ${name}`).toEqual(rest);
          expect(hosted, `${where}: frame-ancestors`).toEqual(["'self'"]);
          expect(local.filter((source) => !/^http:\/\/(localhost|127\.0\.0\.1):\*$/.test(source)), 'local frame-ancestors').toEqual(["'self'"]);
        }
      }
    }
  });

  test('no header policy restricts scripts, styles, workers or connections (the sandbox brings its own)', async () => {
    const policies = [
      ['astro.config.mjs', (await astroHeaders())['content-security-policy']],
      ['public/_headers /*', netlify.get('/*')?.['content-security-policy']],
      ['vercel.json /(.*)', vercel.get('/(.*)')?.['content-security-policy']],
    ];
    for (const [where, policy] of policies) {
      expect(policy, where).toBeTruthy();
      const names = Object.keys(directives(policy!));
      expect(names.filter((name) => !HARMLESS_TO_SCRIPTS.has(name)), where).toEqual([]);
      // What the page's <meta> policy cannot say, the header must.
      expect(directives(policy!)['frame-ancestors'], where).toContain("'self'");
    }
  });
});

describe('page policy (security.csp)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  test('scripts come from the site or a hash; never eval, never any inline script', async () => {
    const { security } = await loadConfig();
    const csp = security?.csp;
    if (!csp || csp === true) throw new Error('security.csp is not configured with directives');
    const resources = (csp.scriptDirective?.resources ?? []).map((r) => (typeof r === 'string' ? r : r.resource));
    expect(resources).toContain("'self'");
    expect(resources).not.toContain("'unsafe-eval'");
    expect(resources).not.toContain("'unsafe-inline'");
    // Starlight's inline scripts (theme, search shortcut, sidebar) are listed by hash.
    expect(csp.scriptDirective?.hashes?.length).toBeGreaterThanOrEqual(4);
    const names = (csp.directives ?? []).map((d) => d.split(/\s+/)[0]);
    expect(names).toEqual(expect.arrayContaining(['default-src', 'object-src', 'base-uri', 'worker-src', 'frame-src', 'connect-src']));
    // Ignored (with a console error) in a <meta>: it belongs in the header.
    expect(names).not.toContain('frame-ancestors');
  });

  test('frame-src adds PUBLIC_SANDBOX_ORIGIN when it is set', async () => {
    vi.stubEnv('PUBLIC_SANDBOX_ORIGIN', '');
    vi.resetModules();
    const frameSrc = async () => {
      const csp = (await loadConfig()).security?.csp;
      return typeof csp === 'object' ? csp.directives?.find((d) => d.startsWith('frame-src')) : undefined;
    };
    expect(await frameSrc()).toBe("frame-src 'self'");
    vi.stubEnv('PUBLIC_SANDBOX_ORIGIN', 'http://localhost:4329/');
    vi.resetModules();
    expect(await frameSrc()).toBe("frame-src 'self' http://localhost:4329");
  });
});
