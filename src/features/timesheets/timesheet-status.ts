/**
 * How a timesheet reads on screen: status words and the latest return or
 * reopening. Why a month's days are locked and which decisions this user could make are the
 * shared rules' (logLockMessage, allowedTimesheetTransitions), so the device never offers what
 * the server would refuse.
 */
import type { Timesheet } from '../../shared/schemas';
import type { TimesheetStatus } from '../../shared/schemas/timesheet.schema';
import type { PublicUser } from '../../shared/users';
import { i18n } from './catalog';

/** Each status in words, in the active language: read at the time it is shown. */
export const STATUS_TEXT: Readonly<Record<TimesheetStatus, string>> = {
  get draft() {
    return i18n._('timesheets.status.draft');
  },
  get submitted() {
    return i18n._('timesheets.status.submitted');
  },
  get approved() {
    return i18n._('timesheets.status.approved');
  },
  get returned() {
    return i18n._('timesheets.status.returned');
  },
};

/**
 * What a history entry records, in words: the step, not the states it moved between. A return
 * and a reopening both end in `returned`; where it came from tells them apart.
 */
export function timesheetStepLabel(from: string, to: string): string {
  if (to === 'submitted') {
    return from === 'returned'
      ? i18n._('timesheets.step.submittedAgain')
      : i18n._('timesheets.step.submitted');
  }
  if (to === 'approved') return i18n._('timesheets.step.approved');
  if (to === 'returned') {
    return from === 'approved' ? i18n._('timesheets.step.reopened') : i18n._('timesheets.step.returned');
  }
  return STATUS_TEXT[to as TimesheetStatus] ?? to;
}

export function statusText(timesheet: Pick<Timesheet, 'status'> | null | undefined): string {
  return timesheet ? STATUS_TEXT[timesheet.status] : i18n._('timesheets.status.notStarted');
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
  if (returned.kind === 'reopen') return i18n._('timesheets.step.reopened');
  if (user.role === 'expert') return i18n._('timesheets.return.bySupervisor');
  const last = timesheet.history?.at(-1);
  const entry = last?.to === 'returned' ? last : undefined;
  // Not yet in the server's history: the return was made on this device, by this supervisor.
  const byThisUser = entry ? entry.byUserId === user.id : user.role === 'supervisor';
  if (byThisUser) return i18n._('timesheets.return.byYou');
  return entry
    ? i18n._('timesheets.return.byName', { name: entry.byName })
    : i18n._('timesheets.return.byHostSupervisor');
}
