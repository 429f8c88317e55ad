/** The officer's filters and sort orders of the assignments list (issue 10 §4), without React. */
import type { Assignment } from '../../shared/schemas';

/** The sort orders, each with the message id of its name. */
export const ASSIGNMENT_SORTS = {
  start: /*i18n*/ 'assignments.sort.start',
  institution: /*i18n*/ 'assignments.sort.institution',
  expert: /*i18n*/ 'assignments.sort.expert',
  end: /*i18n*/ 'assignments.sort.end',
} as const;
export type AssignmentSort = keyof typeof ASSIGNMENT_SORTS;

export interface AssignmentFilters {
  /** Matched in the institution's and the expert's names, any case. */
  text: string;
  country: string;
  status: string;
  sort: AssignmentSort;
}

export const NO_ASSIGNMENT_FILTERS: AssignmentFilters = { text: '', country: '', status: '', sort: 'start' };

const byText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });

export function filterAssignments(
  assignments: readonly Assignment[],
  filters: AssignmentFilters,
): Assignment[] {
  const text = filters.text.trim().toLocaleLowerCase();
  const kept = assignments.filter(
    (assignment) =>
      (filters.country === '' || assignment.institution.country === filters.country) &&
      (filters.status === '' || assignment.status === filters.status) &&
      (text === '' ||
        `${assignment.institution.name}\n${assignment.expertName ?? ''}`.toLocaleLowerCase().includes(text)),
  );
  const compare: Record<AssignmentSort, (a: Assignment, b: Assignment) => number> = {
    start: (a, b) => b.startDate.localeCompare(a.startDate),
    end: (a, b) => a.endDate.localeCompare(b.endDate),
    institution: (a, b) => byText(a.institution.name, b.institution.name),
    expert: (a, b) => byText(a.expertName ?? '', b.expertName ?? ''),
  };
  // Ties keep a fixed order, so the list does not jump when a sync rewrites a document.
  return kept.sort((a, b) => compare[filters.sort](a, b) || a.id.localeCompare(b.id));
}
