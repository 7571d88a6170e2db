/**
 * The order of the course: lessons by their `order`, exercises as their lesson places them,
 * and from there the next step after passing an exercise.
 */
export interface CourseExercise {
  id: string;
  title: string;
}

export interface CourseLesson {
  slug: string;
  title: string;
  exercises: readonly CourseExercise[];
}

export interface NextStep {
  kind: 'exercise' | 'lesson' | 'course-map';
  href: string;
  /** The link's words, e.g. "Next exercise: Broadcast hash join". */
  label: string;
}

/** The anchor of an exercise's section on its lesson page ('distributed-joins/broadcast-hash-join' -> 'exercise-broadcast-hash-join'). */
export const exerciseAnchor = (id: string) => `exercise-${id.split('/').at(-1)}`;

/** Sorted by where the lesson's text first names each exercise (`<Exercise id="..." />`); unnamed ones last. */
export function inPageOrder<T extends { id: string }>(body: string, exercises: readonly T[]): T[] {
  const position = (id: string) => {
    const at = body.indexOf(`"${id}"`);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...exercises].sort((a, b) => position(a.id) - position(b.id));
}

/**
 * Where to go after passing `exerciseId`: the next exercise of its lesson (on the same page), else
 * the next lesson, else the course map. `base` is the site's base path without a trailing slash.
 */
export function nextStep(lessons: readonly CourseLesson[], exerciseId: string, base = ''): NextStep {
  const courseMap: NextStep = { kind: 'course-map', href: `${base}/#course-map`, label: 'Back to the course map' };
  const at = lessons.findIndex((lesson) => lesson.exercises.some((e) => e.id === exerciseId));
  if (at < 0) return courseMap;
  const { exercises } = lessons[at];
  const next = exercises[exercises.findIndex((e) => e.id === exerciseId) + 1];
  if (next) return { kind: 'exercise', href: `#${exerciseAnchor(next.id)}`, label: `Next exercise: ${next.title}` };
  const nextLesson = lessons[at + 1];
  if (nextLesson) return { kind: 'lesson', href: `${base}/${nextLesson.slug}/`, label: `Next lesson: ${nextLesson.title}` };
  return courseMap;
}
