/**
 * One runner per page, shared by every exercise and example on it, so there is one warm
 * spare worker rather than one per island. Its workers load and warm the modules the page's
 * islands name in data-modules, and nothing else. Its state ('booting' | 'ready' | 'running')
 * is mirrored on <html data-runner-state> so styles (and tests) can tell when Run is instant.
 */
import { BrowserRunner } from '../runner/browser-runner.ts';

let runner: BrowserRunner | undefined;

/** Every module some exercise or example on this page uses. */
function pageModules(): string[] {
  const names = new Set<string>();
  for (const island of document.querySelectorAll<HTMLElement>('[data-modules]')) {
    for (const name of (island.dataset.modules ?? '').split(' ')) if (name) names.add(name);
  }
  return [...names];
}

export function pageRunner(): BrowserRunner {
  runner ??= new BrowserRunner({
    modules: pageModules(),
    onState: (state) => {
      document.documentElement.dataset.runnerState = state;
    },
  });
  return runner;
}
