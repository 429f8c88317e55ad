/**
 * Rules for an assignment's dates, run by the server on every pushed assignment and available to
 * the device's forms. Reports due (report-rules.ts), timesheet months (timesheet-rules.ts) and the
 * days a log may have (log-rules.ts) are all worked out from these dates, so they must be real
 * calendar days, in this century, and the assignment must not end before it starts.
 */
import { isIsoDate, type IsoDate } from '../dates';
import type { Assignment } from '../schemas/assignment.schema';
import type { RuleViolation } from './log-rules';

/**
 * The years an assignment may fall in (decided: the programme confirmed 2000 to 2099). Beyond them
 * a year no longer has four digits after date arithmetic ('9999-12-31' + 14 days), which the rules
 * compare as text; a typed '0026' or '2206' is a typo, not a plan.
 */
export const FIRST_ASSIGNMENT_YEAR = 2000;
export const LAST_ASSIGNMENT_YEAR = 2099;

/** For rows of an assignment stored before its dates were checked: nothing can be worked out. */
export const BROKEN_ASSIGNMENT_MESSAGE =
  'The dates of this assignment are not valid, so nothing that depends on them can be saved; ask your programme officer to correct them.';

function dateProblem(label: string, date: IsoDate): string | null {
  // The schema's pattern lets '2026-13-01' or '2026-02-30' through; date arithmetic on them throws.
  if (!isIsoDate(date)) return `The ${label} date ${date} is not a calendar date.`;
  const year = Number(date.slice(0, 4));
  if (year < FIRST_ASSIGNMENT_YEAR || year > LAST_ASSIGNMENT_YEAR) {
    return `The ${label} date ${date} must be between ${FIRST_ASSIGNMENT_YEAR} and ${LAST_ASSIGNMENT_YEAR}.`;
  }
  return null;
}

/** What is wrong with the assignment's dates, each naming its field; empty when nothing is. */
export function checkAssignmentRules(assignment: Pick<Assignment, 'startDate' | 'endDate'>): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const start = dateProblem('start', assignment.startDate);
  const end = dateProblem('end', assignment.endDate);
  if (start) violations.push({ field: 'startDate', message: start });
  if (end) violations.push({ field: 'endDate', message: end });
  if (!start && !end && assignment.startDate > assignment.endDate) {
    violations.push({
      field: 'endDate',
      message: `The end date ${assignment.endDate} is before the start date ${assignment.startDate}.`,
    });
  }
  return violations;
}
