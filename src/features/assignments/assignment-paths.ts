/** URLs of the officer's assignment forms; the assignment's own page is assignmentPath (log-paths.ts). */
import { assignmentPath } from '../logs/log-paths';

export const NEW_ASSIGNMENT_PATH = '/assignments/new';

export function editAssignmentPath(assignmentId: string): string {
  return `${assignmentPath(assignmentId)}/edit`;
}
