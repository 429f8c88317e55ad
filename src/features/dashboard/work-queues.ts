/**
 * The officer's work queues: what waits on someone today. They follow the place filters (country,
 * sector) but not the period, which chooses what the figures count: work that is late today is
 * late whatever period the officer is looking at.
 */
import { addDays, daysBetween, type IsoDate } from '../../shared/dates';
import { isOverdue } from '../../shared/rules/report-rules';
import type { Assignment } from '../../shared/schemas';
import { reportId, type ReportKind } from '../../shared/schemas/report.schema';
import { assignmentPath, reportPath, timesheetPath } from '../../shared/paths';
import {
  atPlace,
  daysWaiting,
  expectedReports,
  type DashboardData,
  type DashboardFilters,
} from './dashboard-figures';

/** How far ahead "ending soon" looks. */
export const ENDING_SOON_DAYS = 14;

interface QueueItem {
  /** The document's own id, unique within its queue. */
  id: string;
  path: string;
  assignment: Assignment;
}

export interface WaitingTimesheet extends QueueItem {
  month: string;
  /** Null when this device does not know when it was submitted. */
  daysWaiting: number | null;
}

export interface QueuedReport extends QueueItem {
  kind: ReportKind;
  due: IsoDate | null;
}

export interface OverdueReport extends QueuedReport {
  due: IsoDate;
  daysOverdue: number;
}

export interface EndingAssignment extends QueueItem {
  endDate: IsoDate;
  daysLeft: number;
}

export interface WorkQueues {
  timesheetsWaiting: WaitingTimesheet[];
  reportsToReview: QueuedReport[];
  overdueReports: OverdueReport[];
  endingSoon: EndingAssignment[];
}

export function workQueues(data: DashboardData, today: IsoDate, filters: DashboardFilters = {}): WorkQueues {
  const byId = new Map(
    data.assignments.filter((assignment) => atPlace(assignment, filters)).map((a) => [a.id, a]),
  );
  const reportsById = new Map(data.reports.map((report) => [report.id, report]));

  const timesheetsWaiting = data.timesheets
    .filter((timesheet) => timesheet.status === 'submitted' && byId.has(timesheet.assignmentId))
    .map((timesheet) => ({
      id: timesheet.id,
      path: timesheetPath(timesheet.assignmentId, timesheet.month),
      assignment: byId.get(timesheet.assignmentId)!,
      month: timesheet.month,
      daysWaiting: daysWaiting(timesheet, today),
    }))
    // Oldest first; one whose submission day is unknown goes last rather than hide a known long wait.
    .sort((a, b) => (b.daysWaiting ?? -1) - (a.daysWaiting ?? -1) || a.id.localeCompare(b.id));

  // Endorsed by the host supervisor: the officer's review is next.
  const reportsToReview = data.reports
    .filter((report) => report.status === 'endorsed' && byId.has(report.assignmentId))
    .map((report) => {
      const assignment = byId.get(report.assignmentId)!;
      const due = expectedReports(assignment).find((expected) => expected.kind === report.kind);
      return {
        id: report.id,
        path: reportPath(report.assignmentId, report.kind),
        assignment,
        kind: report.kind,
        due: due?.due ?? null,
      };
    })
    .sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.id.localeCompare(b.id));

  const overdueReports: OverdueReport[] = [];
  for (const assignment of byId.values()) {
    for (const expected of expectedReports(assignment)) {
      const status = reportsById.get(reportId(assignment.id, expected.kind))?.status;
      if (!isOverdue(expected.due, status, today)) continue;
      overdueReports.push({
        id: reportId(assignment.id, expected.kind),
        path: reportPath(assignment.id, expected.kind),
        assignment,
        kind: expected.kind,
        due: expected.due,
        daysOverdue: daysBetween(expected.due, today),
      });
    }
  }
  overdueReports.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));

  const horizon = addDays(today, ENDING_SOON_DAYS);
  const endingSoon = [...byId.values()]
    .filter(
      (assignment) =>
        (assignment.status === 'planned' || assignment.status === 'active') &&
        assignment.endDate >= today &&
        assignment.endDate <= horizon,
    )
    .map((assignment) => ({
      id: assignment.id,
      path: assignmentPath(assignment.id),
      assignment,
      endDate: assignment.endDate,
      daysLeft: daysBetween(today, assignment.endDate),
    }))
    .sort((a, b) => a.endDate.localeCompare(b.endDate) || a.id.localeCompare(b.id));

  return { timesheetsWaiting, reportsToReview, overdueReports, endingSoon };
}
