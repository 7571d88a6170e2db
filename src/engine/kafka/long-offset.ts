/**
 * How KafkaJS 2.2.4 reads an offset a caller hands it: `Long.fromValue` (src/utils/long.js), a
 * BigInt wrapper. Reproduced because learners pass strings, numbers and mistakes ('41' + 1 is the
 * string '411', read as offset 411, not 42):
 *   - number: NaN reads as 0; otherwise BigInt(n), so 41.5 or Infinity throw a RangeError;
 *   - string: '' throws; 'NaN', 'Infinity', '+Infinity', '-Infinity' read as 0; otherwise BigInt(s),
 *     so '41' is 41, ' 41 ' is 41, '0x29' is 41 and '41.0' or 'abc' throw a SyntaxError;
 *   - bigint as is; anything else BigInt(value) (true is 1, null and undefined throw a TypeError).
 * The engine keeps offsets as numbers, so a value beyond Number.MAX_SAFE_INTEGER is refused (Kafka's
 * offsets are int64; no simulated log gets near 2^53).
 */
export type OffsetInput = string | number | bigint;

/** Plain decimals short enough to be exact as numbers ('-0' and '007' read as BigInt reads them: 0 and 7). */
const SHORT_DECIMAL = /^-?\d{1,15}$/;

export function offsetFromValue(value: unknown): number {
  // Fast paths for what the engine itself passes (and learners mostly do): same result as below.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && SHORT_DECIMAL.test(value)) return Number(value);
  const long = longFromValue(value);
  if (long > BigInt(Number.MAX_SAFE_INTEGER) || long < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Offset ${long} is beyond what the simulated broker holds (${Number.MAX_SAFE_INTEGER} at most).`);
  }
  return Number(long);
}

function longFromValue(value: unknown): bigint {
  if (typeof value === 'number') return Number.isNaN(value) ? 0n : BigInt(value);
  if (typeof value === 'string') {
    if (value.length === 0) throw new Error('empty string');
    if (value === 'NaN' || value === 'Infinity' || value === '+Infinity' || value === '-Infinity') return 0n;
    return BigInt(value);
  }
  if (typeof value === 'bigint') return value;
  return BigInt(value as never);
}
