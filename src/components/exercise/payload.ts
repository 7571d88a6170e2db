/**
 * What the server-rendered exercise hands to its island: a JSON script tag inside the
 * element. Shared by Exercise.astro (writes) and the island (reads).
 */
export interface ExercisePayload {
  id: string;
  title: string;
  starter: string;
  solution: string;
  /** The hidden checks as JavaScript (compiled at build time). */
  compiledChecks: string;
  timeoutMs: number;
  hintCount: number;
  /** The registered modules the exercise's code may import (exercise.json). */
  modules: string[];
  /** Public API names of those modules for editor completions: [label, type, detail]. */
  completions: Array<[string, string, string]>;
}

/** Serialises any value for a <script type="application/json"> body: `<` escaped so no tag can close early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export function encodePayload(payload: ExercisePayload): string {
  return jsonForScript(payload);
}
