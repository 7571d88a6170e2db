import { expect, test } from 'vitest';
import { inlineMarkdown } from '../../../src/components/inline-markdown.ts';

test('renders code, bold and emphasis', () => {
  expect(inlineMarkdown('Use `partitionBy` on **both** sides, *then* zip')).toBe(
    'Use <code>partitionBy</code> on <strong>both</strong> sides, <em>then</em> zip',
  );
});

test('escapes markup so a hint cannot inject HTML', () => {
  expect(inlineMarkdown('<img src=x onerror=alert(1)> & `a<b`')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; <code>a&lt;b</code>');
});
