/**
 * The programme officer's figures, computed from what the device holds (every assignment, log,
 * timesheet and report of the programme replicates to an officer's device), so the dashboard works
 * offline. Days and allowances are counted by the shared rules (day-rules.ts, timesheet-rules.ts),
 * never again here, so the dashboard agrees with every timesheet and report.
 */
import { daysBetween, localIsoDate, type IsoDate } from '../../shared/dates';
import { COUNTRY_SECTORS, type Country } from '../../shared/reference-data';
import { daysByMode } from '../../shared/rules/day-rules';
import { isOverdue, reportsDue, type DueReport } from '../../shared/rules/report-rules';
import { timesheetPeriod, timesheetTotals, type Period } from '../../shared/rules/timesheet-rules';
import type { Assignment, DailyLog, Report, Timesheet } from '../../shared/schemas';
import { ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '../../shared/schemas/assignment.schema';
import { KT_ACTIVITY_TYPES, type KtActivityType } from '../../shared/schemas/daily-log.schema';
import { reportId } from '../../shared/schemas/report.schema';
import { DEFAULT_MATCHED_EXPERTS_TARGET } from '../../shared/rules/target-rules';

export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** The programme's aim for a country until an officer sets its target (TG-*). */
export const DEFAULT_TARGET_PER_COUNTRY = DEFAULT_MATCHED_EXPERTS_TARGET;
/** A timesheet waiting longer than this for its supervisor's sign-off needs the officer's nudge. */
export const SIGN_OFF_WAIT_DAYS = 7;

export interface DashboardData {
  assignments: readonly Assignment[];
  logs: readonly DailyLog[];
  timesheets: readonly Timesheet[];
  reports: readonly Report[];
  /** Months in a payment batch marked paid (PB-3), from the server; null while not known. */
  paidTimesheetIds?: ReadonlySet<string> | null;
}

/**
 * Country and sector choose assignments; the period chooses each document by its own dates: an
 * assignment by its dates, a log by its day, a report by its due date, a timesheet by the days
 * it covers.
 */
export interface DashboardFilters {
  country?: Country;
  sector?: string;
  from?: IsoDate;
  to?: IsoDate;
}

export interface Figures {
  /** Distinct experts with an assignment that is not cancelled. */
  expertsMatched: number;
  assignmentsByStatus: Record<AssignmentStatus, number>;
  /** Assignments that are not cancelled, by how they are worked. */
  assignmentsByMode: Record<AssignmentMode, number>;
  /** Each expert's calendar day once, in the mode it counts as (day-rules.ts). */
  daysOnSite: number;
  peopleReachedByType: Record<KtActivityType, number>;
  peopleReached: number;
  /** Reports the assignments ask for (not cancelled ones), by due date. */
  reportsDue: number;
  /** Of those, endorsed by the host supervisor (reviewed ones were endorsed first). */
  reportsEndorsed: number;
  reportsOverdue: number;
  /** Submitted timesheets waiting for sign-off longer than SIGN_OFF_WAIT_DAYS. */
  timesheetsWaitingLong: number;
  /** The allowance of approved months, as the timesheet itself counts it. */
  allowanceApprovedEur: number;
  /** Of that, the months in a batch marked paid (0 while the paid months are not known). */
  allowancePaidEur: number;
}

export interface SectorFigures extends Figures {
  country: string;
  sector: string;
}

export interface CountryFigures extends Figures {
  country: string;
  target: number;
  sectors: SectorFigures[];
}

export interface DashboardFigures {
  total: Figures;
  countries: CountryFigures[];
}

export type Targets = Partial<Record<string, number>>;

export function inPeriod(date: IsoDate, filters: DashboardFilters): boolean {
  return (!filters.from || date >= filters.from) && (!filters.to || date <= filters.to);
}

function overlapsPeriod(period: Period, filters: DashboardFilters): boolean {
  return (!filters.from || period.end >= filters.from) && (!filters.to || period.start <= filters.to);
}

/** Whether the assignment is at the filtered place (country and sector). */
export function atPlace(assignment: Assignment, filters: DashboardFilters): boolean {
  return (
    (!filters.country || assignment.institution.country === filters.country) &&
    (!filters.sector || assignment.institution.sector === filters.sector)
  );
}

/**
 * The day a timesheet was last submitted, on this device's calendar: from the history the server
 * writes, or its last write before the history reached this device; null when neither is known.
 */
export function submittedOn(timesheet: Timesheet): IsoDate | null {
  const at = timesheet.history?.findLast((entry) => entry.to === 'submitted')?.at ?? timesheet.updatedAt;
  if (!at) return null;
  const parsed = new Date(at);
  return Number.isNaN(parsed.getTime()) ? null : localIsoDate(parsed);
}

/** Whole days a submitted timesheet has waited for sign-off by `today`; null when unknown. */
export function daysWaiting(timesheet: Timesheet, today: IsoDate): number | null {
  const since = submittedOn(timesheet);
  return since === null ? null : Math.max(0, daysBetween(since, today));
}

/** The reports an assignment asks for that count: a cancelled assignment asks for none. */
export function expectedReports(assignment: Assignment): DueReport[] {
  return assignment.status === 'cancelled' ? [] : reportsDue(assignment);
}

interface Tally {
  experts: Set<string>;
  figures: Omit<Figures, 'expertsMatched'>;
}

function emptyTally(): Tally {
  return {
    experts: new Set(),
    figures: {
      assignmentsByStatus: zeros(ASSIGNMENT_STATUSES),
      assignmentsByMode: zeros(ASSIGNMENT_MODES),
      daysOnSite: 0,
      peopleReachedByType: zeros(KT_ACTIVITY_TYPES),
      peopleReached: 0,
      reportsDue: 0,
      reportsEndorsed: 0,
      reportsOverdue: 0,
      timesheetsWaitingLong: 0,
      allowanceApprovedEur: 0,
      allowancePaidEur: 0,
    },
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function addInto(into: Tally, from: Tally): void {
  for (const expert of from.experts) into.experts.add(expert);
  const a = into.figures;
  const b = from.figures;
  for (const status of ASSIGNMENT_STATUSES) a.assignmentsByStatus[status] += b.assignmentsByStatus[status];
  for (const mode of ASSIGNMENT_MODES) a.assignmentsByMode[mode] += b.assignmentsByMode[mode];
  for (const type of KT_ACTIVITY_TYPES) a.peopleReachedByType[type] += b.peopleReachedByType[type];
  a.daysOnSite += b.daysOnSite;
  a.peopleReached += b.peopleReached;
  a.reportsDue += b.reportsDue;
  a.reportsEndorsed += b.reportsEndorsed;
  a.reportsOverdue += b.reportsOverdue;
  a.timesheetsWaitingLong += b.timesheetsWaitingLong;
  a.allowanceApprovedEur += b.allowanceApprovedEur;
  a.allowancePaidEur += b.allowancePaidEur;
}

function figuresOf(tally: Tally): Figures {
  return { expertsMatched: tally.experts.size, ...tally.figures };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** What one assignment adds to the figures of its country and sector. */
function tallyAssignment(
  assignment: Assignment,
  logs: readonly DailyLog[],
  timesheets: readonly Timesheet[],
  reportsById: ReadonlyMap<string, Report>,
  paid: ReadonlySet<string> | null | undefined,
  today: IsoDate,
  filters: DashboardFilters,
  into: Tally,
): void {
  const figures = into.figures;
  const assignmentPeriod = { start: assignment.startDate, end: assignment.endDate };
  if (overlapsPeriod(assignmentPeriod, filters)) {
    figures.assignmentsByStatus[assignment.status] += 1;
    if (assignment.status !== 'cancelled') {
      into.experts.add(assignment.expertId);
      figures.assignmentsByMode[assignment.mode] += 1;
    }
  }

  // Days worked are facts whatever became of the assignment since (a cancelled one keeps them).
  const logsInPeriod = logs.filter((log) => inPeriod(log.date, filters));
  figures.daysOnSite += daysByMode(logsInPeriod).on_site;
  for (const log of logsInPeriod) {
    for (const activity of log.ktActivities) {
      figures.peopleReachedByType[activity.type] += activity.peopleReached;
      figures.peopleReached += activity.peopleReached;
    }
  }

  for (const due of expectedReports(assignment)) {
    if (!inPeriod(due.due, filters)) continue;
    const status = reportsById.get(reportId(assignment.id, due.kind))?.status;
    figures.reportsDue += 1;
    if (status === 'endorsed' || status === 'reviewed') figures.reportsEndorsed += 1;
    if (isOverdue(due.due, status, today)) figures.reportsOverdue += 1;
  }

  for (const timesheet of timesheets) {
    const period = timesheetPeriod(assignment, timesheet.month);
    if (!period || !overlapsPeriod(period, filters)) continue;
    if (timesheet.status === 'submitted' && (daysWaiting(timesheet, today) ?? 0) > SIGN_OFF_WAIT_DAYS) {
      figures.timesheetsWaitingLong += 1;
    }
    if (timesheet.status === 'approved' && timesheet.submission) {
      // The days the supervisor signed, not the logs as they stand now.
      const allowance = timesheetTotals(timesheet.submission.snapshot.logs, assignment).allowanceEur;
      figures.allowanceApprovedEur += allowance;
      if (paid?.has(timesheet.id)) figures.allowancePaidEur += allowance;
    }
  }
}

/** Every figure of the dashboard, per country and sector of the filtered place and period. */
export function dashboardFigures(
  data: DashboardData,
  today: IsoDate,
  filters: DashboardFilters = {},
  targets: Targets = {},
): DashboardFigures {
  const logsByAssignment = groupBy(data.logs, (log) => log.assignmentId);
  const timesheetsByAssignment = groupBy(data.timesheets, (timesheet) => timesheet.assignmentId);
  const reportsById = new Map(data.reports.map((report) => [report.id, report]));

  // Every country and sector of the programme has a row, with nothing in it or not.
  const countries = new Map<string, Map<string, Tally>>();
  for (const [country, sectors] of Object.entries(COUNTRY_SECTORS)) {
    if (filters.country && country !== filters.country) continue;
    const bySector = new Map<string, Tally>();
    for (const sector of sectors)
      if (!filters.sector || sector === filters.sector) bySector.set(sector, emptyTally());
    countries.set(country, bySector);
  }

  for (const assignment of data.assignments) {
    if (!atPlace(assignment, filters)) continue;
    const { country, sector } = assignment.institution;
    const bySector = countries.get(country) ?? new Map<string, Tally>();
    countries.set(country, bySector);
    const tally = bySector.get(sector) ?? emptyTally();
    bySector.set(sector, tally);
    tallyAssignment(
      assignment,
      logsByAssignment.get(assignment.id) ?? [],
      timesheetsByAssignment.get(assignment.id) ?? [],
      reportsById,
      data.paidTimesheetIds,
      today,
      filters,
      tally,
    );
  }

  const total = emptyTally();
  const countryFigures: CountryFigures[] = [];
  for (const [country, bySector] of countries) {
    const countryTally = emptyTally();
    const sectors: SectorFigures[] = [];
    for (const [sector, tally] of bySector) {
      addInto(countryTally, tally);
      sectors.push({ country, sector, ...figuresOf(tally) });
    }
    addInto(total, countryTally);
    countryFigures.push({
      country,
      target: targets[country] ?? DEFAULT_TARGET_PER_COUNTRY,
      sectors,
      ...figuresOf(countryTally),
    });
  }
  return { total: figuresOf(total), countries: countryFigures };
}
