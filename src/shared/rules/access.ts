/**
 * Who may read and write what. The server applies these to every pulled row, pushed row and
 * streamed event; the device uses them only to hide controls a user could not use anyway.
 */
import { reason, type Reason } from '../reasons';
import type { Assignment } from '../schemas/assignment.schema';
import type { CollectionName } from '../schemas';
import type { PublicUser, Role } from '../users';

type AssignmentAccessFields = Pick<Assignment, 'expertId' | 'supervisorIds'>;

/**
 * The access of a document that names nobody: only officers read it. Host institutions have it
 * (IN-1), and so has a row whose assignment does not exist (SP-7).
 */
export const OFFICERS_ONLY: AssignmentAccessFields = { expertId: '', supervisorIds: [] };

/** Collections that belong to no assignment and only officers read and write (IN-1, TG-1). */
export function isOfficersOnly(collection: CollectionName): boolean {
  return collection === 'institutions' || collection === 'targets';
}

export function canReadAssignment(user: PublicUser, assignment: AssignmentAccessFields): boolean {
  switch (user.role) {
    case 'officer':
      return true;
    case 'expert':
      return assignment.expertId === user.id;
    case 'supervisor':
      return assignment.supervisorIds.includes(user.id);
  }
}

/** Why a write is refused, or null when it is allowed. */
export function writeRefusal(
  user: PublicUser,
  collection: CollectionName,
  assignment: AssignmentAccessFields | undefined,
): Reason | null {
  if (collection === 'assignments') {
    // Assignments are set up by the programme, not by the people on them.
    return user.role === 'officer' ? null : reason(/*i18n*/ 'rules.access.assignments');
  }
  if (collection === 'institutions') {
    return user.role === 'officer' ? null : reason(/*i18n*/ 'rules.access.institutions');
  }
  if (collection === 'targets') {
    return user.role === 'officer' ? null : reason(/*i18n*/ 'rules.access.targets');
  }
  if (!assignment) return reason(/*i18n*/ 'rules.access.noAssignment', { collection });
  if (collection === 'timesheets' || collection === 'reports') {
    // Experts, supervisors and officers each make some transitions; the collection's change
    // rules (checkTimesheetChange, checkReportChange) decide which.
    return canReadAssignment(user, assignment)
      ? null
      : reason(/*i18n*/ 'rules.access.notYours', { collection });
  }
  if (user.role !== 'expert') return reason(/*i18n*/ 'rules.access.logsExpertOnly');
  if (assignment.expertId !== user.id) return reason(/*i18n*/ 'rules.access.logsOwnOnly');
  return null;
}

/**
 * Whether a role can ever read a collection. A device replicates only these: an expert's or
 * supervisor's phone makes no request for host institutions (IN-1) or programme targets (TG-1).
 */
export function mayEverRead(role: Role, collection: CollectionName): boolean {
  return role === 'officer' || !isOfficersOnly(collection);
}

/**
 * Whether a role can ever write a collection. A device does not even push what its role cannot
 * write; the server answers such a push with 403 unless it only repeats the server's versions.
 * Every role writes timesheets and reports: experts write and submit, supervisors decide,
 * officers reopen or review.
 */
export function mayEverWrite(role: Role, collection: CollectionName): boolean {
  switch (collection) {
    case 'assignments':
    case 'institutions':
    case 'targets':
      return role === 'officer';
    case 'logs':
      return role === 'expert';
    case 'timesheets':
    case 'reports':
      return true;
  }
}
