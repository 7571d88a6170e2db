/**
 * An exercise folder, lessons/<lesson>/exercises/<id>/:
 *   exercise.json     metadata below (validated; a bad field names the file and field), including
 *                     the modules the exercise's code may import
 *   instructions.md   what to build, shown above the editor
 *   starter.ts        what the editor starts with (must FAIL the checks)
 *   solution.ts       the reference answer (must PASS the checks)
 *   checks.ts         hidden checks: vitest-style, import the learner's code from './solution'
 *   wrong/*.ts        known-wrong solutions (each must fail at least one check); first line a
 *                     comment that says what mistake it models
 */
import { z } from 'zod';
import { learnerModuleNames } from '../modules/registry.ts';

export const exerciseMetaSchema = z
  .object({
    /** The registered modules the learner's code may import (see src/modules/registry.ts), e.g. ["@sai/spark"]. */
    modules: z.array(z.enum(learnerModuleNames() as [string, ...string[]])),
    title: z.string().min(3),
    /** One sentence shown in lists and the progress map. */
    summary: z.string().min(10),
    /** Hints revealed one at a time, easiest first (Markdown). */
    hints: z.array(z.string().min(5)).min(1),
    /** Run budget in ms; the default is 5000. */
    timeoutMs: z.number().int().positive().max(30_000).optional(),
  })
  .strict();

export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;

export interface ExerciseFiles {
  /** "<lesson>/<id>", e.g. "distributed-joins/broadcast-join". */
  id: string;
  lesson: string;
  meta: ExerciseMeta;
  instructions: string;
  starter: string;
  solution: string;
  checks: string;
  wrong: Record<string, string>;
}

/** Parses exercise.json text, naming the file and the field on failure. */
export function parseExerciseMeta(source: string, file: string): ExerciseMeta {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = exerciseMetaSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('\n');
    throw new Error(`${file}: invalid exercise metadata\n${issues}`);
  }
  return parsed.data;
}

/**
 * Instructions sit under the exercise's own title inside a lesson section, so they may not
 * open new top-level sections: no `#` or `##` headings (they would break the page outline
 * and collide with the lesson's anchors). Returns the text, or throws naming the file and line.
 */
export function checkInstructions(source: string, file: string): string {
  const lines = source.split('\n');
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) inFence = !inFence;
    if (!inFence && /^#{1,3}\s/.test(lines[i])) {
      throw new Error(`${file}:${i + 1}: instructions may not use #, ## or ### headings (the title comes from exercise.json); use bold lead-ins or ####`);
    }
  }
  return source;
}

/** The files every exercise folder must have (wrong/*.ts come on top). */
export const REQUIRED_FILES = ['exercise.json', 'instructions.md', 'starter.ts', 'solution.ts', 'checks.ts'] as const;

/**
 * Builds an exercise from its folder's files, keyed by path inside the folder
 * ("starter.ts", "wrong/null-keys.ts"). `where` names the folder in error messages. Both
 * readers (Node: load-node.ts, the site: catalog.ts) go through here, so they agree.
 */
export function assembleExercise(lesson: string, name: string, files: Record<string, string>, where: string): ExerciseFiles {
  const missing = REQUIRED_FILES.filter((file) => files[file] === undefined);
  if (missing.length > 0) throw new Error(`${where}: missing ${missing.join(', ')}`);
  const wrong: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) {
    if (path.startsWith('wrong/') && path.endsWith('.ts')) wrong[path.slice('wrong/'.length)] = files[path];
  }
  return {
    id: `${lesson}/${name}`,
    lesson,
    meta: parseExerciseMeta(files['exercise.json'], `${where}/exercise.json`),
    instructions: checkInstructions(files['instructions.md'], `${where}/instructions.md`),
    starter: files['starter.ts'],
    solution: files['solution.ts'],
    checks: files['checks.ts'],
    wrong,
  };
}
