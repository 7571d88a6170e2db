/**
 * The 'vitest' module that hidden checks import: describe / test / it / beforeEach /
 * afterEach collect checks while checks.ts loads, and `expect` is vitest's own assertion
 * library (@vitest/expect: Jest-style matchers as chai plugins), so a check reads and fails
 * exactly like a vitest test. Checks then run one at a time, awaiting async ones.
 */
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  chai,
  getState,
  setState,
} from '@vitest/expect';
import type { ExpectStatic, MatcherState } from '@vitest/expect';
import { describeQuietly, formatValue, isError } from './format.ts';
import { inLearnerWords } from './assertion-words.ts';
import { nonErrorMessage } from './messages.ts';
import type { CheckResult, CodeFrame } from './protocol.ts';
import { errorText } from './transpile.ts';

// Plugin order as vitest installs them: JestExtend before the matchers that use it.
chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);
// Chai shortens values inside messages to this many characters; expected/received carry the full values.
chai.config.truncateThreshold = 60;

type Hook = () => unknown;
/** Where an error was thrown in the learner's own code (1-based), when it was. */
export type Locate = (error: unknown) => { line: number; column: number; callStack?: CodeFrame[] } | undefined;
type CheckFn = () => unknown;

interface Suite {
  name: string;
  parent?: Suite;
  beforeEach: Hook[];
  afterEach: Hook[];
}

interface Check {
  name: string;
  suite: Suite;
  fn: CheckFn;
}

export interface ChecksApi {
  describe(name: string, fn: () => void): void;
  test(name: string, fn: CheckFn): void;
  it(name: string, fn: CheckFn): void;
  beforeEach(fn: Hook): void;
  afterEach(fn: Hook): void;
  expect: CheckExpect;
}

/** vitest's expect: the matchers plus assertion counting. */
export type CheckExpect = ExpectStatic & {
  assertions(expected: number): void;
  hasAssertions(): void;
  unreachable(message?: string): never;
};

export interface CheckCollection {
  /** What `import ... from 'vitest'` gives checks.ts. */
  api: ChecksApi;
  count(): number;
  /**
   * Runs every collected check in order; `onResult` hears each one as it finishes. `console` is the
   * run's captured output: what was printed while a check ran becomes that check's output.
   */
  run(onResult: (result: CheckResult) => void, locate: Locate, console: { entries: readonly unknown[] }): Promise<void>;
}

export function createCheckCollection(): CheckCollection {
  const root: Suite = { name: '', beforeEach: [], afterEach: [] };
  const checks: Check[] = [];
  let current = root;
  const expect = createExpect();

  const describe = (name: string, fn: () => void): void => {
    const parent = current;
    current = { name, parent, beforeEach: [], afterEach: [] };
    try {
      fn();
    } finally {
      current = parent;
    }
  };
  const test = (name: string, fn: CheckFn): void => {
    checks.push({ name, suite: current, fn });
  };
  const api: ChecksApi = {
    describe,
    test,
    it: test,
    beforeEach: (fn) => void current.beforeEach.push(fn),
    afterEach: (fn) => void current.afterEach.push(fn),
    expect,
  };

  return {
    api,
    count: () => checks.length,
    async run(onResult, locate, console) {
      for (const check of checks) {
        const from = console.entries.length;
        const result = await runCheck(check, expect, locate);
        const printed = console.entries.slice(from) as CheckResult['output'];
        onResult(printed && printed.length > 0 ? { ...result, output: printed } : result);
      }
    },
  };
}

/** Same setup as vitest's own expect: chai.expect plus asymmetric matchers and a per-expect state. */
function createExpect(): CheckExpect {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
    return chai.expect(value, message);
  }) as CheckExpect;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<symbol, object>)[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState<MatcherState>(expect);
  expect.setState = (state) => setState(state, expect);
  expect.extend = (matchers) => (chai.expect as unknown as { extend: (e: ExpectStatic, m: unknown) => void }).extend(expect, matchers);
  expect.assertions = (expected: number) => setState({ expectedAssertionsNumber: expected }, expect);
  expect.hasAssertions = () => setState({ isExpectingAssertions: true }, expect);
  expect.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  resetState(expect, '');
  // Not published as the library's global expect (GLOBAL_EXPECT): learner code would find it there.
  return expect;
}

function resetState(expect: CheckExpect, testName: string): void {
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName: testName,
    },
    expect,
  );
}

function suitePath(suite: Suite): Suite[] {
  const path: Suite[] = [];
  for (let s: Suite | undefined = suite; s; s = s.parent) path.unshift(s);
  return path;
}

async function runCheck(check: Check, expect: CheckExpect, locate: Locate): Promise<CheckResult> {
  const suites = suitePath(check.suite);
  const name = [...suites.map((s) => s.name).filter(Boolean), check.name].join(' > ');
  const started = performance.now();
  resetState(expect, name);
  let failure: unknown;
  let failed = false;
  try {
    for (const suite of suites) for (const hook of suite.beforeEach) await hook();
    await check.fn();
    const state = expect.getState();
    if (state.expectedAssertionsNumber !== null && state.assertionCalls !== state.expectedAssertionsNumber) {
      throw new Error(`expected ${state.expectedAssertionsNumber} assertions, but ${state.assertionCalls} ran`);
    }
    if (state.isExpectingAssertions && state.assertionCalls === 0) {
      throw new Error('expected at least one assertion, but none ran');
    }
  } catch (err) {
    failed = true;
    failure = err;
  }
  try {
    for (const suite of suites.toReversed()) for (const hook of suite.afterEach) await hook();
  } catch (err) {
    if (!failed) {
      failed = true;
      failure = err;
    }
  }
  const durationMs = performance.now() - started;
  if (!failed) return { name, status: 'passed', durationMs };
  return { name, durationMs, ...describeFailure(failure, locate) };
}

/**
 * A failed assertion is a wrong answer ('failed', with the expected and received values); anything
 * else thrown means the code under test crashed ('error', with where it happened when known).
 */
function describeFailure(
  error: unknown,
  locate: Locate,
): Pick<CheckResult, 'status' | 'message' | 'expected' | 'received' | 'line' | 'column' | 'callStack'> {
  try {
    return describeReadable(error, locate);
  } catch (err) {
    // What was thrown fights being read (its getters or traps throw): say so, not that the runner broke.
    return { status: 'error', message: `The code under test threw something that cannot be read (reading it threw ${describeQuietly(err)}).` };
  }
}

function describeReadable(
  error: unknown,
  locate: Locate,
): Pick<CheckResult, 'status' | 'message' | 'expected' | 'received' | 'line' | 'column' | 'callStack'> {
  if (!isError(error)) return { status: 'error', message: `The code under test ${nonErrorMessage(formatValue(error))}` };
  const assertion = error as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean };
  // chai's AssertionError, or the error a matcher added with expect.extend throws.
  if (error.name === 'AssertionError' || ('actual' in assertion && 'expected' in assertion)) {
    // showDiff=false marks matchers such as toBeDefined whose undefined expected/actual mean "none".
    const show = (value: unknown) => assertion.showDiff !== false || value !== undefined;
    return {
      status: 'failed',
      message: inLearnerWords(stripAnsi(error.message)),
      ...(show(assertion.expected) ? { expected: formatValue(assertion.expected) } : {}),
      ...(show(assertion.actual) ? { received: formatValue(assertion.actual) } : {}),
    };
  }
  // Not an assertion: the code under test threw. Say where, when it was in the learner's code.
  const where = locate(error);
  if (!where) return { status: 'error', message: errorText(error) };
  return { status: 'error', message: `${errorText(error)} (line ${where.line} of your code)`, ...where };
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
