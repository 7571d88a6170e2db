/**
 * The status badge of an exercise ("Not started", "In progress", "Passed"). Painted by the
 * tiny page script from saved progress before the editor loads, and by the editor after.
 */
import type { ExerciseStatus } from './store.ts';

export const STATUS_LABELS: Record<ExerciseStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  passed: 'Passed',
};

export function showStatus(root: ParentNode, status: ExerciseStatus): void {
  for (const badge of root.querySelectorAll<HTMLElement>('[data-status-badge]')) {
    badge.dataset.status = status;
    badge.textContent = STATUS_LABELS[status];
  }
}
