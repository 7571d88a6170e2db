/**
 * How a check says "wrong answer": an error the runner reads as a failed assertion (like chai's
 * AssertionError), carrying the expected and received values so the page can show both. Anything
 * else thrown while a check runs counts as the code crashing.
 */
export class CheckFailure extends Error {
  readonly expected: unknown;
  readonly actual: unknown;
  readonly showDiff: boolean;

  constructor(message: string, details: { expected?: unknown; actual?: unknown } = {}) {
    super(message);
    this.name = 'AssertionError';
    this.expected = details.expected;
    this.actual = details.actual;
    this.showDiff = 'expected' in details || 'actual' in details;
  }
}

/** True for a failed assertion from chai, vitest's expect or this library (not a crash). */
export function isAssertionFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AssertionError' || error instanceof CheckFailure);
}
