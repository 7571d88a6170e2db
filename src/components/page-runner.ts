/**
 * One runner per page, shared by every exercise and example on it, so there is one warm
 * spare worker rather than one per island.
 */
import { BrowserRunner } from '../runner/browser-runner.ts';

let runner: BrowserRunner | undefined;

export function pageRunner(): BrowserRunner {
  runner ??= new BrowserRunner();
  return runner;
}
