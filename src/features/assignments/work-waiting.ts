/**
 * What waits for whom (issue 11 §2), worked out from the documents on the device so the home can
 * say it at a glance. An expert: months sent back, reports due within a week or overdue (or sent
 * back), months that have ended and are not submitted. A supervisor: one inbox of timesheets to
 * sign and reports to endorse, the longest-waiting first.
 */
import { daysBetween, type IsoDate } from '../../shared/dates';
import { reportsDue } from '../../shared/rules/report-rules';
import { assignmentMonths, timesheetPeriod } from '../../shared/rules/timesheet-rules';
import type { Assignment, Report, Timesheet } from '../../shared/schemas';
import { reportId, type ReportKind } from '../../shared/schemas/report.schema';
import { reportKindLabel } from '../../i18n/labels';
import { timesheetId } from '../../shared/schemas/timesheet.schema';
import { latestReturn } from '../timesheets';
import { i18n } from './catalog';

/** A report due within this many days shows on the expert's home. */
export const REPORT_DUE_SOON_DAYS = 7;

type Place = Pick<Assignment, 'id'> & { institution: Pick<Assignment['institution'], 'name'> };

export type ExpertWaiting =
  | {
      kind: 'returned';
      assignment: Place;
      month: string;
      /** Who sent it back: the supervisor (return) or an officer (reopening). */
      by: 'return' | 'reopen';
      comment: string;
      days: { date: IsoDate; comment: string }[];
    }
  | {
      kind: 'report';
      assignment: Place;
      reportKind: ReportKind;
      due: IsoDate;
      /** Negative when overdue. */
      daysLeft: number;
      /** The supervisor's comment when they asked for changes. */
      changesRequested: string | null;
    }
  | { kind: 'unsubmitted'; assignment: Place; month: string; ended: IsoDate };

export interface ExpertWaitingInput {
  userId: string;
  assignments: readonly Assignment[];
  timesheets: readonly Timesheet[];
  reports: readonly Report[];
  /** `${assignmentId}:${month}` of the months that hold logs (a month without any has nothing to submit). */
  loggedMonths: ReadonlySet<string>;
  today: IsoDate;
}

const ORDER: Record<ExpertWaiting['kind'], number> = { returned: 0, report: 1, unsubmitted: 2 };

function sortKey(item: ExpertWaiting): string {
  return item.kind === 'report' ? item.due : item.month;
}

/** Everything waiting on the expert, the most pressing first. */
export function expertWaiting({
  userId,
  assignments,
  timesheets,
  reports,
  loggedMonths,
  today,
}: ExpertWaitingInput): ExpertWaiting[] {
  const timesheetById = new Map(timesheets.map((timesheet) => [timesheet.id, timesheet]));
  const reportById = new Map(reports.map((report) => [report.id, report]));
  const items: ExpertWaiting[] = [];
  for (const assignment of assignments) {
    if (assignment.expertId !== userId || assignment.status === 'cancelled') continue;
    for (const month of assignmentMonths(assignment)) {
      const timesheet = timesheetById.get(timesheetId(assignment.id, month));
      const sentBack = timesheet && latestReturn(timesheet);
      if (sentBack) {
        items.push({
          kind: 'returned',
          assignment,
          month,
          by: sentBack.kind,
          comment: sentBack.comment,
          days: [...sentBack.dayComments].sort((a, b) => a.date.localeCompare(b.date)),
        });
        continue;
      }
      const period = timesheetPeriod(assignment, month);
      const open = !timesheet || timesheet.status === 'draft';
      if (period && open && period.end < today && loggedMonths.has(`${assignment.id}:${month}`)) {
        items.push({ kind: 'unsubmitted', assignment, month, ended: period.end });
      }
    }
    for (const { kind, due } of reportsDue(assignment)) {
      const report = reportById.get(reportId(assignment.id, kind));
      const daysLeft = daysBetween(today, due);
      if (report?.status === 'changes_requested') {
        const comment = report.decision?.kind === 'changes_requested' ? report.decision.comment : '';
        items.push({
          kind: 'report',
          assignment,
          reportKind: kind,
          due,
          daysLeft,
          changesRequested: comment,
        });
      } else if ((!report || report.status === 'draft') && daysLeft <= REPORT_DUE_SOON_DAYS) {
        items.push({ kind: 'report', assignment, reportKind: kind, due, daysLeft, changesRequested: null });
      }
    }
  }
  return items.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || sortKey(a).localeCompare(sortKey(b)));
}

/** "due in 3 days", "due today", "overdue by 2 days". */
export function dueText(daysLeft: number): string {
  if (daysLeft === 0) return i18n._('assignments.due.today');
  if (daysLeft === 1) return i18n._('assignments.due.tomorrow');
  if (daysLeft > 0) return i18n._('assignments.due.inDays', { count: daysLeft });
  return i18n._('assignments.due.overdue', { count: -daysLeft });
}

export interface InboxItem {
  kind: 'timesheet' | 'report';
  /** The document's id. */
  id: string;
  assignmentId: string;
  /** "Amina Expert — June 2025" or "Amina Expert — Inception report". */
  title: string;
  institution: string | null;
  /** When it was submitted (the server's history; before that, the document's last change). */
  since: string | null;
  /** Whole days waited by `today`; null when the submission time is not known yet. */
  waitedDays: number | null;
  timesheet?: Timesheet;
  report?: Report;
}

function submittedAt(doc: {
  history?: readonly { at: string; to: string }[];
  updatedAt?: string;
}): string | null {
  return doc.history?.findLast((entry) => entry.to === 'submitted')?.at ?? doc.updatedAt ?? null;
}

export interface InboxInput {
  timesheets: readonly Timesheet[];
  reports: readonly Report[];
  assignments: readonly Assignment[];
  /** Formats a timesheet's month for its title. */
  monthName(month: string): string;
  today: IsoDate;
}

/** Submitted timesheets and reports, the longest-waiting first; unknown times last. */
export function supervisorInbox({
  timesheets,
  reports,
  assignments,
  monthName,
  today,
}: InboxInput): InboxItem[] {
  const byId = new Map(assignments.map((assignment) => [assignment.id, assignment]));
  const item = (kind: InboxItem['kind'], doc: Timesheet | Report, what: string): InboxItem => {
    const assignment = byId.get(doc.assignmentId);
    const since = submittedAt(doc);
    return {
      kind,
      id: doc.id,
      assignmentId: doc.assignmentId,
      title: i18n._('assignments.inbox.title', {
        name: assignment?.expertName ?? i18n._('assignments.inbox.unknownExpert'),
        what,
      }),
      institution: assignment?.institution.name ?? null,
      since,
      waitedDays: since ? Math.max(0, daysBetween(since.slice(0, 10), today)) : null,
      ...(kind === 'timesheet' ? { timesheet: doc as Timesheet } : { report: doc as Report }),
    };
  };
  const items = [
    ...timesheets
      .filter((timesheet) => timesheet.status === 'submitted')
      .map((timesheet) => item('timesheet', timesheet, monthName(timesheet.month))),
    ...reports
      .filter((report) => report.status === 'submitted')
      .map((report) => item('report', report, reportKindLabel(report.kind))),
  ];
  return items.sort(
    (a, b) =>
      (a.since === null ? 1 : 0) - (b.since === null ? 1 : 0) ||
      (a.since ?? '').localeCompare(b.since ?? '') ||
      a.id.localeCompare(b.id),
  );
}

/** "waiting 5 days", "waiting since today". */
export function waitingText(days: number | null): string {
  if (days === null) return i18n._('assignments.waited.justSubmitted');
  if (days === 0) return i18n._('assignments.waited.today');
  return i18n._('assignments.waited.days', { count: days });
}
