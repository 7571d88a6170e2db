/**
 * One runner per page, shared by every exercise and example on it, so there is one warm
 * spare worker rather than one per island. Its workers live in the sandbox frame (an opaque
 * origin, see runner/sandbox/sandbox-frame.ts) and load and warm the modules the page's islands
 * name in data-modules. Its state ('booting' | 'ready' | 'running') is mirrored on
 * <html data-runner-state> so styles (and tests) can tell when Run is instant.
 */
import runnerBundles from 'virtual:sai-runner-bundle';
import { BrowserRunner } from '../runner/browser-runner.ts';
import { SandboxFrame } from '../runner/sandbox/sandbox-frame.ts';
import { sandboxUrl } from './sandbox-page.ts';
import { bundleFor } from './runner-bundle-choice.ts';

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
  if (runner) return runner;
  const modules = pageModules();
  const sandbox = new SandboxFrame({ sandboxUrl: sandboxUrl(), bundleUrl: bundleFor(modules, runnerBundles) });
  runner = new BrowserRunner({
    modules,
    createWorker: () => sandbox.createWorker(),
    onState: (state) => {
      document.documentElement.dataset.runnerState = state;
    },
  });
  return runner;
}
