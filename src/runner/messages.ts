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

/** The learner pressed Stop. */
/** Measured time, to the tenth, as the run's clock shows it ("1.0 s", never "1 s"). */
export function elapsedSeconds(ms: number): string {
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

export function stoppedByLearnerMessage(ms: number): string {
  return `You stopped the run after ${elapsedSeconds(ms)}. Anything your code printed until then is shown below.`;
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
  const names = allowed.map((name) => `'${name}'`);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join('');
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

/** The sandbox page or the runner's code could not be loaded (offline, before the site was kept). */
export function runnerUnavailableMessage(offline: boolean): string {
  return offline
    ? 'The code runner is not available offline yet: its files were not saved on this device. Press Run again once you are online.'
    : 'The code runner could not be loaded (a network error). Press Run again to retry.';
}

export function outOfMemoryMessage(): string {
  return 'Stopped: your code ran out of memory (a collection that keeps growing?). The runner was restarted; press Run again.';
}

export function versionMismatchMessage(page: number, worker: number): string {
  return `The page (protocol ${page}) and the runner (protocol ${worker}) are out of date with each other. Reload the page.`;
}

/** The page could not accept what came back from the sandbox. */
export function unreadableResultMessage(what: string): string {
  return `The run returned something unreadable (${what} is not in the expected form), so it does not count. Press Run again; if this keeps happening, your code may be tampering with the runner.`;
}

/** The harness itself failed (not the learner's code as such). */
export function harnessCrashedMessage(reason: string): string {
  return `The checks could not finish: the runner itself failed (${reason}). This can happen when code replaces built-in objects the runner needs. Press Run again.`;
}

/** The learner's code called close() on the worker. */
export function closeCalledMessage(): string {
  return 'Your code called close(), which would stop the runner itself. Remove that call.';
}
