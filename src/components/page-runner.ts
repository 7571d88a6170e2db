/**
 * One runner per page, shared by every exercise and example on it, so there is one warm
 * spare worker rather than one per island. Its state ('booting' | 'ready' | 'running') is
 * mirrored on <html data-runner-state> so styles (and tests) can tell when Run is instant.
 */
import { BrowserRunner } from '../runner/browser-runner.ts';

let runner: BrowserRunner | undefined;

export function pageRunner(): BrowserRunner {
  runner ??= new BrowserRunner({
    onState: (state) => {
      document.documentElement.dataset.runnerState = state;
    },
  });
  return runner;
}
