/** URLs of the timesheet screens. */
import { assignmentPath } from '../logs/log-paths';

export const TO_SIGN_PATH = '/to-sign';

export function timesheetPath(assignmentId: string, month: string): string {
  return `${assignmentPath(assignmentId)}/timesheets/${encodeURIComponent(month)}`;
}
