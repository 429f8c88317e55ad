/**
 * Business rules for daily logs, run by the device while the expert types and by the server on
 * every push. Each violation names the field it concerns so a form can show it in place.
 */
import { reason, type Reason } from '../reasons';
import type { Assignment } from '../schemas/assignment.schema';
import type { DailyLog } from '../schemas/daily-log.schema';
import { isIsoDate, type IsoDate } from '../dates';
import type { RuleRefusal } from './workflow';

export interface RuleViolation {
  field: string;
  reason: Reason;
}

export const MAX_HOURS_PER_DAY = 24;
export const HOURS_STEP = 0.25;
/**
 * Logs one expert may have on one calendar day, across their assignments. A log records the
 * activities of a stretch of the day counted in quarter hours, so a day holds at most 96 worked
 * stretches (24 / 0.25); nobody keeps more entries than that. The limit also bounds what the
 * server reads to check a pushed log: without it one expert's thousands of zero-hour logs made
 * every push of theirs slow and held up everyone else's writes.
 */
export const MAX_LOGS_PER_DAY = MAX_HOURS_PER_DAY / HOURS_STEP;

export interface LogRuleContext {
  assignment: Assignment;
  /** Hours already logged by the same expert on the same date, this log excluded. */
  otherHoursThatDay: number;
  /** Logs the same expert already has on the same date, this log excluded (may stop counting at the limit). */
  otherLogsThatDay: number;
  /** The latest date that is not in the future for whoever checks. */
  today: IsoDate;
}

type LogFields = Pick<DailyLog, 'assignmentId' | 'date' | 'hours' | 'workMode' | 'activities' | 'notes'>;

export function checkLogRules(log: LogFields, ctx: LogRuleContext): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const { assignment } = ctx;
  if (log.assignmentId !== assignment.id) {
    violations.push({ field: 'assignmentId', reason: reason(/*i18n*/ 'rules.log.otherAssignment') });
  }
  if (!isIsoDate(log.date)) {
    violations.push({ field: 'date', reason: reason(/*i18n*/ 'rules.log.invalidDate') });
  } else if (log.date > ctx.today) {
    violations.push({ field: 'date', reason: reason(/*i18n*/ 'rules.log.futureDay') });
  } else if (log.date < assignment.startDate || log.date > assignment.endDate) {
    violations.push({
      field: 'date',
      reason: reason(/*i18n*/ 'rules.log.outsideAssignment', {
        start: assignment.startDate,
        end: assignment.endDate,
      }),
    });
  } else if (ctx.otherLogsThatDay >= MAX_LOGS_PER_DAY) {
    violations.push({
      field: 'date',
      reason: reason(/*i18n*/ 'rules.log.tooManyLogs', { max: MAX_LOGS_PER_DAY, date: log.date }),
    });
  }
  if (log.hours < 0) {
    violations.push({ field: 'hours', reason: reason(/*i18n*/ 'rules.log.negativeHours') });
  } else if (!Number.isFinite(log.hours) || log.hours > MAX_HOURS_PER_DAY) {
    violations.push({ field: 'hours', reason: reason(/*i18n*/ 'rules.log.hoursRange') });
  } else if (Math.round(log.hours / HOURS_STEP) * HOURS_STEP !== log.hours) {
    violations.push({ field: 'hours', reason: reason(/*i18n*/ 'rules.log.quarterHours') });
  } else if (ctx.otherHoursThatDay + log.hours > MAX_HOURS_PER_DAY) {
    violations.push({
      field: 'hours',
      reason: reason(/*i18n*/ 'rules.log.dayFull', {
        logged: ctx.otherHoursThatDay,
        date: log.date,
        left: Math.max(0, MAX_HOURS_PER_DAY - ctx.otherHoursThatDay),
      }),
    });
  }
  if (log.hours > 0 && log.activities.trim() === '') {
    violations.push({ field: 'activities', reason: reason(/*i18n*/ 'rules.log.noActivities') });
  }
  // Decided (issue 11): a 0-hour log is a day off, and says why. An empty one records nothing,
  // counts in no total, and still takes one of the day's logs (MAX_LOGS_PER_DAY).
  if (log.hours === 0 && log.activities.trim() === '' && log.notes.trim() === '') {
    violations.push({ field: 'notes', reason: reason(/*i18n*/ 'rules.log.dayOffWithoutNote') });
  }
  return violations;
}

export function sumHours(logs: readonly Pick<DailyLog, 'hours'>[]): number {
  return logs.reduce((total, log) => total + log.hours, 0);
}

/**
 * Why a stored log cannot become `next` whatever its content, or null (SP-6). Moving a log would
 * let an expert slip it out of one supervisor's sight into another's.
 */
export function logMoveRefusal(
  current: Pick<DailyLog, 'assignmentId'> | undefined,
  next: Pick<DailyLog, 'assignmentId'>,
): RuleRefusal | null {
  return current && current.assignmentId !== next.assignmentId
    ? { code: 'forbidden', reasons: [reason(/*i18n*/ 'rules.log.moved')] }
    : null;
}
