/**
 * Reads exercise folders from disk (lessons/<lesson>/exercises/<id>/, format in schema.ts)
 * for Node: the soundness script and the tests. The site reads the same folders through Vite
 * (catalog.ts); both validate exercise.json with parseExerciseMeta.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleExercise, REQUIRED_FILES } from './schema.ts';
import type { ExerciseFiles } from './schema.ts';

/** The repository's lessons/ folder, wherever the command runs from. */
export const LESSONS_ROOT = fileURLToPath(new URL('../../lessons', import.meta.url));

/** Every exercise under `root`, sorted by id. Throws, naming the path, if a folder is incomplete or invalid. */
export function loadExercises(root = LESSONS_ROOT): ExerciseFiles[] {
  const exercises: ExerciseFiles[] = [];
  for (const lesson of subfolders(root)) {
    const folder = join(root, lesson, 'exercises');
    if (!existsSync(folder)) continue;
    for (const name of subfolders(folder)) exercises.push(readExercise(root, lesson, name));
  }
  return exercises.sort((a, b) => a.id.localeCompare(b.id));
}

/** One exercise by "<lesson>/<id>". */
export function loadExercise(id: string, root = LESSONS_ROOT): ExerciseFiles {
  const [lesson, name, ...rest] = id.split('/');
  if (!lesson || !name || rest.length > 0) throw new Error(`Exercise ids look like "<lesson>/<exercise>", got "${id}".`);
  if (!existsSync(join(root, lesson, 'exercises', name))) {
    const known = loadExercises(root).map((exercise) => exercise.id).join(', ') || 'none';
    throw new Error(`No exercise "${id}" under ${display(root)}. Known exercises: ${known}`);
  }
  return readExercise(root, lesson, name);
}

function readExercise(root: string, lesson: string, name: string): ExerciseFiles {
  const dir = join(root, lesson, 'exercises', name);
  const files: Record<string, string> = {};
  for (const file of REQUIRED_FILES) if (existsSync(join(dir, file))) files[file] = readFileSync(join(dir, file), 'utf8');
  const wrongDir = join(dir, 'wrong');
  if (existsSync(wrongDir)) {
    for (const file of readdirSync(wrongDir)) files[`wrong/${file}`] = readFileSync(join(wrongDir, file), 'utf8');
  }
  return assembleExercise(lesson, name, files, display(dir));
}

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Paths in messages relative to where the command runs, as an author would type them. */
function display(path: string): string {
  return relative(process.cwd(), path) || '.';
}
