/**
 * <sai-example>: turns a runnable example into a small playground. The server renders the
 * highlighted code with its build-time output and diagrams; this element swaps the code for
 * an editor, runs the reader's version in the page's worker and draws its output and diagrams
 * in place of the build-time ones. Reset brings back the original code and its output.
 * Edits are deliberately not saved: an example is for trying things, its original is the point.
 */
import { pageRunner } from '../page-runner.ts';
import { createEditor, type CodeEditor } from '../exercise/editor.ts';
import { ensureTraceStyles, renderResult } from '../exercise/results-view.ts';
import { revealResult } from '../exercise/reveal-result.ts';
import { RunIndicator } from '../exercise/run-indicator.ts';
import { showShortcuts } from '../exercise/shortcuts.ts';

class ExampleElement extends HTMLElement {
  #editor?: CodeEditor;
  #original = '';
  /** The build-time output, put back by Reset. */
  #originalOutput?: Node[];
  #running = false;
  #indicator?: RunIndicator;

  connectedCallback(): void {
    if (this.dataset.ready) return;
    // Without the final newline, which the highlighted block does not show as a line either.
    this.#original = (JSON.parse(this.querySelector('script[data-source]')?.textContent ?? '""') as string).trimEnd();
    this.#upgradeEditor();
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button && this.contains(button)) this.#act(button.dataset.action ?? '');
    });
    const output = this.querySelector<HTMLElement>('[data-output]')!;
    this.#originalOutput = [...output.childNodes].map((node) => node.cloneNode(true));
    this.#reveal('[data-edit-hint]', '[data-action="reset"]', '[data-shortcut]');
    // Show the shortcut as this keyboard has it: Cmd on Apple devices, Ctrl elsewhere.
    if (/Mac|iPhone|iPad/.test(navigator.platform)) this.querySelector('[data-shortcut]')?.replaceChildren('⌘ ⏎');
    showShortcuts(this);
    this.dataset.ready = 'true';
    const pending = this.dataset.pendingAction;
    delete this.dataset.pendingAction;
    if (pending) this.#act(pending);
  }

  /** Replaces the highlighted code with an editor of the same code (the same box and line height), keeping focus. */
  #upgradeEditor(): void {
    const host = this.querySelector<HTMLElement>('[data-editor]')!;
    const hadFocus = host.contains(document.activeElement);
    host.replaceChildren();
    const name = this.dataset.name ?? this.dataset.exampleId ?? '';
    this.#editor = createEditor(host, {
      doc: this.#original,
      label: `Code for example: ${name}`,
      onRun: () => void this.run(),
      onChange: () => this.#codeChanged(),
      wrap: false,
    });
    const hint = this.querySelector<HTMLElement>('[data-edit-hint]');
    if (hint?.id) host.querySelector('.cm-content')?.setAttribute('aria-describedby', hint.id);
    if (hadFocus) this.#editor.focus();
  }

  #reveal(...selectors: string[]): void {
    for (const selector of selectors) {
      const element = this.querySelector<HTMLElement>(selector);
      if (element) element.hidden = false;
    }
  }

  #act(action: string): void {
    if (action === 'run') void this.run();
    else if (action === 'stop') this.#indicator?.stop();
    else if (action === 'reset') this.#reset();
  }

  #codeChanged(): void {
    const reset = this.querySelector<HTMLButtonElement>('button[data-action="reset"]');
    if (reset) reset.disabled = this.#editor?.getCode() === this.#original;
  }

  /** Runs the code in the editor and shows its output and diagrams. */
  async run(): Promise<void> {
    if (this.#running || !this.#editor) return;
    this.#running = true;
    const output = this.querySelector<HTMLElement>('[data-output]')!;
    const announcer = this.querySelector<HTMLElement>('[data-announce]');
    const runButton = this.querySelector<HTMLButtonElement>('button[data-action="run"]')!;
    output.setAttribute('aria-busy', 'true');
    this.#indicator ??= new RunIndicator({
      root: this,
      runButton,
      stopButton: this.querySelector<HTMLButtonElement>('button[data-action="stop"]'),
      clock: this.querySelector<HTMLElement>('[data-run-clock]'),
      announcer,
    });
    const signal = this.#indicator.start();
    ensureTraceStyles();
    try {
      const result = await pageRunner().run({ mode: 'example', code: this.#editor.getCode() }, { signal });
      // As many diagrams as the page drew at build time (Example.astro's jobs).
      renderResult(output, announcer, result, 'example', { traces: Number(this.dataset.jobs) || 1 });
      const error = result.error;
      this.#editor.markError(error?.line ? { line: error.line, column: error.column, message: error.message } : null);
      this.dataset.state = result.status;
    } catch (error) {
      // The runner itself failed (not the code): say so, and leave the page usable for another try.
      const message = `The example could not be run: ${error instanceof Error ? error.message : String(error)}`;
      const note = document.createElement('p');
      note.className = 'sai-result__summary sai-result__summary--error';
      note.textContent = message;
      output.replaceChildren(note);
      if (announcer) announcer.textContent = message;
      this.dataset.state = 'error';
    } finally {
      const { stoppedFromButton } = this.#indicator.finish();
      output.removeAttribute('aria-busy');
      this.#running = false;
      // The Stop button just vanished under the learner's focus: the result takes it.
      if (stoppedFromButton) revealResult(output, { focus: true });
    }
  }

  /** Puts the original code and its build-time output back. */
  #reset(): void {
    if (!this.#editor || this.#running) return;
    this.#editor.setCode(this.#original);
    this.#editor.markError(null);
    const output = this.querySelector<HTMLElement>('[data-output]')!;
    if (this.#originalOutput) output.replaceChildren(...this.#originalOutput.map((node) => node.cloneNode(true)));
    delete this.dataset.state;
    const announcer = this.querySelector<HTMLElement>('[data-announce]');
    if (announcer) announcer.textContent = 'Example reset to its original code and output.';
    // Reset is now disabled (nothing to undo): focus goes on to the code rather than being lost.
    this.#editor.focus();
  }
}

if (!customElements.get('sai-example')) customElements.define('sai-example', ExampleElement);
