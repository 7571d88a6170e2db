/**
 * <sai-exercise>: the interactive half of an exercise. The server renders the
 * instructions, the starter code, the buttons and the hints; this element upgrades that
 * markup into an editor that runs the hidden checks in a worker, and keeps the learner's
 * code and status in localStorage.
 */
import type { Completion } from '@codemirror/autocomplete';
import type { RunResult } from '../../runner/protocol.ts';
import { browserStorage, forgetEditorHistory, forgetExercise, loadExercise, saveExercise, type ExerciseStatus } from '../../progress/store.ts';
import { badgeStatus, showStatus } from '../../progress/badge.ts';
import { pageRunner } from '../page-runner.ts';
import { createEditor, type CodeEditor } from './editor.ts';
import { languageFeatures } from './language-features.ts';
import type { ExercisePayload } from './payload.ts';
import { ensureTraceStyles, renderResult } from './results-view.ts';
import { revealResult } from './reveal-result.ts';
import { RunIndicator } from './run-indicator.ts';
import { showShortcuts } from './shortcuts.ts';
import { restoreState, saveHistory } from './undo-history.ts';

const SAVE_DELAY_MS = 300;
/** Quiet time after typing before the code is type-checked. */
const TYPECHECK_DELAY_MS = 400;

class ExerciseElement extends HTMLElement {
  #payload!: ExercisePayload;
  #editor?: CodeEditor;
  #status: ExerciseStatus = 'not-started';
  #everPassed = false;
  /** The solution was revealed before the first pass (store.ts SavedExercise.solutionRevealed). */
  #solutionRevealed = false;
  #revealedHints = 0;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #indicator!: RunIndicator;
  #typeCheckTimer: ReturnType<typeof setTimeout> | undefined;
  /** Saves what is still waiting to be saved when the tab is closed or the learner navigates away. */
  #saveOnLeave = () => {
    if (this.#saveTimer !== undefined) this.#flushSave();
  };

  connectedCallback(): void {
    window.addEventListener('pagehide', this.#saveOnLeave);
    if (this.#editor) return;
    const script = this.querySelector('script[data-payload]');
    this.#payload = JSON.parse(script?.textContent ?? '{}') as ExercisePayload;
    const saved = loadExercise(browserStorage(), this.#payload.id);
    this.#status = saved?.status ?? 'not-started';
    this.#everPassed = saved?.everPassed ?? false;
    this.#solutionRevealed = saved?.solutionRevealed ?? false;

    const host = this.querySelector<HTMLElement>('[data-editor]')!;
    const hadFocus = host.contains(document.activeElement);
    host.replaceChildren();
    const completions = this.#payload.completions.map(([label, type, detail]): Completion => ({ label, type, detail }));
    const hints = languageFeatures({ modules: this.#payload.modules, fallback: completions, status: this.querySelector('[data-assist-status]') });
    this.#editor = createEditor(host, {
      doc: saved?.code ?? this.#payload.starter,
      label: `Code for exercise: ${this.#payload.title}`,
      // From the keyboard shortcut: the learner is typing, so focus stays in the editor.
      onRun: () => void this.run({ fromEditor: true }),
      onChange: () => this.#codeChanged(),
      extensions: [hints.extension],
      restore: (config) => restoreState(browserStorage(), this.#payload.id, config),
    });
    hints.loadWhenWanted(this);
    if (hadFocus) this.#editor.focus();

    this.#indicator = new RunIndicator({
      root: this,
      runButton: this.querySelector<HTMLButtonElement>('button[data-action="run"]')!,
      stopButton: this.querySelector<HTMLButtonElement>('button[data-action="stop"]'),
      clock: this.querySelector<HTMLElement>('[data-run-clock]'),
      announcer: this.querySelector<HTMLElement>('[data-announce]'),
    });

    for (let i = 0; i < Math.min(saved?.revealedHints ?? 0, this.#payload.hintCount); i++) this.#revealHint(false);
    // The learner is working here: spares booted from now on rehearse this exercise.
    this.addEventListener('focusin', () => this.#rehearseHere());
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button && this.contains(button)) this.#act(button.dataset.action ?? '');
    });
    this.#paintStatus();
    // Show the shortcut as this keyboard has it: Cmd on Apple devices, Ctrl elsewhere.
    if (/Mac|iPhone|iPad/.test(navigator.platform)) this.querySelector('button[data-action="run"] kbd')?.replaceChildren('⌘ ⏎');
    showShortcuts(this);
    pageRunner(); // boots the warm worker now, so the first Run does not wait for it
    ensureTraceStyles(); // restyles the page once now rather than on the first Run
    this.dataset.ready = 'true';

    // A button pressed before this code arrived is carried out now.
    const pending = this.dataset.pendingAction;
    delete this.dataset.pendingAction;
    if (pending) this.#act(pending);
  }

  disconnectedCallback(): void {
    window.removeEventListener('pagehide', this.#saveOnLeave);
    this.#flushSave();
  }

  /** Runs the learner's code against the hidden checks and shows the result. */
  async run(how: { fromEditor?: boolean } = {}): Promise<void> {
    if (this.#running || !this.#editor) return;
    this.#running = true;
    this.#rehearseHere();
    const results = this.querySelector<HTMLElement>('[data-results]')!;
    results.setAttribute('aria-busy', 'true');
    const signal = this.#indicator.start();
    let result: RunResult;
    let stoppedFromButton = false;
    try {
      result = await pageRunner().run(
        {
          mode: 'exercise',
          code: this.#editor.getCode(),
          modules: this.#payload.modules,
          compiledChecks: this.#payload.compiledChecks,
          timeoutMs: this.#payload.timeoutMs,
        },
        { signal },
      );
    } finally {
      ({ stoppedFromButton } = this.#indicator.finish());
      this.#running = false;
      results.removeAttribute('aria-busy');
    }
    renderResult(results, this.querySelector('[data-announce]'), result, 'exercise');
    // Focus leaves the editor only for a learner who was not typing (or whose Stop button just vanished).
    revealResult(results, { focus: !how.fromEditor || stoppedFromButton });
    // The line to look at: where the run stopped, or else where the first crashed check threw.
    const spot = result.error ?? result.checks.find((check) => check.status === 'error' && check.line);
    this.#editor.markError(spot?.line && spot.message ? { line: spot.line, column: spot.column, message: spot.message } : null);
    if (result.status === 'passed') this.#everPassed = true;
    this.#status = result.status === 'passed' ? 'passed' : 'in-progress';
    this.dataset.state = result.status;
    this.#paintStatus();
    // Saved in the next task, so writing storage does not hold back the results on screen.
    this.#scheduleSave(0);
  }

  /**
   * Spares warm up on this exercise's reference solution and checks (see BrowserRunner.rehearse),
   * and transpile the learner's code as it stands (BrowserRunner.prepare).
   */
  #rehearseHere(): void {
    const { solution, modules, compiledChecks, timeoutMs } = this.#payload;
    pageRunner().rehearse({ mode: 'exercise', code: solution, modules, compiledChecks, timeoutMs });
    this.#prepareRun();
  }

  #prepareRun(): void {
    if (this.#editor) pageRunner().prepare(this.#editor.getCode());
  }

  #act(action: string): void {
    if (action === 'run') void this.run();
    else if (action === 'stop') this.#indicator.stop();
    else if (action === 'reset') this.#reset();
    else if (action === 'hint') this.#revealHint(true);
    else if (action === 'solution') this.#revealSolution();
  }

  #reset(): void {
    if (!this.#editor) return;
    const changed = this.#editor.getCode() !== this.#payload.starter || this.#everPassed;
    const question = this.#everPassed
      ? 'Reset this exercise? Your code goes back to the starter and the exercise is no longer marked passed.'
      : 'Reset the editor to the starter code? Your code will be lost.';
    if (changed && !window.confirm(question)) return;
    this.#editor.setCode(this.#payload.starter);
    this.#editor.markError(null);
    this.querySelector('[data-results]')?.replaceChildren();
    // Reset starts the exercise over, pass included: a pass stands only for a run of the code shown.
    this.#status = 'not-started';
    this.#everPassed = false;
    this.#solutionRevealed = false;
    this.#paintStatus();
    this.#flushSave(); // untouched now: forgets the code and its undo history
  }

  /** Shows the next hidden hint; `byUser` moves focus to it so it is read out. */
  #revealHint(byUser: boolean): void {
    const next = this.querySelector<HTMLElement>('[data-hints] > li[hidden]');
    if (!next) return;
    next.hidden = false;
    this.#revealedHints += 1;
    const button = this.querySelector<HTMLButtonElement>('button[data-action="hint"]')!;
    const left = this.#payload.hintCount - this.#revealedHints;
    button.textContent = left > 0 ? `Show hint ${this.#revealedHints + 1} of ${this.#payload.hintCount}` : 'All hints shown';
    if (left === 0) button.disabled = true;
    this.querySelector<HTMLElement>('[data-hints]')!.hidden = false;
    if (byUser) {
      next.focus();
      this.#scheduleSave();
    }
  }

  #revealSolution(): void {
    if (!this.#editor) return;
    if (!window.confirm('Reveal the solution? It replaces the code in the editor.')) return;
    // A pass that comes after seeing the solution is shown as such; one that came before stays a pass.
    if (!this.#everPassed) this.#solutionRevealed = true;
    this.#editor.setCode(this.#payload.solution);
    this.#editor.focus();
  }

  #codeChanged(): void {
    if (this.#status === 'not-started') {
      this.#status = 'in-progress';
      this.#paintStatus();
    }
    this.#scheduleSave();
    clearTimeout(this.#typeCheckTimer);
    this.#typeCheckTimer = setTimeout(() => {
      // A pause in typing: the spare transpiles the code now, so the next Run need not.
      this.#prepareRun();
      void this.#typeCheck();
    }, TYPECHECK_DELAY_MS);
  }

  /**
   * Underlines type errors and lists them under the editor. The checker (TypeScript itself,
   * in a worker) loads on first focus or when the page is idle (language-features.ts), not with the page.
   */
  async #typeCheck(): Promise<void> {
    if (!this.#editor) return;
    const code = this.#editor.getCode();
    const { typeCheck } = await import('../../typecheck/type-check-client.ts');
    const diagnostics = await typeCheck(code, this.#payload.modules);
    if (this.#editor.getCode() !== code) return; // typed on meanwhile: a newer check is coming
    this.#editor.markTypeErrors(diagnostics);
    const list = this.querySelector<HTMLElement>('[data-type-errors]');
    list?.replaceChildren(
      ...diagnostics.map((d) => {
        const item = document.createElement('li');
        item.textContent = `Line ${d.line}: ${d.message}`;
        return item;
      }),
    );
  }

  #paintStatus(): void {
    showStatus(this.closest('.sai-exercise') ?? this, badgeStatus({ status: this.#status, everPassed: this.#everPassed, solutionRevealed: this.#solutionRevealed }));
    const next = this.querySelector<HTMLElement>('[data-next-step]');
    if (next) next.hidden = !this.#everPassed;
  }

  #scheduleSave(delayMs = SAVE_DELAY_MS): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#flushSave(), delayMs);
  }

  #flushSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    if (!this.#editor) return;
    const code = this.#editor.getCode();
    const untouched = this.#status === 'not-started' && code === this.#payload.starter && this.#revealedHints === 0 && !this.#solutionRevealed;
    if (untouched) {
      forgetExercise(browserStorage(), this.#payload.id);
      return forgetEditorHistory(browserStorage(), this.#payload.id);
    }
    saveHistory(browserStorage(), this.#payload.id, this.#editor.state());
    saveExercise(browserStorage(), this.#payload.id, {
      code,
      status: this.#status,
      everPassed: this.#everPassed,
      revealedHints: this.#revealedHints,
      solutionRevealed: this.#solutionRevealed,
    });
  }
}

if (!customElements.get('sai-exercise')) customElements.define('sai-exercise', ExerciseElement);
