/**
 * Timesheet rules shared by the device and the server: the period a timesheet covers, the
 * snapshot and its hash, totals and allowance, and the lock on logs (docs/sync-protocol.md TS-*).
 * Who may make which transition is the workflow's table (timesheet-workflow.ts).
 */
import { dailyRateOf, type AllowanceConfig, type PayTerms, ALLOWANCE_CONFIG } from '../allowance';
import { reason, type Reason } from '../reasons';
import type { Assignment } from '../schemas/assignment.schema';
import type { DailyLog } from '../schemas/daily-log.schema';
import type { Timesheet, TimesheetSnapshot, TimesheetStatus } from '../schemas/timesheet.schema';
import { timesheetId } from '../schemas/timesheet.schema';
import { canonicalJson } from '../sync/merge';
import { revisionOf } from '../sync/revision';
import { checkAssignmentRules } from './assignment-rules';
import { countDays, type DayLog } from './day-rules';
import { sumHours } from './log-rules';
import type { IsoDate } from '../dates';

export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/** The calendar month clipped to the assignment's dates; null when they do not overlap. */
export function timesheetPeriod(
  assignment: Pick<Assignment, 'startDate' | 'endDate'>,
  month: string,
): Period | null {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  // The schema's pattern lets '2026-13' or '2026-00' through; Date.UTC would roll them over.
  if (!/^\d{4}-\d{2}$/.test(month) || monthNumber < 1 || monthNumber > 12) return null;
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const start = `${month}-01` > assignment.startDate ? `${month}-01` : assignment.startDate;
  const monthEnd = `${month}-${String(lastDay).padStart(2, '0')}`;
  const end = monthEnd < assignment.endDate ? monthEnd : assignment.endDate;
  return start <= end ? { start, end } : null;
}

/** Every month the assignment touches, oldest first. */
export function assignmentMonths(assignment: Pick<Assignment, 'startDate' | 'endDate'>): string[] {
  // Dates stored before the server checked them could make the loop below run forever.
  if (checkAssignmentRules(assignment).length > 0) return [];
  const months: string[] = [];
  let month = assignment.startDate.slice(0, 7);
  while (month <= assignment.endDate.slice(0, 7)) {
    months.push(month);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    month = monthNumber === 12 ? `${year + 1}-01` : `${year}-${String(monthNumber + 1).padStart(2, '0')}`;
  }
  return months;
}

export function timesheetIdForLog(log: Pick<DailyLog, 'assignmentId' | 'date'>): string {
  return timesheetId(log.assignmentId, log.date.slice(0, 7));
}

/**
 * What a snapshot takes as each log's version (TS-4). 'content': the log's revision marker
 * (`revisionOf`: its client-owned content, without server stamps), which a device computes
 * offline and the server recomputes identically once the log has arrived. 'updatedAt': the
 * server's write time, the basis before; a device cannot know it until it pulls the log back, so
 * a month edited and submitted offline never matched. It is still understood so that months
 * signed on it keep verifying and an app that has not updated yet can still submit. Decided: it
 * goes only with a migration that re-signs nothing (TS-4).
 */
export type SnapshotBasis = 'content' | 'updatedAt';

/** A revision marker: base36, at most 11 characters. An updatedAt (ISO time or '') never is one. */
const CONTENT_VERSION = /^[0-9a-z]{1,11}$/;

/** The basis a snapshot was computed on, read from its versions. */
export function snapshotBasis(snapshot: Pick<TimesheetSnapshot, 'logs'>): SnapshotBasis {
  return snapshot.logs.every((log) => CONTENT_VERSION.test(log.version)) ? 'content' : 'updatedAt';
}

/** The month's logs as submitted: what the supervisor signs and the server locks. */
export function snapshotLogs(
  logs: readonly DailyLog[],
  assignmentId: string,
  period: Period,
  basis: SnapshotBasis = 'content',
): TimesheetSnapshot['logs'] {
  return logs
    .filter((log) => log.assignmentId === assignmentId && log.date >= period.start && log.date <= period.end)
    .map((log) => ({
      id: log.id,
      date: log.date,
      hours: log.hours,
      workMode: log.workMode,
      // Any later change of the log's content (its text too) makes the hash differ.
      version: basis === 'content' ? revisionOf(log) : (log.updatedAt ?? ''),
    }))
    .sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date.localeCompare(b.date)));
}

/** SHA-256 (hex) of the canonical JSON of the timesheet's identity and its logs. */
export async function snapshotHash(
  assignmentId: string,
  month: string,
  logs: TimesheetSnapshot['logs'],
): Promise<string> {
  const canonical = canonicalJson({ assignmentId, month, logs });
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface TimesheetTotals {
  hours: number;
  daysWorked: number;
  allowanceDays: number;
  dailyRateEur: number;
  allowanceEur: number;
}

/** The assignment fields the totals depend on: its mode (does it pay?) and its rate. */
export type TotalsAssignment = PayTerms;

/** Hours, and the days counted once each and paid by the day rules (day-rules.ts, TS-8). */
export function timesheetTotals(
  logs: readonly DayLog[],
  assignment: TotalsAssignment,
  config: AllowanceConfig = ALLOWANCE_CONFIG,
): TimesheetTotals {
  const days = countDays(logs, assignment.mode, config);
  const dailyRateEur = dailyRateOf(assignment, config);
  return {
    hours: sumHours(logs),
    daysWorked: days.daysWorked,
    allowanceDays: days.allowanceDays,
    dailyRateEur,
    allowanceEur: days.allowanceDays * dailyRateEur,
  };
}

export function isLocked(status: TimesheetStatus | undefined): boolean {
  return status === 'submitted' || status === 'approved';
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2026-06" → "June 2026", in English whatever the runtime's locale: server messages are English. */
export function monthName(month: string): string {
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1];
  return name ? `${name} ${month.slice(0, 4)}` : month;
}

/**
 * Why no log of the timesheet's month may be written, or null when they may (TS-6). The name and
 * date come from the server-written history, so the expert knows whom to ask.
 */
export function logLockReason(timesheet: Pick<Timesheet, 'month' | 'status' | 'history'>): Reason | null {
  if (!isLocked(timesheet.status)) return null;
  const { month } = timesheet;
  if (timesheet.status === 'submitted') return reason(/*i18n*/ 'rules.log.locked.submitted', { month });
  const approval = timesheet.history?.findLast((entry) => entry.to === 'approved');
  return approval
    ? reason(/*i18n*/ 'rules.log.locked.approvedBy', {
        month,
        name: approval.byName,
        date: approval.at.slice(0, 10),
      })
    : reason(/*i18n*/ 'rules.log.locked.approved', { month });
}
