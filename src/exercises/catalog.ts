/**
 * Exercise folders as the site sees them: every file of lessons/<lesson>/exercises/<id>/
 * read at build time through Vite, validated with the same schema as the Node loader.
 */
import { assembleExercise, type ExerciseFiles } from './schema.ts';

const files = import.meta.glob<string>('/lessons/*/exercises/*/**/*.{json,md,ts}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const FILE_PATH = /^\/lessons\/([^/]+)\/exercises\/([^/]+)\/(.+)$/;

function collect(): Map<string, ExerciseFiles> {
  const folders = new Map<string, { lesson: string; name: string; files: Record<string, string> }>();
  for (const [path, text] of Object.entries(files)) {
    const match = FILE_PATH.exec(path);
    if (!match) continue;
    const [, lesson, name, rest] = match;
    const folder = folders.get(`${lesson}/${name}`) ?? { lesson, name, files: {} };
    folders.set(`${lesson}/${name}`, folder);
    folder.files[rest] = text;
  }
  const catalog = new Map<string, ExerciseFiles>();
  for (const [id, { lesson, name, files: folderFiles }] of folders) {
    catalog.set(id, assembleExercise(lesson, name, folderFiles, `lessons/${lesson}/exercises/${name}`));
  }
  return catalog;
}

const catalog = collect();

/** The exercise with this "<lesson>/<id>", or a build error that names the id. */
export function getExercise(id: string): ExerciseFiles {
  const exercise = catalog.get(id);
  if (!exercise) {
    const known = [...catalog.keys()].join(', ') || 'none';
    throw new Error(`Unknown exercise "${id}". Known exercises: ${known}`);
  }
  return exercise;
}

export function listExercises(lesson?: string): ExerciseFiles[] {
  return [...catalog.values()].filter((e) => lesson === undefined || e.lesson === lesson);
}
