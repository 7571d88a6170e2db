import { expect, test } from 'vitest';
import { singleStylesheets } from '../../../src/build/single-stylesheets.ts';

test('a stylesheet linked again further down the page is linked once, where it first was', () => {
  const page = [
    '<head><link rel="stylesheet" href="/_astro/site.css"></head><body>',
    '<div><link rel="stylesheet" href="/_astro/ec.css"><pre>one</pre></div>',
    '<div><link rel="stylesheet" href="/_astro/ec.css"><pre>two</pre></div>',
    '<link href="/_astro/ec.css" rel="stylesheet" media="all">',
    '<link rel="preload" href="/_astro/ec.css" as="style">',
    '<link rel="stylesheet" href="/_astro/print.css" media="print"></body>',
  ].join('\n');
  expect(singleStylesheets(page)).toBe(
    [
      '<head><link rel="stylesheet" href="/_astro/site.css"></head><body>',
      '<div><link rel="stylesheet" href="/_astro/ec.css"><pre>one</pre></div>',
      '<div><pre>two</pre></div>',
      '',
      '<link rel="preload" href="/_astro/ec.css" as="style">',
      '<link rel="stylesheet" href="/_astro/print.css" media="print"></body>',
    ].join('\n'),
  );
});

test('a page without repeats is left as it is', () => {
  const page = '<link rel="stylesheet" href="/a.css"><link rel="stylesheet" href="/b.css">';
  expect(singleStylesheets(page)).toBe(page);
});
