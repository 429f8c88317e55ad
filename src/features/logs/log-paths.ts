/** URLs of the log screens, in one place so links and redirects agree. */
export const REFUSAL_PARAM = 'from-refusal';
export const DATE_PARAM = 'date';

export function assignmentPath(assignmentId: string): string {
  return `/assignments/${encodeURIComponent(assignmentId)}`;
}

export function newLogPath(assignmentId: string): string {
  return `${assignmentPath(assignmentId)}/log`;
}

/** A day's log: opens the one logged on `date` if there is one, else a new log of that date. */
export function logDayPath(assignmentId: string, date: string): string {
  return `${newLogPath(assignmentId)}?${DATE_PARAM}=${encodeURIComponent(date)}`;
}

/** The new-log form prefilled with a refused change's typed content. */
export function reenterPath(assignmentId: string, refusalId: string): string {
  return `${newLogPath(assignmentId)}?${REFUSAL_PARAM}=${encodeURIComponent(refusalId)}`;
}

export function editLogPath(logId: string): string {
  return `/logs/${encodeURIComponent(logId)}/edit`;
}
