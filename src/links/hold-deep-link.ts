/**
 * A deep link lands on its target and stays there. Examples and exercises above the target turn
 * into editors as they load, and an editor is not as tall as the code block it replaces, so the
 * target would drift away from the top of the screen. Until the reader scrolls, types or taps (or
 * a few seconds pass), each change of the page's height brings the target back to where the
 * link put it. A scroll that no change of height explains (a scrollbar dragged, say) is the
 * reader's too.
 */
const HOLD_MS = 8_000;
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

let release: (() => void) | undefined;

function hold(): void {
  release?.();
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  if (!target || id === '_top') return;
  let lastHeight = document.body.scrollHeight;
  const top = () => target.getBoundingClientRect().top;
  let placed = 0;
  // Respects the page's scroll padding (the sticky header), as following the link did.
  const bringBack = () => {
    target.scrollIntoView({ block: 'start' });
    placed = top();
  };
  bringBack();
  const observer = new ResizeObserver(() => {
    const height = document.body.scrollHeight;
    if (height === lastHeight) return;
    lastHeight = height;
    bringBack();
  });
  observer.observe(document.body);
  const onScroll = () => {
    // Moved with no change in the page's height: not the page shifting, the reader scrolling.
    if (Math.abs(top() - placed) > 4 && document.body.scrollHeight === lastHeight) release?.();
  };
  const timer = setTimeout(() => release?.(), HOLD_MS);
  release = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const type of READER_INPUT) removeEventListener(type, onInput, true);
    removeEventListener('scroll', onScroll);
    release = undefined;
  };
  const onInput = () => release?.();
  for (const type of READER_INPUT) addEventListener(type, onInput, { capture: true, passive: true });
  addEventListener('scroll', onScroll, { passive: true });
}

hold();
addEventListener('hashchange', hold);
