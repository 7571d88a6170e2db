import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const LESSON_URL = '/distributed-joins/';

/** Reads a file of an exercise folder, e.g. exerciseFile('broadcast-hash-join', 'solution.ts'). */
export function exerciseFile(exercise: string, file: string, lesson = 'distributed-joins'): string {
  return readFileSync(new URL(`../../lessons/${lesson}/exercises/${exercise}/${file}`, import.meta.url), 'utf8');
}

/** The exercise section, scrolled into view and upgraded to an editor. */
export async function openExercise(page: Page, exercise: string): Promise<Locator> {
  const section = page.locator(`#exercise-${exercise}`);
  await section.scrollIntoViewIfNeeded();
  await expect(section.locator('sai-exercise')).toHaveAttribute('data-ready', 'true');
  return section;
}

/** Replaces the editor's content as a user pasting would. */
export async function setCode(page: Page, section: Locator, code: string): Promise<void> {
  await section.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

export async function runAndWait(section: Locator): Promise<Locator> {
  const results = section.locator('[data-results]');
  await section.getByRole('button', { name: /Run checks/ }).click();
  // Generous: a run that loops forever is stopped after its 5 s budget plus a grace period.
  await expect(results.locator('.sai-result__summary')).toBeVisible({ timeout: 15_000 });
  await expect(results).not.toHaveAttribute('aria-busy', 'true');
  return results;
}

/** axe with the WCAG 2 A and AA rules; returns the violations for a readable failure. */
export async function axeViolations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** A line of the solution that the starter does not contain: proof the solution is in the editor. */
export function solutionOnlyLine(exercise: string): string {
  const starter = new Set(exerciseFile(exercise, 'starter.ts').split('\n').map((line) => line.trim()));
  const line = exerciseFile(exercise, 'solution.ts')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 15 && !l.startsWith('//') && !starter.has(l));
  if (!line) throw new Error(`${exercise}: solution has no line the starter lacks`);
  return line;
}

/**
 * The editor's whole document. The editor draws only the lines near the screen, so a long
 * (wrapped) code's last lines are not in the page's text: read the document itself.
 */
export async function editorCode(section: Locator): Promise<string> {
  return section.locator('.cm-content').evaluate((node) => {
    // What CodeMirror's own EditorView.findFromDOM reads (the page has no handle on that function).
    type View = { state: { doc: { toString(): string } } };
    const dom = node as unknown as { cmTile?: { root?: { view?: View } }; cmView?: { view?: View } };
    const view = dom.cmTile?.root?.view ?? dom.cmView?.view;
    if (!view) throw new Error('no editor view on .cm-content');
    return view.state.doc.toString();
  });
}
