/**
 * The table of contents highlights where the reader is, also inside an exercise or example.
 * Starlight follows headings and the text between them, but skips any block that holds a heading
 * of its own, as exercise and example sections do; reading one left the highlight on "Overview"
 * or on a section far above. Here, while such a section crosses the reading line Starlight uses,
 * the highlight goes to its own entry (an exercise) or to the section of the lesson holding it.
 */
interface StarlightToc extends HTMLElement {
  current: HTMLAnchorElement;
  getRootMargin(): string;
}

/** The table's link for `section`: its own entry, else the nearest listed heading before it. */
function linkFor(toc: HTMLElement, section: HTMLElement): HTMLAnchorElement | undefined {
  const linkTo = (id: string) => toc.querySelector<HTMLAnchorElement>(`a[href="#${CSS.escape(id)}"]`) ?? undefined;
  const own = linkTo(section.id);
  if (own) return own;
  for (let before = section.previousElementSibling; before; before = before.previousElementSibling) {
    const candidates = [before, ...before.querySelectorAll('[id]')].filter((element) => element.id).reverse();
    for (const candidate of candidates) {
      const link = linkTo(candidate.id);
      if (link) return link;
    }
  }
  return undefined;
}

export function followSectionsInToc(selector: string): void {
  const sections = [...document.querySelectorAll<HTMLElement>(selector)];
  const tocs = [...document.querySelectorAll<StarlightToc>('starlight-toc, mobile-starlight-toc')];
  // Starlight's own element; if a later version drops these members, its own behaviour stays.
  const usable = tocs.filter((toc) => typeof toc.getRootMargin === 'function' && 'current' in toc);
  if (sections.length === 0 || usable.length === 0) return;
  const observe = () => {
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          for (const toc of usable) {
            const link = linkFor(toc, entry.target as HTMLElement);
            if (link) toc.current = link;
          }
        }
      },
      { rootMargin: usable[0].getRootMargin() },
    );
    for (const section of sections) observer.observe(section);
    return observer;
  };
  let observer = observe();
  addEventListener('resize', () => {
    observer.disconnect();
    observer = observe();
  });
}
