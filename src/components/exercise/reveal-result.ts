/**
 * Brings a fresh result to the learner's eyes. A run started from the keyboard must visibly
 * do something even when its results land below the fold: the summary is scrolled near the
 * top (smoothly, unless the reader asked for reduced motion) unless it is already well in view,
 * and focus moves to it when the learner was not typing (Run or Stop pressed as buttons).
 */

/** The lowest the summary may sit and still count as seen (share of the viewport's height). */
const SEEN_BELOW = 0.7;

export function revealResult(container: HTMLElement, options: { focus: boolean }): void {
  // In the frame that paints the results: measuring now would force a layout of the whole page
  // before the results are even handed over, where the frame does that layout anyway.
  requestAnimationFrame(() => revealNow(container, options));
}

function revealNow(container: HTMLElement, options: { focus: boolean }): void {
  const summary = container.querySelector<HTMLElement>('.sai-result__summary');
  if (!summary) return;
  if (options.focus) {
    summary.tabIndex = -1;
    summary.focus({ preventScroll: true });
  }
  const { top } = summary.getBoundingClientRect();
  // The page's scroll-padding (Starlight's header) counts as not in view.
  const covered = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
  if (top >= covered && top <= window.innerHeight * SEEN_BELOW) return;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  summary.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
}
