/**
 * An episode page: one newsletter issue, section by section, each linked to the lesson that
 * teaches it and that lesson's exercises in page order. Sections whose lesson is not published
 * yet are kept, marked as coming, so the page matches the issue readers got.
 */
import type { NewsletterSection } from './sections.ts';
import { exerciseAnchor, type CourseLesson } from './order.ts';

export interface EpisodeLink {
  title: string;
  href: string;
}

export interface EpisodeSection {
  title: string;
  /** The section's short name, also its anchor on the episode page (/sai/05/#joins). */
  short: string;
  blurb: string;
  /** The lesson that teaches it, or null while it is coming. */
  lesson: (EpisodeLink & { slug: string; exercises: EpisodeLink[] }) | null;
}

export interface Episode {
  /** As printed on the newsletter, e.g. "SAI #05". */
  issue: string;
  href: string;
  sections: EpisodeSection[];
}

/** The issue's number as it appears in links: "SAI #05" -> "05". */
export function issueNumber(issue: string): string {
  const number = /#(\d+)$/.exec(issue)?.[1];
  if (!number) throw new Error(`Not a newsletter issue: "${issue}" (expected e.g. "SAI #05")`);
  return number;
}

/** Where an issue's episode page lives. `base` is the site's base path without a trailing slash. */
export function episodeHref(issue: string, base = ''): string {
  return `${base}/sai/${issueNumber(issue)}/`;
}

/** The episode of one issue, from its sections (all of the same issue) and the published course. */
export function episodeOf(sections: readonly NewsletterSection[], course: readonly CourseLesson[], base = ''): Episode {
  const issue = sections[0]?.issue;
  if (!issue) throw new Error('An episode needs at least one section');
  const stray = sections.find((s) => s.issue !== issue);
  if (stray) throw new Error(`Section "${stray.section}" belongs to ${stray.issue}, not ${issue}`);
  const bySlug = new Map(course.map((lesson) => [lesson.slug, lesson]));
  return {
    issue,
    href: episodeHref(issue, base),
    sections: sections.map((section) => {
      const lesson = bySlug.get(section.lesson);
      const href = `${base}/${section.lesson}/`;
      return {
        title: section.section,
        short: section.short,
        blurb: section.blurb,
        lesson: lesson
          ? {
              slug: lesson.slug,
              title: lesson.title,
              href,
              exercises: lesson.exercises.map((exercise) => ({ title: exercise.title, href: `${href}#${exerciseAnchor(exercise.id)}` })),
            }
          : null,
      };
    }),
  };
}
