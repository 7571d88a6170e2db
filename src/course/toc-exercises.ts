/**
 * Exercises in a lesson's table of contents. An exercise's title is drawn by its component, so
 * it is not among the Markdown headings the table is built from; here each exercise is added under
 * the heading whose section holds it, in its place among that heading's subsections, linking to
 * its anchor (`#exercise-<name>`, the one the course map and the episode pages use).
 */
import { exerciseAnchor } from './order.ts';

export interface TocEntry {
  depth: number;
  slug: string;
  text: string;
  children: TocEntry[];
}

export interface PlacedExercise {
  /** '<lesson>/<name>' */
  id: string;
  title: string;
}

/**
 * For each `<Exercise id="..." />` of `body`, in order: its id and how many Markdown headings
 * come before it (fenced code skipped, so a `#` comment in a code block is not a heading).
 */
export function exercisesAfterHeadings(body: string): Array<{ id: string; headingsBefore: number }> {
  const found: Array<{ id: string; headingsBefore: number }> = [];
  let headings = 0;
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const opener = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    if (/^#{1,6}\s/.test(line)) headings++;
    for (const match of line.matchAll(/<Exercise\s[^>]*\bid="([^"]+)"/g)) found.push({ id: match[1], headingsBefore: headings });
  }
  return found;
}

/**
 * The table `items` with each exercise of `body` added. `headings` are the page's Markdown headings
 * in order (all depths), as the table was built from them; an exercise under a heading too deep to
 * be listed goes under the nearest listed heading above it, one before any heading goes at the top.
 */
export function withExercises(
  items: readonly TocEntry[],
  headings: ReadonlyArray<{ slug: string }>,
  body: string,
  exercises: readonly PlacedExercise[],
): TocEntry[] {
  const copy = (entry: TocEntry): TocEntry => ({ ...entry, children: entry.children.map(copy) });
  const result = items.map(copy);
  const listed = new Map<string, TocEntry>();
  const index = (entries: TocEntry[]) => entries.forEach((entry) => (listed.set(entry.slug, entry), index(entry.children)));
  index(result);
  const headingIndex = new Map(headings.map((heading, at) => [heading.slug, at]));
  const titles = new Map(exercises.map((exercise) => [exercise.id, exercise.title]));

  for (const { id, headingsBefore } of exercisesAfterHeadings(body)) {
    const title = titles.get(id);
    if (title === undefined) continue;
    let parent: TocEntry | undefined;
    for (let at = Math.min(headingsBefore, headings.length) - 1; at >= 0 && !parent; at--) parent = listed.get(headings[at].slug);
    const siblings = parent ? parent.children : result;
    const entry: TocEntry = { depth: parent ? parent.depth + 1 : (result[0]?.depth ?? 2), slug: exerciseAnchor(id), text: `Exercise: ${title}`, children: [] };
    // Before the first sibling heading that comes after the exercise in the text.
    const after = siblings.findIndex((sibling) => (headingIndex.get(sibling.slug) ?? -1) >= headingsBefore);
    siblings.splice(after < 0 ? siblings.length : after, 0, entry);
  }
  return result;
}
