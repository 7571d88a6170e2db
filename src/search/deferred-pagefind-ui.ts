/**
 * Stands in for '@pagefind/default-ui' (see the alias in astro.config.mjs). Starlight builds
 * the Pagefind search UI as soon as the browser is idle, which puts ~26 KB of gzipped
 * JavaScript on every page, searched or not. This class takes the same options and builds the
 * real UI only when the search dialog opens, or just before: when the search button is
 * hovered or focused.
 */
type PagefindOptions = Record<string, unknown> & { element: string };

let loaded: Promise<void> | undefined;

function build(options: PagefindOptions): Promise<void> {
  loaded ??= import('@pagefind/default-ui/npm_dist/mjs/ui-core.mjs').then(({ PagefindUI: RealUI }) => {
    new RealUI(options);
  });
  return loaded;
}

export class PagefindUI {
  constructor(options: PagefindOptions) {
    const dialog = document.querySelector(options.element)?.closest('dialog');
    if (!dialog) {
      void build(options);
      return;
    }
    const whenOpen = () => {
      if (!dialog.open) return;
      observer.disconnect();
      // The dialog focused its (not yet existing) input on opening; do it once the UI is there.
      void build(options).then(() => dialog.querySelector('input')?.focus());
    };
    const observer = new MutationObserver(whenOpen);
    observer.observe(dialog, { attributes: true, attributeFilter: ['open'] });
    const opener = document.querySelector('button[data-open-modal]');
    for (const event of ['pointerenter', 'focus']) opener?.addEventListener(event, () => void build(options), { once: true });
    whenOpen();
  }
}
