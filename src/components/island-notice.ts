/**
 * What an exercise or example says while its code loads after a click, or when it cannot load:
 * a line under its buttons, never silence. Offline before the site was kept on this device is
 * the usual cause, and the reader is told what to do.
 */
export type IslandState = { failed: boolean; failures: number };

function message({ failed, failures }: IslandState): string {
  if (!failed) return 'Loading the editor…';
  if (!navigator.onLine) {
    return 'This part could not load: you are offline, and this page was not saved on this device yet. Press the button again once you are online.';
  }
  return failures > 1
    ? 'This part still could not load. Reload the page to try again.'
    : 'This part could not load (a network error). Press the button again to retry.';
}

/** Shows `state` on the island, or removes its line (undefined). */
export function islandNotice(island: HTMLElement, state: IslandState | undefined): void {
  let line = island.querySelector<HTMLElement>('[data-island-notice]');
  if (!state) {
    line?.remove();
    return;
  }
  if (!line) {
    line = document.createElement('p');
    line.dataset.islandNotice = '';
    line.className = 'sai-island-notice';
    const toolbar = island.querySelector('[role="toolbar"]');
    if (toolbar) toolbar.after(line);
    else island.append(line);
  }
  // A failure interrupts (alert); the loading line only informs.
  line.setAttribute('role', state.failed ? 'alert' : 'status');
  line.dataset.failed = String(state.failed);
  line.textContent = message(state);
}
