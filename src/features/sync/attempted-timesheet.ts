/** Reads a refused timesheet change: which month, and the status it tried to reach. */
import type { Refusal } from '../../db/local-schemas';
import { TIMESHEET_STATUSES, type TimesheetStatus } from '../../shared/schemas/timesheet.schema';

export interface AttemptedTimesheet {
  assignmentId: string | null;
  month: string;
  status: TimesheetStatus | null;
}

export function parseAttemptedTimesheet(refusal: Pick<Refusal, 'attempted'>): AttemptedTimesheet | null {
  let raw: unknown;
  try {
    raw = JSON.parse(refusal.attempted);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const doc = raw as Record<string, unknown>;
  return {
    assignmentId: typeof doc.assignmentId === 'string' ? doc.assignmentId : null,
    month: typeof doc.month === 'string' ? doc.month : '',
    status: TIMESHEET_STATUSES.includes(doc.status as TimesheetStatus)
      ? (doc.status as TimesheetStatus)
      : null,
  };
}
