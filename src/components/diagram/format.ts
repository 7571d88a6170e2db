/**
 * Number formatting for diagrams and their captions. Written by hand (not Intl) so the
 * output is identical in Node at build time and in every browser locale.
 */

/** 1200 -> "1,200". A value that is not a number at all (from an odd trace) is "?". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '?';
  const sign = n < 0 ? '-' : '';
  const whole = Math.round(Math.abs(n));
  // From 1e21 on, String() switches to exponent notation; BigInt spells every digit.
  const digits = whole >= 1e21 ? BigInt(whole).toString() : String(whole);
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 record", "1,200 records". */
export function formatRecords(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'record' : 'records'}`;
}

const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * 49152 -> "48 KB". Binary steps (1 KB = 1024 bytes), the way Spark reads size configs
 * such as spark.sql.autoBroadcastJoinThreshold=10MB (10485760 bytes).
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '? B';
  if (bytes < 1024) return `${formatCount(bytes)} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal below 100 ("1.5 KB"), whole numbers above ("240 MB").
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded >= 1000 ? formatCount(rounded) : String(rounded)} ${BYTE_UNITS[unit]}`;
}

/** Short label for a box: 950 -> "950", 1200 -> "1.2k", 48000 -> "48k", 2500000 -> "2.5M". */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return '?';
  const steps: Array<[number, string]> = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [size, suffix] of steps) {
    if (n >= size) {
      const v = n / size;
      const r = v >= 10 ? Math.round(v) : Math.round(v * 10) / 10;
      return `${r}${suffix}`;
    }
  }
  return String(Math.round(n));
}

/** A ratio such as 5 -> "5x", 2.46 -> "2.5x", 12.3 -> "12x". */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '?x';
  return r >= 10 ? `${Math.round(r)}x` : `${Math.round(r * 10) / 10}x`;
}

/** At most `max` characters, the last of them "…" when something was cut. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for SVG/HTML content and attribute values (one pass: diagrams escape hundreds of labels). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
