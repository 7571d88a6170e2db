/**
 * What a Run looks like while it is in flight. An instant run shows nothing (no flicker); one
 * that takes longer than a moment dims the old results, shows "Running… 1.2 s" and a Stop
 * button that ends it at once (an infinite loop need not wait for its time limit).
 */
import { elapsedSeconds } from '../../runner/messages.ts';

/** How long a run may take before it is shown as running. */
export const RUNNING_DELAY_MS = 150;
const CLOCK_TICK_MS = 100;

export interface RunIndicatorParts {
  /** Gets data-state="running" (styles dim the old results). */
  root: HTMLElement;
  runButton: HTMLButtonElement;
  stopButton: HTMLButtonElement | null;
  clock: HTMLElement | null;
  announcer: HTMLElement | null;
}

export class RunIndicator {
  #parts: RunIndicatorParts;
  #controller: AbortController | undefined;
  #showTimer: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;
  #stopHadFocus = false;

  constructor(parts: RunIndicatorParts) {
    this.#parts = parts;
  }

  /** A run begins: returns the signal that Stop aborts. */
  start(): AbortSignal {
    this.#controller = new AbortController();
    this.#stopHadFocus = false;
    const started = performance.now();
    const { root, runButton, stopButton, clock, announcer } = this.#parts;
    this.#showTimer = setTimeout(() => {
      runButton.setAttribute('aria-disabled', 'true');
      root.dataset.state = 'running';
      if (stopButton) stopButton.hidden = false;
      if (announcer) announcer.textContent = 'Running your code. Press Stop to end the run.';
      const paint = () => {
        if (clock) clock.textContent = `Running… ${elapsedSeconds(performance.now() - started)}`;
      };
      paint();
      this.#tick = setInterval(paint, CLOCK_TICK_MS);
    }, RUNNING_DELAY_MS);
    return this.#controller.signal;
  }

  /** Ends the run in flight (the runner answers with a "stopped" result). */
  stop(): void {
    this.#stopHadFocus = this.#parts.stopButton !== null && document.activeElement === this.#parts.stopButton;
    this.#controller?.abort();
  }

  /** The run is over: back to idle. Says whether the learner stopped it from the Stop button. */
  finish(): { stoppedFromButton: boolean } {
    clearTimeout(this.#showTimer);
    clearInterval(this.#tick);
    const { runButton, stopButton, clock } = this.#parts;
    runButton.removeAttribute('aria-disabled');
    if (stopButton) stopButton.hidden = true;
    if (clock) clock.textContent = '';
    this.#controller = undefined;
    return { stoppedFromButton: this.#stopHadFocus };
  }
}
