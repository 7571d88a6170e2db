/**
 * The hidden frame the sandbox page runs in: scripts allowed, and no `allow-same-origin`, so its
 * origin is opaque (README, "The sandbox"). Out of sight, of the tab order and of screen readers.
 */
export function sandboxIframe(src: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Code runner';
  frame.hidden = true;
  frame.src = src;
  return frame;
}
