/**
 * Shows an editor's keyboard shortcut list (EditorShortcuts.astro) once the editor is there,
 * in this keyboard's words: Cmd and Option on Apple devices, Ctrl and Alt elsewhere.
 */
export function showShortcuts(root: ParentNode): void {
  const apple = /Mac|iPhone|iPad/.test(navigator.platform);
  for (const list of root.querySelectorAll<HTMLElement>('.sai-shortcuts')) {
    if (apple) for (const kbd of list.querySelectorAll<HTMLElement>('kbd[data-mac]')) kbd.textContent = kbd.dataset.mac ?? kbd.textContent;
    list.hidden = false;
  }
}
