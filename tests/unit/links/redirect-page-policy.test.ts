import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { finishRedirectPage } from '../../../src/build/links-redirect-pages.ts';

const html = readFileSync(new URL('fixtures/redirect.html', import.meta.url), 'utf8');

test('a redirect page gets, before its other tags, a policy that lets only its own script run; once', () => {
  const once = finishRedirectPage(html);
  const policy = /^<!doctype html><meta http-equiv="content-security-policy" content="([^"]+)"><title>/.exec(once)?.[1];
  expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'$/);
  const script = /<script>(.*?)<\/script>/.exec(once)?.[1] ?? '';
  const hash = createHash('sha256').update(script).digest('base64');
  expect(policy).toContain(`'sha256-${hash}'`);
  expect(finishRedirectPage(once)).toBe(once);
});

test('with JavaScript it forwards keeping the #anchor; without, the refresh still forwards', () => {
  const page = finishRedirectPage(html);
  expect(page).toContain('<noscript><meta http-equiv="refresh" content="0;url=/distributed-joins/"></noscript>');
  const script = /<script>(.*?)<\/script>/.exec(page)?.[1] ?? '';
  const went: string[] = [];
  runInNewContext(script, { location: { hash: '#exercise-broadcast-hash-join', replace: (to: string) => went.push(to) } });
  expect(went).toEqual(['/distributed-joins/#exercise-broadcast-hash-join']);
});

test('a target with markup in it cannot end the script early', () => {
  const page = finishRedirectPage(html.replaceAll('/distributed-joins/', '/a/&lt;/script&gt;&lt;b&gt;/'));
  const script = /<script>(.*?)<\/script>/.exec(page)?.[1] ?? '';
  expect(script).not.toContain('<');
  const went: string[] = [];
  runInNewContext(script, { location: { hash: '', replace: (to: string) => went.push(to) } });
  expect(went).toEqual(['/a/</script><b>/']);
});
