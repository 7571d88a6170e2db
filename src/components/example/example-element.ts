/**
 * <sai-example>: Run for a read-only example. Re-runs the code in the page's worker and
 * replaces the build-time output and diagrams with the fresh ones.
 */
import { pageRunner } from '../page-runner.ts';
import { renderResult } from '../exercise/results-view.ts';

class ExampleElement extends HTMLElement {
  #running = false;

  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button[data-action="run"]');
      if (button && this.contains(button)) void this.run();
    });
    this.dataset.ready = 'true';
    if (this.dataset.pendingAction === 'run') {
      delete this.dataset.pendingAction;
      void this.run();
    }
  }

  /** Runs the example in the browser and shows its output. */
  async run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const output = this.querySelector<HTMLElement>('[data-output]')!;
    output.setAttribute('aria-busy', 'true');
    try {
      const code = JSON.parse(this.querySelector('script[data-source]')?.textContent ?? '""') as string;
      const result = await pageRunner().run({ mode: 'example', code });
      // As many diagrams as the page drew at build time (Example.astro's jobs).
      renderResult(output, this.querySelector('[data-announce]'), result, 'example', { traces: Number(this.dataset.jobs) || 1 });
    } finally {
      output.removeAttribute('aria-busy');
      this.#running = false;
    }
  }
}

if (!customElements.get('sai-example')) customElements.define('sai-example', ExampleElement);
