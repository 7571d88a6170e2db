/**
 * Moving progress between browsers: every exercise's saved record in one versioned JSON file,
 * and reading such a file back. A file is checked whole before anything is written, with the
 * same parsing the saved records get, so a bad file changes nothing and says what is wrong.
 */
import { SITE_KEY_PREFIX, checkRecord, editorHistoryKey, exerciseIdOfKey, parseSaved, storageKey, type KeyValueStorage, type SavedExercise } from './store.ts';

export const EXPORT_FORMAT = 'sai-labs-progress';
export const EXPORT_VERSION = 1;
/** Far above any real course's progress; a bigger file is not one of ours. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export interface ProgressExport {
  format: typeof EXPORT_FORMAT;
  v: typeof EXPORT_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  exercises: Record<string, SavedExercise>;
}

/** Storage that can also list its keys (a real localStorage, or a test double). */
export type ListableStorage = KeyValueStorage & Pick<Storage, 'key' | 'length'>;

export type ImportCheck = { ok: true; exercises: Record<string, SavedExercise> } | { ok: false; message: string };

/** "<lesson>/<exercise>", both slugs. */
const EXERCISE_ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

function keysOf(storage: ListableStorage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** Every exercise with usable saved progress; unreadable entries are left out. */
export function collectProgress(storage: ListableStorage): Record<string, SavedExercise> {
  const exercises: Record<string, SavedExercise> = {};
  for (const key of keysOf(storage)) {
    const id = exerciseIdOfKey(key);
    const record = id === null ? null : parseSaved(storage.getItem(key));
    if (id !== null && record) exercises[id] = record;
  }
  return exercises;
}

export function buildExport(exercises: Record<string, SavedExercise>, now: Date): ProgressExport {
  return { format: EXPORT_FORMAT, v: EXPORT_VERSION, exportedAt: now.toISOString(), exercises };
}

/** e.g. sai-labs-progress-2025-03-01.json */
export function exportFileName(now: Date): string {
  return `${EXPORT_FORMAT}-${now.toISOString().slice(0, 10)}.json`;
}

/** Size of a text in bytes as a file holds it (UTF-8). */
function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Checks a file's size before reading it; null when it may be read. */
export function checkFileSize(bytes: number): string | null {
  if (bytes === 0) return 'The file is empty.';
  if (bytes > MAX_IMPORT_BYTES) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return `The file is too large (${mb(bytes)}); a progress file is at most ${mb(MAX_IMPORT_BYTES)}.`;
  }
  return null;
}

/** Reads the text of a progress file: the exercises to apply, or a message that names what is wrong. */
export function readImport(text: string): ImportCheck {
  const fail = (message: string): ImportCheck => ({ ok: false, message });
  const sizeProblem = checkFileSize(text.trim() === '' ? 0 : byteLength(text));
  if (sizeProblem) return fail(sizeProblem);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // JSON.parse says "Unexpected end of JSON input" (or similar) for a file cut short.
    const cutShort = error instanceof SyntaxError && /end of (JSON )?input|unterminated|end of data/i.test(error.message);
    return fail(cutShort ? 'The file ends too early: it looks cut short. Export again and use the whole file.' : 'The file is not JSON, so it is not a progress file from SAI Labs.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('The file is JSON but not a progress file from SAI Labs (it holds no object).');
  const file = data as Record<string, unknown>;
  if (file.format !== EXPORT_FORMAT) {
    const said = typeof file.format === 'string' ? `its format is "${file.format.slice(0, 60)}"` : 'it has no "format" field';
    return fail(`The file is not a progress file from SAI Labs: ${said}, not "${EXPORT_FORMAT}".`);
  }
  if (file.v !== EXPORT_VERSION) {
    return fail(`The progress file has version ${JSON.stringify(file.v) ?? '(none)'}; this site reads version ${EXPORT_VERSION}.`);
  }
  const listed = file.exercises;
  if (typeof listed !== 'object' || listed === null || Array.isArray(listed)) return fail('The progress file has no "exercises" object.');
  const exercises: Record<string, SavedExercise> = {};
  for (const [id, value] of Object.entries(listed)) {
    if (!EXERCISE_ID.test(id)) return fail(`The progress file names an exercise "${id.slice(0, 80)}", which is not an exercise id (lesson/exercise).`);
    const checked = checkRecord(value);
    if ('problem' in checked) return fail(`Exercise "${id}" in the file is damaged: ${checked.problem}.`);
    exercises[id] = checked.record;
  }
  if (Object.keys(exercises).length === 0) return fail('The progress file holds no exercises: there is nothing to import.');
  return { ok: true, exercises };
}

/**
 * Writes the imported exercises over the saved ones (others stay as they are), dropping their
 * editors' undo histories, which belong to the replaced code. All or nothing: if storage refuses
 * a write, what was written is put back as it was. Returns false then.
 */
export function applyImport(storage: KeyValueStorage, exercises: Record<string, SavedExercise>): boolean {
  const before = new Map<string, string | null>();
  try {
    for (const [id, record] of Object.entries(exercises)) {
      for (const key of [storageKey(id), editorHistoryKey(id)]) if (!before.has(key)) before.set(key, storage.getItem(key));
      storage.setItem(storageKey(id), JSON.stringify(record));
      storage.removeItem(editorHistoryKey(id));
    }
    return true;
  } catch {
    for (const [key, value] of before) {
      try {
        if (value === null) storage.removeItem(key);
        else storage.setItem(key, value);
      } catch {
        // Putting back a value that was there before frees room rather than taking it; nothing more to do.
      }
    }
    return false;
  }
}

/** Removes everything this site keeps in the browser: every key under the site's prefix. */
export function resetAllProgress(storage: ListableStorage): number {
  const keys = keysOf(storage).filter((key) => key.startsWith(SITE_KEY_PREFIX));
  for (const key of keys) storage.removeItem(key);
  return keys.length;
}
