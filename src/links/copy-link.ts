/**
 * A heading's link icon (Starlight's anchor link) and an exercise title's link copy the section's
 * address as well as going to it, and say so: readers pass sections on (a newsletter reply, a
 * chat). The address is the page's own, without the query a newsletter link carried in.
 * A click with a modifier (new tab, new window) is left to the browser.
 */
const LINKS = 'a.sl-anchor-link, a[data-copy-link]';
const SHOWN_MS = 2000;

let said: HTMLElement | undefined;
let hide: ReturnType<typeof setTimeout> | undefined;

/** "Link copied", just under the link, announced politely. */
function sayCopied(link: HTMLElement): void {
  said ??= Object.assign(document.createElement('span'), { className: 'sai-link-copied' });
  said.setAttribute('role', 'status');
  said.textContent = 'Link copied';
  const box = link.getBoundingClientRect();
  said.style.top = `${box.bottom + window.scrollY + 4}px`;
  said.style.left = `${Math.max(8, Math.min(box.left + window.scrollX, document.documentElement.clientWidth - 120))}px`;
  said.hidden = false;
  document.body.append(said);
  clearTimeout(hide);
  hide = setTimeout(() => {
    if (said) said.hidden = true;
  }, SHOWN_MS);
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>(LINKS);
  if (!link || !link.hash || !navigator.clipboard) return;
  const address = `${location.origin}${location.pathname}${link.hash}`;
  // The browser goes to the section as usual; a refused clipboard (permissions) changes nothing else.
  navigator.clipboard.writeText(address).then(
    () => sayCopied(link),
    () => {},
  );
});
