/**
 * The published course as the build sees it: lessons from the content collection in their order,
 * each with its exercises in page order.
 */
import { getCollection } from 'astro:content';
import { listExercises } from '../exercises/catalog.ts';
import { inPageOrder, type CourseLesson } from './order.ts';

export async function loadCourse(): Promise<CourseLesson[]> {
  const lessons = (await getCollection('docs')).sort((a, b) => (a.data.order ?? 0) - (b.data.order ?? 0));
  return lessons.map((lesson) => ({
    slug: lesson.id,
    title: lesson.data.title,
    exercises: inPageOrder(
      lesson.body ?? '',
      listExercises(lesson.id).map((exercise) => ({ id: exercise.id, title: exercise.meta.title })),
    ),
  }));
}
