import { describe, expect, test } from 'vitest';
import { clipText, escapeXml, formatBytes, formatCompact, formatCount, formatRatio, formatRecords } from '../../../src/components/diagram/format.ts';

describe('format', () => {
  test('counts get thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1200)).toBe('1,200');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  test('records are pluralised', () => {
    expect(formatRecords(1)).toBe('1 record');
    expect(formatRecords(1200)).toBe('1,200 records');
  });

  test('bytes use 1024 steps like Spark size configs', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(48 * 1024)).toBe('48 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
  });

  test('compact labels for small boxes', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1200)).toBe('1.2k');
    expect(formatCompact(48_000)).toBe('48k');
    expect(formatCompact(2_500_000)).toBe('2.5M');
  });

  test('ratios', () => {
    expect(formatRatio(5)).toBe('5x');
    expect(formatRatio(2.46)).toBe('2.5x');
    expect(formatRatio(12.3)).toBe('12x');
  });

  test('odd numbers from a trace print as "?" or in full, never as NaN, Infinity or an exponent', () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(formatCount(n)).toBe('?');
      expect(formatCompact(n)).toBe('?');
      expect(formatBytes(n)).toBe('? B');
      expect(formatRatio(n)).toBe('?x');
    }
    expect(formatCount(2e21)).toBe('2,000,000,000,000,000,000,000');
    expect(formatCount(-1200)).toBe('-1,200');
    expect(formatBytes(1e18)).toBe('909,495 TB');
  });

  test('clipping text', () => {
    expect(clipText('short', 10)).toBe('short');
    expect(clipText('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(clipText('x'.repeat(20), 10)).toHaveLength(10);
  });

  test('escaping covers markup, ampersands and quotes', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
  });
});
