/**
 * Every sentence the runner says to a learner about how their run ended, in one place, so the
 * browser host, the Node host and the harness word the same situation the same way.
 */

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** A host stopped the worker from outside: the code never gave the thread back. */
export function stillRunningMessage(timeoutMs: number): string {
  return (
    `Stopped after ${seconds(timeoutMs)}: your code was still running (an infinite loop?). ` +
    'Look for a loop whose condition never becomes false.'
  );
}

/** The harness's own timer fired: the thread was free, but the run was still awaiting something. */
export function neverSettledMessage(timeoutMs: number): string {
  return (
    `Stopped after ${seconds(timeoutMs)}: your code was still waiting for a promise that never settled. ` +
    'Look for an await on a promise that is never resolved or rejected.'
  );
}

export function unhandledRejectionMessage(reason: string): string {
  return `A promise was rejected and nothing handled it: ${reason}. Add await (or .catch) where that promise is used.`;
}

export function uncaughtCallbackErrorMessage(reason: string): string {
  return `An error was thrown in a callback after your code returned: ${reason}`;
}

export function nonErrorMessage(rendered: string): string {
  return `threw a non-Error value: ${rendered}. Throw new Error('...') instead to get a message and a line number.`;
}

export function forbiddenImportMessage(specifier: string, allowed: readonly string[]): string {
  const list = allowed.map((name) => `'${name}'`).join(', ');
  return `Only ${list} can be imported here (not '${specifier}').`;
}

export function missingExportMessage(module: string, name: string): string {
  return `'${module}' has no export named '${name}'. Check the spelling against that module's API.`;
}

export function missingSolutionExportMessage(name: string): string {
  return `Your code does not export '${name}', which the checks use. Keep the name and the \`export\` from the starter code.`;
}

export function workerCrashedMessage(reason: string): string {
  return `The runner stopped unexpectedly: ${reason}. Press Run again.`;
}

export function outOfMemoryMessage(): string {
  return 'Stopped: your code used too much memory (a collection that keeps growing?).';
}

export function versionMismatchMessage(page: number, worker: number): string {
  return `The page (protocol ${page}) and the runner (protocol ${worker}) are out of date with each other. Reload the page.`;
}
