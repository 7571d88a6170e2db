/**
 * Saved progress per exercise, in localStorage. Values are parsed from `unknown` into a
 * typed record before use: a corrupt, foreign or old-format entry reads as "nothing saved"
 * and never throws, so a bad entry can never break a page.
 */
export const PROGRESS_VERSION = 1;
/** Every key this site keeps in localStorage starts with it (Reset all removes them all). */
export const SITE_KEY_PREFIX = 'sai-labs:';
const KEY_PREFIX = `${SITE_KEY_PREFIX}exercise:`;
const EDITOR_HISTORY_PREFIX = `${SITE_KEY_PREFIX}editor-history:`;

export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed';

export interface SavedExercise {
  v: typeof PROGRESS_VERSION;
  code: string;
  status: ExerciseStatus;
  /** Passed at least once, even if the code was edited afterwards. */
  everPassed: boolean;
  revealedHints: number;
  /**
   * The solution was revealed before the first pass, so that pass is shown as "Passed (solution
   * shown)". Optional in stored records: version 1 records written before it existed lack it.
   */
  solutionRevealed: boolean;
  updatedAt: number;
}

/** The storage slice this module needs; a real Storage or a test double. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const STATUSES: readonly ExerciseStatus[] = ['not-started', 'in-progress', 'passed'];

export function storageKey(exerciseId: string): string {
  return KEY_PREFIX + exerciseId;
}

/** The key of the editor's undo history for an exercise, removed with the exercise's progress. */
export function editorHistoryKey(exerciseId: string): string {
  return EDITOR_HISTORY_PREFIX + exerciseId;
}

/** The exercise id a storage key holds progress for, or null for any other key. */
export function exerciseIdOfKey(key: string): string | null {
  return key.startsWith(KEY_PREFIX) ? key.slice(KEY_PREFIX.length) : null;
}

/**
 * Checks a parsed value as a saved exercise: the record, or what is wrong with it in words.
 * Required fields must be right; odd optional ones are repaired (hints, dates, flags).
 */
export function checkRecord(data: unknown): { record: SavedExercise } | { problem: string } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: 'it is not a record' };
  const record = data as Record<string, unknown>;
  if (record.v !== PROGRESS_VERSION) return { problem: `its version is ${JSON.stringify(record.v) ?? 'missing'}, not ${PROGRESS_VERSION}` };
  if (typeof record.code !== 'string') return { problem: 'its code is not text' };
  const status = STATUSES.find((s) => s === record.status);
  if (!status) return { problem: `its status ${JSON.stringify(record.status) ?? '(missing)'} is not one of ${STATUSES.join(', ')}` };
  const hints = record.revealedHints;
  const everPassed = record.everPassed === true || status === 'passed';
  return {
    record: {
      v: PROGRESS_VERSION,
      code: record.code,
      status,
      everPassed,
      revealedHints: typeof hints === 'number' && Number.isInteger(hints) && hints >= 0 ? hints : 0,
      solutionRevealed: record.solutionRevealed === true,
      updatedAt: typeof record.updatedAt === 'number' && Number.isFinite(record.updatedAt) ? record.updatedAt : 0,
    },
  };
}

/** Turns whatever was stored into a SavedExercise, or null when it is unusable. */
export function parseSaved(raw: string | null): SavedExercise | null {
  if (raw === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  const checked = checkRecord(data);
  return 'record' in checked ? checked.record : null;
}

/** Reads one exercise's saved state; storage that throws (privacy mode) reads as nothing saved. */
export function loadExercise(storage: KeyValueStorage | undefined, exerciseId: string): SavedExercise | null {
  try {
    return parseSaved(storage?.getItem(storageKey(exerciseId)) ?? null);
  } catch {
    return null;
  }
}

/** Writes one exercise's state; returns false when storage refused (full, disabled). */
export function saveExercise(
  storage: KeyValueStorage | undefined,
  exerciseId: string,
  state: Omit<SavedExercise, 'v' | 'updatedAt' | 'solutionRevealed'> & { solutionRevealed?: boolean },
): boolean {
  if (!storage) return false;
  const record: SavedExercise = { v: PROGRESS_VERSION, ...state, solutionRevealed: state.solutionRevealed ?? false, updatedAt: Date.now() };
  try {
    storage.setItem(storageKey(exerciseId), JSON.stringify(record));
    return true;
  } catch {
    return false;
  }
}

export function forgetExercise(storage: KeyValueStorage | undefined, exerciseId: string): void {
  try {
    storage?.removeItem(storageKey(exerciseId));
  } catch {
    // Nothing to do: storage that cannot be written cannot hold stale state either.
  }
}

/** Removes the editor's undo history of an exercise (kept under its own key). */
export function forgetEditorHistory(storage: KeyValueStorage | undefined, exerciseId: string): void {
  try {
    storage?.removeItem(editorHistoryKey(exerciseId));
  } catch {
    // As above.
  }
}
/** Safe access to window.localStorage (which throws on access in some privacy modes). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
