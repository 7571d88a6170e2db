/**
 * Hears errors that escape the run's own awaits: a rejected promise nobody handled, or an
 * exception thrown from a timer callback. Browsers (and Web Workers) announce them as events
 * on the global scope; Node announces them on `process`. Either way the run ends with a clear
 * error instead of the worker dying silently.
 */
export type AsyncErrorKind = 'rejection' | 'exception';

interface NodeProcess {
  on(event: string, listener: (reason: unknown) => void): void;
  off(event: string, listener: (reason: unknown) => void): void;
}

/** Starts listening; returns a function that stops. */
export function watchAsyncErrors(onError: (kind: AsyncErrorKind, reason: unknown) => void): () => void {
  const scope = globalThis as unknown as Partial<EventTarget>;
  if (typeof scope.addEventListener === 'function' && typeof scope.removeEventListener === 'function') {
    const onRejection = (event: Event) => {
      event.preventDefault();
      onError('rejection', (event as PromiseRejectionEvent).reason);
    };
    const onException = (event: Event) => {
      event.preventDefault();
      const errorEvent = event as ErrorEvent;
      onError('exception', errorEvent.error ?? errorEvent.message);
    };
    scope.addEventListener('unhandledrejection', onRejection);
    scope.addEventListener('error', onException);
    return () => {
      scope.removeEventListener?.('unhandledrejection', onRejection);
      scope.removeEventListener?.('error', onException);
    };
  }
  const process = (globalThis as { process?: NodeProcess }).process;
  if (!process) return () => {};
  const onRejection = (reason: unknown) => onError('rejection', reason);
  const onException = (reason: unknown) => onError('exception', reason);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
