/**
 * What the page imports from the runner: the data contract and the browser host. Node-only
 * pieces (node-runner.ts) and the harness itself (it lives inside the worker) stay out, so
 * this never pulls worker_threads or sucrase into the page bundle.
 */
export * from './protocol.ts';
export { BrowserRunner } from './browser-runner.ts';
export type { BrowserRunnerOptions, RunControls, RunnerState, RunnerWorker, RunnerWorkerError } from './browser-runner.ts';
