/**
 * The status badge of an exercise ("Not started", "In progress", "Passed", "Passed (solution
 * shown)"). Painted by the tiny page script from saved progress before the editor loads, by the
 * editor after, and on the course map.
 */
import type { ExerciseStatus, SavedExercise } from './store.ts';

/** What a badge shows: the saved status, with a pass told apart when the solution came first. */
export type BadgeStatus = ExerciseStatus | 'passed-revealed';

export const STATUS_LABELS: Record<BadgeStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  passed: 'Passed',
  'passed-revealed': 'Passed (solution shown)',
};

/** A pass counts from the first one on, even if the code was edited since. */
export function badgeStatus(saved: Pick<SavedExercise, 'status' | 'everPassed' | 'solutionRevealed'> | null): BadgeStatus {
  if (!saved) return 'not-started';
  if (saved.everPassed) return saved.solutionRevealed ? 'passed-revealed' : 'passed';
  return saved.status;
}

export function showStatus(root: ParentNode, status: BadgeStatus): void {
  for (const badge of root.querySelectorAll<HTMLElement>('[data-status-badge]')) {
    badge.dataset.status = status;
    badge.textContent = STATUS_LABELS[status];
  }
}
