/**
 * Exercise folders as the site sees them: every file of lessons/<lesson>/exercises/<id>/
 * read at build time through Vite, validated with the same schema as the Node loader.
 */
import { checkInstructions, parseExerciseMeta, type ExerciseFiles } from './schema.ts';

const files = import.meta.glob<string>('/lessons/*/exercises/*/**/*.{json,md,ts}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const FILE_PATH = /^\/lessons\/([^/]+)\/exercises\/([^/]+)\/(.+)$/;

function collect(): Map<string, ExerciseFiles> {
  const byId = new Map<string, Partial<ExerciseFiles> & { wrong: Record<string, string> }>();
  for (const [path, text] of Object.entries(files)) {
    const match = FILE_PATH.exec(path);
    if (!match) continue;
    const [, lesson, name, rest] = match;
    const id = `${lesson}/${name}`;
    const entry = byId.get(id) ?? { id, lesson, wrong: {} };
    byId.set(id, entry);
    if (rest === 'exercise.json') entry.meta = parseExerciseMeta(text, path.slice(1));
    else if (rest === 'instructions.md') entry.instructions = checkInstructions(text, path.slice(1));
    else if (rest === 'starter.ts') entry.starter = text;
    else if (rest === 'solution.ts') entry.solution = text;
    else if (rest === 'checks.ts') entry.checks = text;
    else if (rest.startsWith('wrong/')) entry.wrong[rest.slice('wrong/'.length)] = text;
  }
  const complete = new Map<string, ExerciseFiles>();
  for (const [id, entry] of byId) {
    for (const field of ['meta', 'instructions', 'starter', 'solution', 'checks'] as const) {
      if (entry[field] === undefined) throw new Error(`Exercise ${id}: missing ${field === 'meta' ? 'exercise.json' : field}`);
    }
    complete.set(id, entry as ExerciseFiles);
  }
  return complete;
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
