/**
 * The officer's dashboard figures and work queues, on a small programme written by hand: two
 * countries, a cancelled assignment, a day logged on site and as travel (one day), timesheets
 * submitted 8 and 3 days ago, an overdue report.
 */
import { describe, expect, it } from 'vitest';
import {
  dashboardFigures,
  DEFAULT_TARGET_PER_COUNTRY,
  type DashboardData,
} from '../../src/features/dashboard/dashboard-figures';
import { workQueues } from '../../src/features/dashboard/work-queues';
import { newReport } from '../../src/shared/rules/report-rules';
import type { Assignment, DailyLog, Report, Timesheet } from '../../src/shared/schemas';
import type { KtActivity, WorkMode } from '../../src/shared/schemas/daily-log.schema';
import type { ReportKind, ReportStatus } from '../../src/shared/schemas/report.schema';

const TODAY = '2026-06-15';

function anAssignment(id: string, patch: Partial<Assignment>): Assignment {
  return {
    id,
    expertId: `expert-${id}`,
    expertName: `Expert ${id}`,
    institution: { name: `Institution ${id}`, country: 'Nigeria', sector: 'ICT' },
    supervisorIds: ['supervisor-1'],
    mode: 'physical',
    startDate: '2026-05-01',
    endDate: '2026-07-15',
    objectives: ['Train the team'],
    status: 'active',
    ...patch,
  };
}

function aLog(
  id: string,
  assignmentId: string,
  date: string,
  workMode: WorkMode,
  hours: number,
  ktActivities: KtActivity[] = [],
): DailyLog {
  return { id, assignmentId, date, hours, workMode, location: '', activities: '', ktActivities, notes: '' };
}

const HASH = 'a'.repeat(64);

/** An instant at noon of `date` on this device's calendar: the same day in any time zone. */
function localNoon(date: string): string {
  return new Date(`${date}T12:00:00`).toISOString();
}

function aTimesheet(
  assignmentId: string,
  month: string,
  status: Timesheet['status'],
  submittedAt: string,
  logs: DailyLog[] = [],
): Timesheet {
  const snapshot = {
    logs: logs.map((log) => ({
      id: log.id,
      date: log.date,
      hours: log.hours,
      workMode: log.workMode,
      version: 'v1',
    })),
    hash: HASH,
  };
  const history = [
    { at: submittedAt, byUserId: 'expert', byName: 'Expert', role: 'expert', from: 'draft', to: 'submitted' },
  ];
  if (status === 'approved') {
    history.push({
      at: submittedAt,
      byUserId: 's',
      byName: 'Sup',
      role: 'supervisor',
      from: 'submitted',
      to: 'approved',
    });
  }
  return {
    id: `${assignmentId}:${month}`,
    assignmentId,
    month,
    status,
    submission: { declaration: true, fullName: 'Expert', snapshot },
    ...(status === 'approved' ? { approval: { fullName: 'Sup', hash: HASH } } : {}),
    history,
  };
}

function aReport(assignment: Assignment, kind: ReportKind, status: ReportStatus): Report {
  return { ...newReport(assignment, kind), status };
}

/** The programme; dates as seen on TODAY. */
function programme(): DashboardData {
  // Nigeria: a1 (ICT, physical, 75 days: inception, mid-term, final), a2 (Health, virtual, ends
  // in 10 days), a5 (ICT, hybrid, planned, the same expert as a1).
  const a1 = anAssignment('a1', { expertId: 'e1' });
  const a2 = anAssignment('a2', {
    expertId: 'e2',
    institution: { name: 'Teaching hospital', country: 'Nigeria', sector: 'Health' },
    mode: 'virtual',
    startDate: '2026-06-01',
    endDate: '2026-06-25',
  });
  const a5 = anAssignment('a5', {
    expertId: 'e1',
    mode: 'hybrid',
    startDate: '2026-08-01',
    endDate: '2026-08-31',
    status: 'planned',
  });
  // Somalia: a3 (Water, hybrid, completed), a4 (Water, cancelled).
  const water = { name: 'Water agency', country: 'Somalia', sector: 'Water' } as const;
  const a3 = anAssignment('a3', {
    expertId: 'e3',
    institution: water,
    mode: 'hybrid',
    startDate: '2026-04-01',
    endDate: '2026-05-31',
    status: 'completed',
  });
  const a4 = anAssignment('a4', {
    expertId: 'e4',
    institution: water,
    startDate: '2026-06-01',
    endDate: '2026-07-01',
    status: 'cancelled',
  });

  const mayOnSite = aLog('l1', 'a1', '2026-05-04', 'on_site', 6, [{ type: 'training', peopleReached: 10 }]);
  const mayTravel = aLog('l2', 'a1', '2026-05-04', 'travel', 2, [{ type: 'workshop', peopleReached: 5 }]);
  const somaliaDay = aLog('l6', 'a3', '2026-04-10', 'on_site', 8, [
    { type: 'coaching_mentoring', peopleReached: 7 },
  ]);
  const logs = [
    mayOnSite,
    mayTravel,
    aLog('l3', 'a1', '2026-06-02', 'travel', 8),
    // Zero hours: a day off with a note works no day.
    aLog('l4', 'a1', '2026-06-03', 'on_site', 0),
    aLog('l5', 'a1', '2026-06-10', 'on_site', 4, [{ type: 'advice', peopleReached: 3 }]),
    somaliaDay,
    aLog('l7', 'a2', '2026-06-05', 'remote', 3, [{ type: 'workshop', peopleReached: 20 }]),
  ];

  const timesheets = [
    aTimesheet('a1', '2026-05', 'approved', localNoon('2026-06-01'), [mayOnSite, mayTravel]),
    aTimesheet('a1', '2026-06', 'submitted', localNoon('2026-06-07')),
    aTimesheet('a2', '2026-06', 'submitted', localNoon('2026-06-12')),
    aTimesheet('a3', '2026-04', 'approved', localNoon('2026-05-02'), [somaliaDay]),
  ];

  const reports = [
    aReport(a1, 'inception', 'endorsed'),
    // Due 2026-06-07, still a draft: overdue.
    aReport(a1, 'midterm', 'draft'),
    aReport(a3, 'inception', 'reviewed'),
    aReport(a3, 'midterm', 'endorsed'),
    aReport(a3, 'final', 'submitted'),
  ];
  return { assignments: [a1, a2, a3, a4, a5], logs, timesheets, reports };
}

const data = programme();

function country(figures: ReturnType<typeof dashboardFigures>, name: string) {
  const found = figures.countries.find((row) => row.country === name);
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

describe('dashboard figures', () => {
  it('counts each figure per country', () => {
    const figures = dashboardFigures(data, TODAY);
    expect(figures.countries.map((row) => row.country)).toEqual([
      'Afghanistan',
      'Iraq',
      'Nigeria',
      'Somalia',
    ]);

    const nigeria = country(figures, 'Nigeria');
    expect(nigeria.expertsMatched).toBe(2);
    expect(nigeria.target).toBe(DEFAULT_TARGET_PER_COUNTRY);
    expect(nigeria.assignmentsByStatus).toEqual({ planned: 1, active: 2, completed: 0, cancelled: 0 });
    expect(nigeria.assignmentsByMode).toEqual({ physical: 1, virtual: 1, hybrid: 1 });
    // 4 May (on site and travel) once, 10 June; 2 June was travel, 3 June no hours.
    expect(nigeria.daysOnSite).toBe(2);
    expect(nigeria.peopleReachedByType).toEqual({
      training: 10,
      coaching_mentoring: 0,
      workshop: 25,
      advice: 3,
      problem_solving: 0,
    });
    expect(nigeria.peopleReached).toBe(38);
    // a1: inception, mid-term, final; a2 and a5: inception and final.
    expect(nigeria.reportsDue).toBe(7);
    expect(nigeria.reportsEndorsed).toBe(1);
    expect(nigeria.reportsOverdue).toBe(1);
    // Submitted 8 days ago counts, 3 days ago does not.
    expect(nigeria.timesheetsWaitingLong).toBe(1);
    // May: 4 May counted once, 110 EUR a day in Nigeria.
    expect(nigeria.allowanceApprovedEur).toBe(110);

    const somalia = country(figures, 'Somalia');
    // The cancelled assignment's expert is not matched, but the assignment is counted as cancelled.
    expect(somalia.expertsMatched).toBe(1);
    expect(somalia.assignmentsByStatus).toEqual({ planned: 0, active: 0, completed: 1, cancelled: 1 });
    expect(somalia.assignmentsByMode).toEqual({ physical: 0, virtual: 0, hybrid: 1 });
    expect(somalia.daysOnSite).toBe(1);
    expect(somalia.peopleReached).toBe(7);
    // The cancelled assignment asks for no report.
    expect(somalia.reportsDue).toBe(3);
    expect(somalia.reportsEndorsed).toBe(2);
    expect(somalia.reportsOverdue).toBe(0);
    expect(somalia.timesheetsWaitingLong).toBe(0);
    expect(somalia.allowanceApprovedEur).toBe(125);

    expect(country(figures, 'Iraq').expertsMatched).toBe(0);
    expect(figures.total.expertsMatched).toBe(3);
    expect(figures.total.daysOnSite).toBe(3);
    expect(figures.total.peopleReached).toBe(45);
    expect(figures.total.allowanceApprovedEur).toBe(235);
  });

  it('counts as paid the approved months in a paid batch, and nothing while that is not known', () => {
    expect(dashboardFigures(data, TODAY).total.allowancePaidEur).toBe(0);
    const paid = dashboardFigures({ ...data, paidTimesheetIds: new Set(['a3:2026-04']) }, TODAY);
    expect(paid.total.allowancePaidEur).toBe(125);
    expect(country(paid, 'Somalia').allowancePaidEur).toBe(125);
    expect(country(paid, 'Nigeria').allowancePaidEur).toBe(0);
  });

  it('counts an expert on two assignments once, in the country and the total', () => {
    const figures = dashboardFigures(data, TODAY, { country: 'Nigeria', sector: 'ICT' });
    const ict = country(figures, 'Nigeria').sectors;
    expect(ict.map((row) => row.sector)).toEqual(['ICT']);
    expect(ict[0]?.expertsMatched).toBe(1);
    expect(ict[0]?.assignmentsByStatus).toEqual({ planned: 1, active: 1, completed: 0, cancelled: 0 });
    expect(figures.total.expertsMatched).toBe(1);
    expect(figures.total.daysOnSite).toBe(2);
    expect(figures.total.peopleReached).toBe(18);
  });

  it('keeps to the chosen country', () => {
    const figures = dashboardFigures(data, TODAY, { country: 'Somalia' });
    expect(figures.countries.map((row) => row.country)).toEqual(['Somalia']);
    expect(figures.total.expertsMatched).toBe(1);
    expect(figures.total.allowanceApprovedEur).toBe(125);
    expect(figures.total.timesheetsWaitingLong).toBe(0);
    expect(country(figures, 'Somalia').sectors.map((row) => row.sector)).toEqual([
      'Local Governance',
      'Rule of Law',
      'Water',
      'Private Sector Development',
    ]);
  });

  it('counts each document of the period by its own dates', () => {
    const figures = dashboardFigures(data, TODAY, { from: '2026-06-01', to: '2026-06-30' });
    const nigeria = country(figures, 'Nigeria');
    const somalia = country(figures, 'Somalia');
    // a5 starts in August, a3 ended in May; a4 overlaps June but is cancelled.
    expect(nigeria.expertsMatched).toBe(2);
    expect(somalia.expertsMatched).toBe(0);
    expect(nigeria.assignmentsByStatus).toEqual({ planned: 0, active: 2, completed: 0, cancelled: 0 });
    expect(somalia.assignmentsByStatus).toEqual({ planned: 0, active: 0, completed: 0, cancelled: 1 });
    expect(nigeria.daysOnSite).toBe(1);
    expect(nigeria.peopleReached).toBe(23);
    // Due in June: a1's mid-term (7th), a2's inception (15th) and final (25th).
    expect(nigeria.reportsDue).toBe(3);
    expect(nigeria.reportsEndorsed).toBe(0);
    expect(nigeria.reportsOverdue).toBe(1);
    expect(nigeria.timesheetsWaitingLong).toBe(1);
    // The approved months are April and May.
    expect(figures.total.allowanceApprovedEur).toBe(0);
  });

  it("uses the officer's target where set", () => {
    const figures = dashboardFigures(data, TODAY, {}, { Nigeria: 10 });
    expect(country(figures, 'Nigeria').target).toBe(10);
    expect(country(figures, 'Somalia').target).toBe(DEFAULT_TARGET_PER_COUNTRY);
  });
});

describe('work queues', () => {
  it('lists what waits today, each with its link', () => {
    const queues = workQueues(data, TODAY);
    expect(queues.timesheetsWaiting.map((item) => [item.path, item.daysWaiting])).toEqual([
      ['/assignments/a1/timesheets/2026-06', 8],
      ['/assignments/a2/timesheets/2026-06', 3],
    ]);
    expect(queues.reportsToReview.map((item) => item.path)).toEqual([
      '/assignments/a3/reports/midterm',
      '/assignments/a1/reports/inception',
    ]);
    expect(queues.overdueReports.map((item) => [item.path, item.due, item.daysOverdue])).toEqual([
      ['/assignments/a1/reports/midterm', '2026-06-07', 8],
    ]);
    expect(queues.endingSoon.map((item) => [item.path, item.daysLeft])).toEqual([['/assignments/a2', 10]]);
  });

  it('keeps to the chosen place', () => {
    const queues = workQueues(data, TODAY, { country: 'Somalia' });
    expect(queues.timesheetsWaiting).toEqual([]);
    expect(queues.reportsToReview.map((item) => item.id)).toEqual(['a3:midterm']);
    expect(queues.overdueReports).toEqual([]);
    expect(queues.endingSoon).toEqual([]);
  });
});
