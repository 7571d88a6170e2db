/**
 * Saved progress per exercise, in localStorage. Values are parsed from `unknown` into a
 * typed record before use: a corrupt, foreign or old-format entry reads as "nothing saved"
 * and never throws, so a bad entry can never break a page.
 */
export const PROGRESS_VERSION = 1;
const KEY_PREFIX = 'sai-labs:exercise:';

export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed';

export interface SavedExercise {
  v: typeof PROGRESS_VERSION;
  code: string;
  status: ExerciseStatus;
  /** Passed at least once, even if the code was edited afterwards. */
  everPassed: boolean;
  revealedHints: number;
  updatedAt: number;
}

/** The storage slice this module needs; a real Storage or a test double. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const STATUSES: readonly ExerciseStatus[] = ['not-started', 'in-progress', 'passed'];

export function storageKey(exerciseId: string): string {
  return KEY_PREFIX + exerciseId;
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
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record.v !== PROGRESS_VERSION) return null;
  if (typeof record.code !== 'string') return null;
  const status = STATUSES.find((s) => s === record.status);
  if (!status) return null;
  const hints = record.revealedHints;
  return {
    v: PROGRESS_VERSION,
    code: record.code,
    status,
    everPassed: record.everPassed === true || status === 'passed',
    revealedHints: typeof hints === 'number' && Number.isInteger(hints) && hints >= 0 ? hints : 0,
    updatedAt: typeof record.updatedAt === 'number' ? record.updatedAt : 0,
  };
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
  state: Omit<SavedExercise, 'v' | 'updatedAt'>,
): boolean {
  if (!storage) return false;
  const record: SavedExercise = { v: PROGRESS_VERSION, ...state, updatedAt: Date.now() };
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

/** Safe access to window.localStorage (which throws on access in some privacy modes). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
