/**
 * Starlight route middleware: a lesson's table of contents lists its exercises too, each under the
 * section that holds it (see course/toc-exercises.ts), so a reader can jump to one and see where
 * they are.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { listExercises } from '../exercises/catalog.ts';
import { withExercises } from '../course/toc-exercises.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const { toc, entry } = route;
  if (!toc || !entry.body) return;
  const exercises = listExercises(entry.id).map((exercise) => ({ id: exercise.id, title: exercise.meta.title }));
  if (exercises.length === 0) return;
  toc.items = withExercises(toc.items, route.headings, entry.body, exercises);
});
