/**
 * <sai-progress-panel>: "Your progress" on the course map. Paints every exercise's status on the
 * page (the panel's list and the course map), and offers Export, Import and Reset all. Import
 * and Reset all ask first; a bad file is refused whole with its reason (transfer.ts).
 */
import { badgeStatus, showStatus } from './badge.ts';
import { loadExercise } from './store.ts';
import { applyImport, buildExport, checkFileSize, collectProgress, exportFileName, readImport, resetAllProgress, type ListableStorage } from './transfer.ts';

const NO_STORAGE = 'Progress cannot be kept in this browser (its storage is turned off), so there is nothing to export, import or reset.';

/** localStorage, or undefined where reading it throws (some privacy modes). */
function siteStorage(): ListableStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

class ProgressPanel extends HTMLElement {
  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (!button || !this.contains(button)) return;
      if (button.dataset.action === 'export') this.#export();
      else if (button.dataset.action === 'reset-all') this.#resetAll();
    });
    this.querySelector<HTMLInputElement>('input[data-import]')?.addEventListener('change', (event) => void this.#import(event.target as HTMLInputElement));
    const actions = this.querySelector<HTMLElement>('[data-actions]');
    if (actions) actions.hidden = false;
    this.paint();
    this.dataset.ready = 'true';
  }

  /** Shows every exercise's saved status on the page, and the totals. */
  paint(): void {
    const storage = siteStorage();
    let passed = 0;
    let revealed = 0;
    let started = 0;
    const ids = new Set<string>();
    for (const item of document.querySelectorAll<HTMLElement>('[data-progress-id]')) {
      const id = item.dataset.progressId ?? '';
      const saved = loadExercise(storage, id);
      const status = badgeStatus(saved);
      showStatus(item, status);
      const when = item.querySelector<HTMLElement>('[data-saved-at]');
      if (when) when.textContent = saved?.updatedAt ? ` · saved ${new Date(saved.updatedAt).toLocaleString()}` : '';
      if (ids.has(id)) continue; // the course map and the panel list the same exercise
      ids.add(id);
      if (status === 'passed' || status === 'passed-revealed') passed += 1;
      if (status === 'passed-revealed') revealed += 1;
      if (status === 'in-progress') started += 1;
    }
    const summary = this.querySelector<HTMLElement>('[data-progress-summary]');
    if (summary) {
      const shown = revealed > 0 ? ` (${revealed} of them with the solution shown)` : '';
      summary.textContent = `Passed ${passed} of ${plural(ids.size, 'exercise')}${shown}; ${started} in progress.`;
    }
  }

  #say(message: string): void {
    const status = this.querySelector<HTMLElement>('[data-progress-message]');
    if (status) status.textContent = message;
  }

  #export(): void {
    const storage = siteStorage();
    if (!storage) return this.#say(NO_STORAGE);
    const exercises = collectProgress(storage);
    const count = Object.keys(exercises).length;
    if (count === 0) return this.#say('Nothing to export yet: no exercise has saved progress in this browser.');
    const now = new Date();
    const blob = new Blob([JSON.stringify(buildExport(exercises, now), null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = exportFileName(now);
    link.click();
    // The download has started by the next task; the URL is not needed after.
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
    this.#say(`Exported the progress of ${plural(count, 'exercise')} to ${link.download}.`);
  }

  async #import(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    // Cleared, so choosing the same file again (after fixing it) is a change too.
    input.value = '';
    if (!file) return;
    const storage = siteStorage();
    if (!storage) return this.#say(NO_STORAGE);
    const refused = (why: string) => this.#say(`Nothing was imported from ${file.name}. ${why}`);
    const sizeProblem = checkFileSize(file.size);
    if (sizeProblem) return refused(sizeProblem);
    let text: string;
    try {
      text = await file.text();
    } catch {
      return refused('The file could not be read.');
    }
    const checked = readImport(text);
    if (!checked.ok) return refused(checked.message);
    const ids = Object.keys(checked.exercises);
    const replaced = ids.filter((id) => loadExercise(storage, id) !== null).length;
    const question =
      `Import the progress of ${plural(ids.length, 'exercise')} from ${file.name}?` +
      (replaced > 0 ? ` It replaces the saved code and status of ${plural(replaced, 'exercise')} in this browser.` : '') +
      ' Other exercises stay as they are.';
    if (!window.confirm(question)) return this.#say('Import cancelled: nothing was changed.');
    if (!applyImport(storage, checked.exercises)) return refused('The browser refused to store it (its storage may be full); nothing was changed.');
    this.paint();
    this.#say(`Imported the progress of ${plural(ids.length, 'exercise')} from ${file.name}.`);
  }

  #resetAll(): void {
    const storage = siteStorage();
    if (!storage) return this.#say(NO_STORAGE);
    const question = 'Reset all progress? Every exercise goes back to its starter code and "Not started" in this browser. Export first if you want to keep a copy.';
    if (!window.confirm(question)) return this.#say('Reset cancelled: nothing was changed.');
    resetAllProgress(storage);
    this.paint();
    this.#say('All progress was reset: every exercise is back to not started.');
  }
}

if (!customElements.get('sai-progress-panel')) customElements.define('sai-progress-panel', ProgressPanel);
