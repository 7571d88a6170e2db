/** The `_headers` reader the local server uses (src/build/headers-file.ts). */
import { expect, test } from 'vitest';
import { headersFor, parseHeadersFile } from '../../../src/build/headers-file.ts';

const RULES = parseHeadersFile(`# a comment
/*
  Content-Security-Policy: frame-ancestors 'self'
  X-Both: first

/sandbox/*
  Cache-Control: public, max-age=60
  X-Both: second
/exact.html
  X-Exact: yes
`);

test('every rule that matches a path adds its headers, a later rule winning a header both set', () => {
  expect(headersFor(RULES, '/sandbox/runner.html')).toEqual({
    'content-security-policy': "frame-ancestors 'self'",
    'cache-control': 'public, max-age=60',
    'x-both': 'second',
  });
  expect(headersFor(RULES, '/distributed-joins/')).toEqual({ 'content-security-policy': "frame-ancestors 'self'", 'x-both': 'first' });
  expect(headersFor(RULES, '/sandboxes/')).not.toHaveProperty('cache-control');
  expect(headersFor(RULES, '/exact.html')).toHaveProperty('x-exact', 'yes');
  expect(headersFor(RULES, '/exact.html/more')).not.toHaveProperty('x-exact');
});

test('a header line outside any rule is an error, not silently dropped', () => {
  expect(() => parseHeadersFile('  X-Orphan: 1\n')).toThrow(/unexpected line/);
});
