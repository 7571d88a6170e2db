/**
 * Loads an island's code only when one of its elements comes near the viewport, gets
 * focus, or is clicked, so a page without an exercise in view ships almost no JavaScript.
 * A button clicked before the code arrived is remembered in data-pending-action and
 * carried out by the island once it is ready; meanwhile, and if the code cannot be loaded
 * (offline, before the site was kept on this device), the island says so under its buttons.
 */
import { islandNotice } from './island-notice.ts';

export function lazyIsland(selector: string, load: () => Promise<unknown>): void {
  const elements = [...document.querySelectorAll<HTMLElement>(selector)];
  if (elements.length === 0) return;
  let loading: Promise<unknown> | undefined;
  let failures = 0;
  const upgrade = () => {
    loading ??= load().then(
      () => {
        for (const element of elements) islandNotice(element, undefined);
      },
      (error: unknown) => {
        loading = undefined; // let a later interaction try again (e.g. back online)
        failures += 1;
        console.error('Could not load the interactive part of this page', error);
        for (const element of elements) if (element.dataset.pendingAction) islandNotice(element, { failed: true, failures });
      },
    );
  };
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        upgrade();
      }
    },
    { rootMargin: '400px 0px' },
  );
  for (const element of elements) {
    // Watch the whole section (instructions included), so the editor is ready by the time
    // the reader has scrolled past the instructions to it.
    observer.observe(element.closest('section') ?? element);
    element.addEventListener('focusin', upgrade, { once: true });
    element.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (!button || element.dataset.ready) return;
      element.dataset.pendingAction = button.dataset.action;
      islandNotice(element, { failed: false, failures });
      upgrade();
    });
  }
}
