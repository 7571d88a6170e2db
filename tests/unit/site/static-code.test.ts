/**
 * The code shown before an editor loads (src/components/static-code/highlight.ts): exactly the
 * source, every character escaped, coloured as the editors colour it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { highlightTypeScript } from '../../../src/components/static-code/highlight.ts';

const LESSONS = new URL('../../../lessons/', import.meta.url).pathname;

/** Every example and every exercise starter and solution in the course. */
function courseCode(): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  for (const lesson of readdirSync(LESSONS)) {
    const examples = join(LESSONS, lesson, 'examples');
    for (const name of safeList(examples)) if (name.endsWith('.ts')) files.push([`${lesson}/examples/${name}`, read(join(examples, name))]);
    const exercises = join(LESSONS, lesson, 'exercises');
    for (const id of safeList(exercises)) {
      for (const file of ['starter.ts', 'solution.ts']) files.push([`${lesson}/${id}/${file}`, read(join(exercises, id, file))]);
    }
  }
  return files;
}
const read = (path: string) => readFileSync(path, 'utf8');
function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The text a browser shows for the HTML (tags dropped, entities read). */
const shownText = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

test('for every piece of code in the course, the page shows exactly the source, with no markup but its own spans', () => {
  const files = courseCode();
  expect(files.length).toBeGreaterThan(20);
  for (const [name, code] of files) {
    const html = highlightTypeScript(code);
    expect(shownText(html), name).toBe(code);
    const tags = html.match(/<[^>]+>/g) ?? [];
    expect(tags.filter((tag) => !/^<span class="tok-[a-z]+">$|^<\/span>$/.test(tag)), name).toEqual([]);
  }
});

test('markup in code is shown as text, never made into elements', () => {
  const html = highlightTypeScript('const page = "<img src=x onerror=alert(1)>" + `</code>` & 1; // <script>');
  expect(html).not.toMatch(/<img|<\/code>|<script/);
  expect(shownText(html)).toBe('const page = "<img src=x onerror=alert(1)>" + `</code>` & 1; // <script>');
});

test('each kind of token gets the class the editors colour it by', () => {
  const html = highlightTypeScript("import { x } from '@sai/spark';\n// note\nexport function join(rows: Row[], n = 3): number {\n  return rows.filter(Boolean).length + n;\n}");
  const kinds = (cls: string) => [...html.matchAll(new RegExp(`<span class="tok-${cls}">([^<]*)</span>`, 'g'))].map((m) => m[1]);
  expect(kinds('keyword')).toEqual(['import', 'from', 'export', 'function', 'return']);
  expect(kinds('string')).toEqual(["'@sai/spark'"]);
  expect(kinds('comment')).toEqual(['// note']);
  expect(kinds('function')).toEqual(['join', 'filter']);
  expect(kinds('type')).toEqual(['Row', 'number']);
  expect(kinds('number')).toEqual(['3']);
  expect(kinds('property')).toEqual(['length']);
});
