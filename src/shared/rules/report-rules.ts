/**
 * Report rules shared by the device and the server (docs/sync-protocol.md RP-*): which reports an
 * assignment has and when they are due, the activity summary computed from the daily logs, the
 * section-by-section merge of two devices' edits, and when its text can be edited. Who may make
 * which transition is the workflow's table (report-workflow.ts).
 */
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../dates';
import type { Assignment } from '../schemas/assignment.schema';
import { KT_ACTIVITY_TYPES, type DailyLog, type KtActivityType } from '../schemas/daily-log.schema';
import {
  TEXT_SECTIONS,
  reportId,
  type Report,
  type ReportKind,
  type ReportSections,
  type ReportStatus,
} from '../schemas/report.schema';
import { reason, type Reason } from '../reasons';
import { canonicalJson } from '../sync/merge';
import { daysByMode } from './day-rules';
import type { Period } from './timesheet-rules';

/** A mid-term report is only asked of assignments longer than six weeks. */
export const MIDTERM_MIN_DAYS = 42;
export const INCEPTION_DUE_DAYS = 14;

export interface DueReport {
  kind: ReportKind;
  due: IsoDate;
}

export function reportsDue(assignment: Pick<Assignment, 'startDate' | 'endDate'>): DueReport[] {
  // Dates stored before the server checked them (assignment-rules.ts) may be no calendar days:
  // no due date can be worked out from them, and date arithmetic on them would throw.
  if (!isIsoDate(assignment.startDate) || !isIsoDate(assignment.endDate)) return [];
  const length = daysBetween(assignment.startDate, assignment.endDate);
  // A short assignment's inception report is due by its end at the latest, never after the final.
  const inception = addDays(assignment.startDate, INCEPTION_DUE_DAYS);
  const due: DueReport[] = [
    { kind: 'inception', due: inception < assignment.endDate ? inception : assignment.endDate },
  ];
  if (length > MIDTERM_MIN_DAYS) {
    due.push({ kind: 'midterm', due: addDays(assignment.startDate, Math.floor(length / 2)) });
  }
  due.push({ kind: 'final', due: assignment.endDate });
  return due;
}

/** Overdue: the due date has passed and the expert has not submitted it yet. */
export function isOverdue(due: IsoDate, status: ReportStatus | undefined, today: IsoDate): boolean {
  return today > due && (status === undefined || status === 'draft' || status === 'changes_requested');
}

/**
 * The days a report's activity summary covers (RP-7): from the assignment's start up to and
 * including the report's due date, so each report accounts for everything done until it is due
 * and the final report, due at the end, for the whole assignment.
 */
export function reportPeriod(assignment: Pick<Assignment, 'startDate'>, due: DueReport): Period {
  return { start: assignment.startDate, end: due.due };
}

export interface ActivitySummary {
  period: Period;
  byType: Record<KtActivityType, { activities: number; peopleReached: number }>;
  peopleReached: number;
  onSiteDays: number;
  remoteDays: number;
  travelDays: number;
  daysLogged: number;
}

/**
 * What the logs of the period say was done: counts per activity type, people reached, and each
 * worked day once in the mode it counts as (day-rules.ts).
 */
export function activitySummary(
  logs: readonly Pick<DailyLog, 'date' | 'hours' | 'workMode' | 'ktActivities'>[],
  period: Period,
): ActivitySummary {
  const inPeriod = logs.filter((log) => log.date >= period.start && log.date <= period.end);
  const byType = Object.fromEntries(
    KT_ACTIVITY_TYPES.map((type) => [type, { activities: 0, peopleReached: 0 }]),
  ) as ActivitySummary['byType'];
  let peopleReached = 0;
  for (const log of inPeriod) {
    for (const activity of log.ktActivities) {
      byType[activity.type].activities += 1;
      byType[activity.type].peopleReached += activity.peopleReached;
      peopleReached += activity.peopleReached;
    }
  }
  const days = daysByMode(inPeriod);
  return {
    period,
    byType,
    peopleReached,
    onSiteDays: days.on_site,
    remoteDays: days.remote,
    travelDays: days.travel,
    daysLogged: new Set(inPeriod.map((log) => log.date)).size,
  };
}

/** A new report: empty sections, one progress entry per terms-of-reference objective. */
export function newReport(assignment: Pick<Assignment, 'id' | 'objectives'>, kind: ReportKind): Report {
  const sections = Object.fromEntries(TEXT_SECTIONS.map((section) => [section, ''])) as Omit<
    ReportSections,
    'objectives'
  >;
  return {
    id: reportId(assignment.id, kind),
    assignmentId: assignment.id,
    kind,
    status: 'draft',
    sections: {
      ...sections,
      objectives: assignment.objectives.map((objective) => ({
        objective,
        progress: 'not_started',
        evidence: '',
      })),
    },
  };
}

export const REPORT_OBJECTIVES_REASON = reason(/*i18n*/ 'rules.report.objectives');

/**
 * Why a report's objectives cannot stand (RP-3), or null. They are the assignment's terms of
 * reference, in order: the report says how far each got, not what was to be done. A report the
 * server holds may keep the list it was begun on after an officer revises the terms of reference:
 * the device has no way to take the new list in, and refusing would lock the expert out of it.
 */
export function reportObjectivesRefusal(
  assignment: Pick<Assignment, 'objectives'>,
  current: Report | undefined,
  next: Report,
): Reason | null {
  const sent = objectivesOf(next);
  if (sameList(sent, assignment.objectives)) return null;
  if (current && sameList(sent, objectivesOf(current))) return null;
  return REPORT_OBJECTIVES_REASON;
}

function objectivesOf(report: Report): string[] {
  return report.sections.objectives.map((entry) => entry.objective);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

export type SectionName = keyof ReportSections;

export interface SectionMerge {
  sections: ReportSections;
  /** Sections changed on both sides differently: the other side's text must be kept for the user. */
  clashes: SectionName[];
}

/**
 * Three-way merge by section: a section changed on one side only takes that side; one changed on
 * both takes `remote` and is reported, so the device keeps its own text for the user to choose.
 */
export function mergeSections(
  base: ReportSections | undefined,
  local: ReportSections,
  remote: ReportSections,
): SectionMerge {
  const sections = { ...remote };
  const clashes: SectionName[] = [];
  for (const name of [...TEXT_SECTIONS, 'objectives'] as SectionName[]) {
    const localValue = canonicalJson(local[name]);
    const remoteValue = canonicalJson(remote[name]);
    if (localValue === remoteValue) continue;
    const baseValue = base ? canonicalJson(base[name]) : undefined;
    if (baseValue === remoteValue) (sections as Record<string, unknown>)[name] = local[name];
    else if (baseValue !== localValue) clashes.push(name);
  }
  return { sections, clashes };
}

/** Sections can be edited only while the report is with the expert. */
export const REPORT_EDITABLE_STATUSES: readonly ReportStatus[] = ['draft', 'changes_requested'];

export function isReportEditable(status: ReportStatus): boolean {
  return REPORT_EDITABLE_STATUSES.includes(status);
}

/** Why a report cannot be edited now, and what would open it again (RP-5). */
export function reportLockReason(status: ReportStatus): Reason {
  return reason(/*i18n*/ 'rules.report.locked', { status });
}
