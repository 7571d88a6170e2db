/** The newsletter's short links, /sai/05/<short> -> the section's lesson, for published lessons only. */
import { existsSync } from 'node:fs';
import { SAI_05_SECTIONS, type NewsletterSection } from '../course/sections.ts';

/** '/sai/05/joins' -> '/distributed-joins/' for each section whose lesson `isPublished`. */
export function shortLinks(sections: readonly NewsletterSection[], isPublished: (lesson: string) => boolean): Record<string, string> {
  return Object.fromEntries(
    sections.filter((s) => isPublished(s.lesson)).map((s) => [`/sai/05/${s.short}`, `/${s.lesson}/`]),
  );
}

/** The SAI #05 short links of the lessons in `lessonsDir` (a lesson is published once its index.mdx exists). */
export function sai05ShortLinks(lessonsDir: URL): Record<string, string> {
  return shortLinks(SAI_05_SECTIONS, (lesson) => existsSync(new URL(`${lesson}/index.mdx`, lessonsDir)));
}
