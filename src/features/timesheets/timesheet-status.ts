/**
 * How a timesheet reads on screen: status words and the latest return or
 * reopening. Why a month's days are locked and which decisions this user could make are the
 * shared rules' (logLockMessage, allowedTimesheetTransitions), so the device never offers what
 * the server would refuse.
 */
import type { Timesheet } from '../../shared/schemas';
import type { TimesheetStatus } from '../../shared/schemas/timesheet.schema';
import type { PublicUser } from '../../shared/users';

export const NOT_STARTED = 'Not started';

export const STATUS_TEXT: Record<TimesheetStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted — waiting for sign-off',
  approved: 'Approved',
  returned: 'Returned — action needed',
};

/**
 * What a history entry records, in words: the step, not the states it moved between. A return
 * and a reopening both end in `returned`; where it came from tells them apart.
 */
export function timesheetStepLabel(from: string, to: string): string {
  if (to === 'submitted') return from === 'returned' ? 'Submitted again' : 'Submitted';
  if (to === 'approved') return 'Approved';
  if (to === 'returned') return from === 'approved' ? 'Reopened by the programme' : 'Returned for changes';
  return STATUS_TEXT[to as TimesheetStatus] ?? to;
}

export function statusText(timesheet: Pick<Timesheet, 'status'> | null | undefined): string {
  return timesheet ? STATUS_TEXT[timesheet.status] : NOT_STARTED;
}

export interface LatestReturn {
  kind: 'return' | 'reopen';
  comment: string;
  dayComments: { date: string; comment: string }[];
}

/**
 * What sent a returned timesheet back. Both a supervisor's return and an officer's reopening
 * end in `returned`, and an old `returned` comment stays on the document after a reopening, so
 * the history decides; before the server has written it, a reopening is the one with `reopened`
 * and an approval.
 */
export function latestReturn(timesheet: Timesheet): LatestReturn | null {
  if (timesheet.status !== 'returned') return null;
  const last = timesheet.history?.at(-1);
  const reopened =
    last && last.to === 'returned'
      ? last.from === 'approved'
      : Boolean(timesheet.reopened && timesheet.approval);
  if (reopened && timesheet.reopened)
    return { kind: 'reopen', comment: timesheet.reopened.reason, dayComments: [] };
  if (timesheet.returned) {
    return {
      kind: 'return',
      comment: timesheet.returned.comment,
      dayComments: timesheet.returned.dayComments,
    };
  }
  return null;
}

/**
 * The heading over a return's comment, for whoever reads it: the expert was returned to by their
 * supervisor; the supervisor who returned it sees their own step; anyone else sees who did it.
 */
export function returnHeading(returned: LatestReturn, timesheet: Timesheet, user: PublicUser): string {
  if (returned.kind === 'reopen') return 'Reopened by the programme';
  if (user.role === 'expert') return 'Returned by your supervisor';
  const last = timesheet.history?.at(-1);
  const entry = last?.to === 'returned' ? last : undefined;
  // Not yet in the server's history: the return was made on this device, by this supervisor.
  const byThisUser = entry ? entry.byUserId === user.id : user.role === 'supervisor';
  if (byThisUser) return 'You returned this month to the expert';
  return entry
    ? `Returned to the expert by ${entry.byName}`
    : 'Returned to the expert by the host supervisor';
}
