/**
 * Rules for an assignment's dates, run by the server on every pushed assignment and available to
 * the device's forms. Reports due (report-rules.ts), timesheet months (timesheet-rules.ts) and the
 * days a log may have (log-rules.ts) are all worked out from these dates, so they must be real
 * calendar days, in this century, and the assignment must not end before it starts.
 */
import { daysBetween, isIsoDate, type IsoDate } from '../dates';
import { MAX_ASSIGNMENT_DAYS } from '../reference-data';
import { reason, type Reason } from '../reasons';
import type { Assignment } from '../schemas/assignment.schema';
import type { Role } from '../users';
import type { RuleViolation } from './log-rules';

/**
 * The years an assignment may fall in (decided: the programme confirmed 2000 to 2099). Beyond them
 * a year no longer has four digits after date arithmetic ('9999-12-31' + 14 days), which the rules
 * compare as text; a typed '0026' or '2206' is a typo, not a plan.
 */
export const FIRST_ASSIGNMENT_YEAR = 2000;
export const LAST_ASSIGNMENT_YEAR = 2099;

/** For rows of an assignment stored before its dates were checked: nothing can be worked out. */
export const BROKEN_ASSIGNMENT_REASON = reason(/*i18n*/ 'rules.assignment.brokenDates');

function dateProblem(which: 'start' | 'end', date: IsoDate): Reason | null {
  // The schema's pattern lets '2026-13-01' or '2026-02-30' through; date arithmetic on them throws.
  // The date is shown as typed: it is not one a calendar can format.
  if (!isIsoDate(date)) return reason(/*i18n*/ 'rules.assignment.notADate', { which, typed: date });
  const year = Number(date.slice(0, 4));
  if (year < FIRST_ASSIGNMENT_YEAR || year > LAST_ASSIGNMENT_YEAR) {
    return reason(/*i18n*/ 'rules.assignment.yearOutOfRange', {
      which,
      typed: date,
      // Years as text: a number would be grouped ("2,000").
      first: String(FIRST_ASSIGNMENT_YEAR),
      last: String(LAST_ASSIGNMENT_YEAR),
    });
  }
  return null;
}

/** What is wrong with the assignment's dates, each naming its field; empty when nothing is. */
export function checkAssignmentRules(assignment: Pick<Assignment, 'startDate' | 'endDate'>): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const start = dateProblem('start', assignment.startDate);
  const end = dateProblem('end', assignment.endDate);
  if (start) violations.push({ field: 'startDate', reason: start });
  if (end) violations.push({ field: 'endDate', reason: end });
  const { startDate: start_, endDate: end_ } = assignment;
  if (!start && !end && start_ > end_) {
    violations.push({
      field: 'endDate',
      reason: reason(/*i18n*/ 'rules.assignment.endBeforeStart', { start: start_, end: end_ }),
    });
  }
  if (violations.length === 0 && assignmentDays(assignment) > MAX_ASSIGNMENT_DAYS) {
    violations.push({
      field: 'endDate',
      reason: reason(/*i18n*/ 'rules.assignment.tooLong', {
        max: MAX_ASSIGNMENT_DAYS,
        start: start_,
        end: end_,
        days: assignmentDays(assignment),
      }),
    });
  }
  return violations;
}

/** Calendar days of the assignment, first and last included. */
export function assignmentDays(assignment: Pick<Assignment, 'startDate' | 'endDate'>): number {
  return daysBetween(assignment.startDate, assignment.endDate) + 1;
}

/** Modes in which the expert is at the host institution, so cannot be at two at once. */
const ON_SITE_MODES: readonly Assignment['mode'][] = ['physical', 'hybrid'];

type MatchFields = Pick<Assignment, 'id' | 'expertId' | 'mode' | 'status' | 'startDate' | 'endDate'> &
  Partial<Pick<Assignment, 'institution'>>;

/**
 * The expert's other on-site (physical or hybrid) assignment whose dates overlap this one's, if
 * any: an expert cannot be at two host institutions at once. Cancelled assignments do not count.
 */
export function overlappingOnSiteAssignment<T extends MatchFields>(
  assignment: MatchFields,
  others: readonly T[],
): T | undefined {
  if (!ON_SITE_MODES.includes(assignment.mode) || assignment.status === 'cancelled') return undefined;
  return others.find(
    (other) =>
      other.id !== assignment.id &&
      other.expertId === assignment.expertId &&
      other.status !== 'cancelled' &&
      ON_SITE_MODES.includes(other.mode) &&
      other.startDate <= assignment.endDate &&
      assignment.startDate <= other.endDate,
  );
}

export function overlapReason(other: MatchFields): Reason {
  const dates = { start: other.startDate, end: other.endDate };
  return other.institution
    ? reason(/*i18n*/ 'rules.assignment.overlapAt', { ...dates, institution: other.institution.name })
    : reason(/*i18n*/ 'rules.assignment.overlap', dates);
}

/** Logged days the new dates would leave outside the assignment, sorted; empty when none. */
export function daysOutside(
  dates: Pick<Assignment, 'startDate' | 'endDate'>,
  loggedDays: readonly IsoDate[],
): IsoDate[] {
  return [...new Set(loggedDays.filter((day) => day < dates.startDate || day > dates.endDate))].sort();
}

export function orphanedDaysReason(days: readonly IsoDate[]): Reason {
  return reason(/*i18n*/ 'rules.assignment.orphanedDays', {
    days: days.slice(0, 5).join(', '),
    more: Math.max(0, days.length - 5),
  });
}

/** What the people named on an assignment must be: checked against the accounts on the server. */
export function assignmentPersonProblem(
  field: 'expertId' | 'supervisorIds',
  id: string,
  person: { role: Role; active: boolean } | undefined,
): Reason | null {
  const expected: Role = field === 'expertId' ? 'expert' : 'supervisor';
  if (!person) return reason(/*i18n*/ 'rules.assignment.noAccount', { id, role: expected });
  if (person.role !== expected) {
    return reason(/*i18n*/ 'rules.assignment.wrongRole', { id, role: expected, has: person.role });
  }
  if (!person.active) return reason(/*i18n*/ 'rules.assignment.deactivated', { id, role: expected });
  return null;
}

/** A tombstone would take the assignment's logs, timesheets and reports out of everyone's sight. */
export const ASSIGNMENT_WITH_RECORDS_DELETE_REASON = reason(/*i18n*/ 'rules.assignment.hasRecords');

/** What AS-8 reads of a supervisor's account: their name and the institution they belong to. */
export interface SupervisorMembership {
  id: string;
  name: string;
  institutionId: string | null;
}

/**
 * AS-8: an assignment that names a host institution needs it to exist, and each named supervisor
 * who belongs to an institution must belong to that one — a supervisor signs off work done at
 * their own institution. `institutions` are the live institutions by id (name for the message).
 */
export function institutionMembershipProblem(
  assignment: Pick<Assignment, 'institutionId' | 'supervisorIds'>,
  institutions: ReadonlyMap<string, { name: string }>,
  supervisors: ReadonlyMap<string, SupervisorMembership>,
): Reason | null {
  const { institutionId } = assignment;
  if (institutionId === undefined) return null;
  const institution = institutions.get(institutionId);
  if (!institution) return reason(/*i18n*/ 'rules.assignment.noInstitution', { id: institutionId });
  for (const id of assignment.supervisorIds) {
    const supervisor = supervisors.get(id);
    if (!supervisor?.institutionId || supervisor.institutionId === institutionId) continue;
    const theirs = institutions.get(supervisor.institutionId)?.name ?? supervisor.institutionId;
    return reason(/*i18n*/ 'rules.assignment.otherInstitution', {
      name: supervisor.name,
      theirs,
      institution: institution.name,
    });
  }
  return null;
}
