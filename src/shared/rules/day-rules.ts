/**
 * How calendar days are counted in every total — a timesheet, the CSV export (TS-8), a report's
 * activity summary (RP-7), the assignment page — and which of them earn the daily allowance. The
 * device and the server both count with this one function, so they never disagree on a day.
 */
import { ALLOWANCE_CONFIG, type AllowanceConfig } from '../allowance';
import type { IsoDate } from '../dates';
import type { Assignment } from '../schemas/assignment.schema';
import { WORK_MODES, type DailyLog, type WorkMode } from '../schemas/daily-log.schema';

/**
 * A day with logs in several modes counts once, as the first of its modes here: travelling to the
 * host institution and working there on one day is an on-site day, not two days.
 */
export const DAY_MODE_PRECEDENCE: readonly WorkMode[] = ['on_site', 'travel', 'remote'];

/** The rule in words, shown beside every total of days; it follows ALLOWANCE_CONFIG. */

export type DayLog = Pick<DailyLog, 'date' | 'hours' | 'workMode'>;

/** The mode each worked day counts as. A log of 0 hours (a day off with a note) works no day. */
export function modeOfDays(logs: readonly DayLog[]): Map<IsoDate, WorkMode> {
  const modes = new Map<IsoDate, WorkMode>();
  for (const log of logs) {
    if (log.hours <= 0) continue;
    const counted = modes.get(log.date);
    if (counted === undefined || rank(log.workMode) < rank(counted)) modes.set(log.date, log.workMode);
  }
  return modes;
}

function rank(mode: WorkMode): number {
  return DAY_MODE_PRECEDENCE.indexOf(mode);
}

/** Worked days by the mode each counts as; the modes' counts add up to the days worked. */
export function daysByMode(logs: readonly DayLog[]): Record<WorkMode, number> {
  const counts = Object.fromEntries(WORK_MODES.map((mode) => [mode, 0])) as Record<WorkMode, number>;
  for (const mode of modeOfDays(logs).values()) counts[mode] += 1;
  return counts;
}

export interface DayCounts {
  daysWorked: number;
  daysByMode: Record<WorkMode, number>;
  allowanceDays: number;
}

/** Worked days, days by the mode they count as, and the days that earn the daily allowance. */
export function countDays(
  logs: readonly DayLog[],
  assignmentMode: Assignment['mode'],
  config: AllowanceConfig = ALLOWANCE_CONFIG,
): DayCounts {
  const byMode = daysByMode(logs);
  const paying = config.payingAssignmentModes.includes(assignmentMode);
  return {
    daysWorked: WORK_MODES.reduce((days, mode) => days + byMode[mode], 0),
    daysByMode: byMode,
    allowanceDays: paying ? config.countingModes.reduce((days, mode) => days + byMode[mode], 0) : 0,
  };
}
