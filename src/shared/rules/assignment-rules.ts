/**
 * Rules for an assignment's dates, run by the server on every pushed assignment and available to
 * the device's forms. Reports due (report-rules.ts), timesheet months (timesheet-rules.ts) and the
 * days a log may have (log-rules.ts) are all worked out from these dates, so they must be real
 * calendar days, in this century, and the assignment must not end before it starts.
 */
import { daysBetween, isIsoDate, type IsoDate } from '../dates';
import { MAX_ASSIGNMENT_DAYS } from '../reference-data';
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
  if (violations.length === 0 && assignmentDays(assignment) > MAX_ASSIGNMENT_DAYS) {
    violations.push({
      field: 'endDate',
      message: `An assignment lasts at most ${MAX_ASSIGNMENT_DAYS} days (3 months); ${assignment.startDate} to ${assignment.endDate} is ${assignmentDays(assignment)} days.`,
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

export function overlapMessage(other: MatchFields): string {
  const where = other.institution ? ` at ${other.institution.name}` : '';
  return `The expert already has an on-site assignment${where} from ${other.startDate} to ${other.endDate}; on-site assignments of one expert cannot overlap.`;
}

/** Logged days the new dates would leave outside the assignment, sorted; empty when none. */
export function daysOutside(
  dates: Pick<Assignment, 'startDate' | 'endDate'>,
  loggedDays: readonly IsoDate[],
): IsoDate[] {
  return [...new Set(loggedDays.filter((day) => day < dates.startDate || day > dates.endDate))].sort();
}

export function orphanedDaysMessage(days: readonly IsoDate[]): string {
  const shown = days.slice(0, 5).join(', ');
  const more = days.length > 5 ? ` and ${days.length - 5} more` : '';
  return `The new dates would leave logged days outside the assignment (${shown}${more}). Move or delete those logs first, or keep dates that include them.`;
}

const ACCOUNT_OF: Record<Role, string> = {
  expert: 'an expert',
  supervisor: 'a supervisor',
  officer: 'a programme officer',
};

/** What the people named on an assignment must be: checked against the accounts on the server. */
export function assignmentPersonProblem(
  field: 'expertId' | 'supervisorIds',
  id: string,
  person: { role: Role; active: boolean } | undefined,
): string | null {
  const expected: Role = field === 'expertId' ? 'expert' : 'supervisor';
  const label = field === 'expertId' ? 'expert' : 'host supervisor';
  if (!person) return `There is no account ${id} for the ${label}.`;
  if (person.role !== expected) {
    return `The ${label} must have ${ACCOUNT_OF[expected]} account; ${id} has ${ACCOUNT_OF[person.role]} account.`;
  }
  if (!person.active) return `The ${label} ${id} is deactivated.`;
  return null;
}

/** A tombstone would take the assignment's logs, timesheets and reports out of everyone's sight. */
export const ASSIGNMENT_WITH_RECORDS_DELETE_MESSAGE =
  'This assignment has logs, timesheets or reports, so it cannot be deleted; set its status to cancelled instead, which keeps them.';

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
): string | null {
  const { institutionId } = assignment;
  if (institutionId === undefined) return null;
  const institution = institutions.get(institutionId);
  if (!institution) return `There is no host institution ${institutionId}; choose one from the list.`;
  for (const id of assignment.supervisorIds) {
    const supervisor = supervisors.get(id);
    if (!supervisor?.institutionId || supervisor.institutionId === institutionId) continue;
    const theirs = institutions.get(supervisor.institutionId)?.name ?? supervisor.institutionId;
    return `${supervisor.name} belongs to ${theirs}, not to ${institution.name}; choose a supervisor of ${institution.name} or another institution.`;
  }
  return null;
}
