/**
 * The RSS feed's items: every lesson that has a publication date, newest first. A lesson
 * without one is still being written and stays out of readers' feeds.
 */
export interface FeedLesson {
  slug: string;
  title: string;
  description: string;
  published?: Date;
  newsletter?: { issue: string; section: string };
}

export interface FeedItem {
  title: string;
  description: string;
  link: string;
  pubDate: Date;
  categories: string[];
}

/** `base` is the site's base path without a trailing slash. */
export function feedItems(lessons: readonly FeedLesson[], base = ''): FeedItem[] {
  return lessons
    .filter((lesson): lesson is FeedLesson & { published: Date } => lesson.published !== undefined)
    .sort((a, b) => b.published.getTime() - a.published.getTime())
    .map((lesson) => ({
      title: lesson.title,
      description: lesson.description,
      link: `${base}/${lesson.slug}/`,
      pubDate: lesson.published,
      categories: lesson.newsletter ? [lesson.newsletter.issue, lesson.newsletter.section] : [],
    }));
}
