/** URLs of the log screens, in one place so links and redirects agree. */
export const REFUSAL_PARAM = 'from-refusal';

export function assignmentPath(assignmentId: string): string {
  return `/assignments/${encodeURIComponent(assignmentId)}`;
}

export function newLogPath(assignmentId: string): string {
  return `${assignmentPath(assignmentId)}/log`;
}

/** The new-log form prefilled with a refused change's typed content. */
export function reenterPath(assignmentId: string, refusalId: string): string {
  return `${newLogPath(assignmentId)}?${REFUSAL_PARAM}=${encodeURIComponent(refusalId)}`;
}

export function editLogPath(logId: string): string {
  return `/logs/${encodeURIComponent(logId)}/edit`;
}
