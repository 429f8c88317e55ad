/**
 * What the server decides about a pushed assignment besides access (docs/sync-protocol.md AS-*,
 * SP-15): its dates and length, the accounts it names, overlaps of the expert's on-site
 * assignments, logged days new dates would leave outside, deletion; the history that a person
 * newly on the assignment must receive; and the audit of each change (AS-6).
 */
import {
  ASSIGNMENT_WITH_RECORDS_DELETE_REASON,
  assignmentPersonProblem,
  checkAssignmentRules,
  daysOutside,
  institutionMembershipProblem,
  orphanedDaysReason,
  overlapReason,
  overlappingOnSiteAssignment,
  type SupervisorMembership,
} from '../../../src/shared/rules/assignment-rules';
import { assignmentMonths } from '../../../src/shared/rules/timesheet-rules';
import { payTermsChangeReason, payTermsDiffer } from '../../../src/shared/allowance';
import type { Reason } from '../../../src/shared/reasons';
import type { Assignment, DailyLog, Institution } from '../../../src/shared/schemas';
import { timesheetId } from '../../../src/shared/schemas/timesheet.schema';
import { same } from '../../../src/shared/sync/merge';
import type { PushRow } from '../../../src/shared/sync/protocol';
import type { DocumentReader, DocumentTransaction, Storage, StoredDocument } from '../storage/types';
import { liveData, lockable, writeAccess, type AssignmentPeople, type CollectionPolicy } from './policy';

/** The push policy of assignments (AS-*): only officers write them; every change is checked and audited. */
export const assignmentsPolicy: CollectionPolicy<Assignment> = {
  lockKeys: (doc) => ({
    scopes: [
      // AS-8: an assignment that names an institution, one after the institution's writes, so
      // none names an institution being deleted (IN-4).
      ...(lockable(doc.institutionId) ? [`institution:${doc.institutionId}`] : []),
      // AS-3: an expert's assignments one after the other, so no two overlap.
      ...(lockable(doc.expertId) ? [`expert:${doc.expertId}`] : []),
    ],
    assignmentIds: lockable(doc.id) ? [doc.id] : [],
  }),
  preload: async (storage, rows) => ({ people: await loadAssignmentPeople(storage, rows) }),
  access: async ({ user, data }) => writeAccess(user, 'assignments', data),
  async rules({ tx, preload, data, deleted, current }) {
    // Dates and length, the people named, overlaps, logged days left outside, deletion (AS-*).
    const refused = await assignmentChangeRefusal(tx, preload.people, data, deleted, current);
    if (refused) return { code: 'rule', reasons: refused };
    // AS-7: the batches are read only when the pay terms change; most edits leave them as they are.
    const previous = liveData<Assignment>(current);
    const paid =
      current && previous && payTermsDiffer(previous, data)
        ? payTermsChangeReason(previous, data, await batchesOfAssignment(tx, current))
        : null;
    return paid ? { code: 'rule', reasons: [paid] } : null;
  },
  keyOf: (assignment) => assignment.id,
  async afterWrite({ tx, user, now, deleted, current }, stored) {
    // SP-15: someone new on the assignment gets its whole history, however old.
    if (!deleted) await grantHistory(tx, stored, current);
    await auditAssignmentChange(tx, { actorId: user.id, at: now }, current, stored, deleted);
  },
};

/**
 * The payment batches holding months of a stored assignment (AS-7). Read inside the transaction,
 * after the expert's scope lock, which a new batch takes too (PB-3).
 */
async function batchesOfAssignment(tx: DocumentTransaction, assignment: StoredDocument): Promise<string[]> {
  const batchIds: string[] = [];
  for (const month of assignmentMonths(assignment.data as Assignment)) {
    const batchId = await tx.batchIdOfTimesheet(timesheetId(assignment.id, month));
    if (batchId) batchIds.push(batchId);
  }
  return batchIds;
}

/** Every expert and supervisor the rows name, read before the push's transaction begins. */
export async function loadAssignmentPeople(
  storage: Pick<Storage, 'getPerson'>,
  rows: readonly PushRow[],
): Promise<AssignmentPeople> {
  const ids = new Set<string>();
  for (const row of rows) {
    const doc = row.newDocumentState as unknown as Record<string, unknown>;
    const named = [doc.expertId, ...(Array.isArray(doc.supervisorIds) ? doc.supervisorIds : [])];
    for (const id of named) if (lockable(id)) ids.add(id);
  }
  const people: AssignmentPeople = new Map();
  // The schema caps supervisors at 10 and a push at 100 rows, so this is bounded.
  for (const id of ids) {
    const person = await storage.getPerson(id);
    if (person) {
      people.set(id, {
        role: person.role,
        active: !person.deactivatedAt,
        name: person.name,
        institutionId: person.institutionId,
      });
    }
  }
  return people;
}

function readersOf(assignment: Pick<Assignment, 'expertId' | 'supervisorIds'>): Set<string> {
  return new Set([assignment.expertId, ...assignment.supervisorIds]);
}

/** Why the change of an assignment is refused (a rule, AS-1 … AS-5, AS-8), or null. */
export async function assignmentChangeRefusal(
  tx: DocumentTransaction,
  people: AssignmentPeople,
  assignment: Assignment,
  deleted: boolean,
  current: StoredDocument | undefined,
): Promise<Reason[] | null> {
  const previous = liveData<Assignment>(current);
  if (deleted) {
    // AS-5: cancelling keeps the records; a tombstone would hide them from everyone.
    if (previous && (await tx.documentsOfAssignment(assignment.id)).length > 0) {
      return [ASSIGNMENT_WITH_RECORDS_DELETE_REASON];
    }
    return null;
  }
  // AS-1: reports due, timesheet months and log days are all worked out from these dates.
  const violations = checkAssignmentRules(assignment);
  if (violations.length > 0) return violations.map((v) => v.reason);

  // AS-2: only the people newly named are checked, so a supervisor deactivated since does not
  // block every later correction of the assignment.
  const before = previous ? readersOf(previous) : new Set<string>();
  if (!before.has(assignment.expertId)) {
    const problem = assignmentPersonProblem('expertId', assignment.expertId, people.get(assignment.expertId));
    if (problem) return [problem];
  }
  for (const id of assignment.supervisorIds) {
    if (before.has(id)) continue;
    const problem = assignmentPersonProblem('supervisorIds', id, people.get(id));
    if (problem) return [problem];
  }

  const membership = await institutionRefusal(tx, people, assignment, previous);
  if (membership) return [membership];

  // AS-3: the push holds the expert's lock (assignmentsPolicy.lockKeys), so two officers cannot each
  // place the same expert at two host institutions at once.
  if (!previous || matchChanged(previous, assignment)) {
    const others = await otherAssignmentsOf(tx, assignment.expertId);
    const overlap = overlappingOnSiteAssignment(assignment, others);
    if (overlap) return [overlapReason(overlap)];
  }

  // AS-4: logged days never end up outside their assignment.
  if (previous && (previous.startDate !== assignment.startDate || previous.endDate !== assignment.endDate)) {
    const logs = (await tx.documentsOfAssignment(assignment.id)).filter((doc) => doc.collection === 'logs');
    const outside = daysOutside(
      assignment,
      logs.map((doc) => (doc.data as DailyLog).date),
    );
    if (outside.length > 0) return [orphanedDaysReason(outside)];
  }
  return null;
}

/**
 * AS-8, checked when the institution changes (then for every supervisor) or a supervisor is newly
 * named (for them), like AS-2: a supervisor who moved since does not block later corrections.
 */
async function institutionRefusal(
  tx: DocumentReader,
  people: AssignmentPeople,
  assignment: Assignment,
  previous: Assignment | undefined,
): Promise<Reason | null> {
  if (assignment.institutionId === undefined) return null;
  const sameInstitution = previous?.institutionId === assignment.institutionId;
  const supervisorIds = sameInstitution
    ? assignment.supervisorIds.filter((id) => !previous.supervisorIds.includes(id))
    : assignment.supervisorIds;
  if (sameInstitution && supervisorIds.length === 0) return null;
  const institutions = new Map<string, { name: string }>();
  const supervisors = new Map<string, SupervisorMembership>();
  const wanted = new Set([assignment.institutionId]);
  for (const id of supervisorIds) {
    const person = people.get(id);
    if (!person) continue;
    supervisors.set(id, { id, name: person.name, institutionId: person.institutionId });
    if (lockable(person.institutionId)) wanted.add(person.institutionId);
  }
  for (const id of wanted) {
    const stored = await tx.getDocument('institutions', id);
    if (stored && !stored.deleted) institutions.set(id, { name: (stored.data as Institution).name });
  }
  return institutionMembershipProblem(
    { institutionId: assignment.institutionId, supervisorIds },
    institutions,
    supervisors,
  );
}

function matchChanged(previous: Assignment, next: Assignment): boolean {
  return (
    previous.expertId !== next.expertId ||
    previous.mode !== next.mode ||
    previous.status !== next.status ||
    previous.startDate !== next.startDate ||
    previous.endDate !== next.endDate
  );
}

async function otherAssignmentsOf(reader: DocumentReader, expertId: string): Promise<Assignment[]> {
  return (await reader.listAssignments())
    .filter((stored) => !stored.deleted && stored.data.expertId === expertId)
    .map((stored) => stored.data);
}

/**
 * SP-15: when someone is newly on the assignment, its logs, timesheets and reports are written
 * again unchanged, so they get new seqs and reach that person's devices by the ordinary pull and
 * stream, however far their checkpoints are. Only this assignment's rows move: the devices that
 * had them already get them again (a no-op for them), nobody re-downloads anything else. Each
 * row keeps its origin device (SP-13): the device that wrote it still holds it.
 */
export async function grantHistory(
  tx: DocumentTransaction,
  assignment: Assignment,
  current: StoredDocument | undefined,
): Promise<void> {
  const before = current && !current.deleted ? readersOf(current.data as Assignment) : new Set<string>();
  const added = [...readersOf(assignment)].some((id) => !before.has(id));
  if (!added) return;
  for (const doc of await tx.documentsOfAssignment(assignment.id)) {
    await tx.writeDocument({
      collection: doc.collection,
      id: doc.id,
      assignmentId: doc.assignmentId,
      data: doc.data,
      deleted: false,
      originDevice: doc.originDevice ?? null,
    });
  }
}

/** Fields every write changes: the audit leaves them out. */
const UNAUDITED_FIELDS = new Set(['createdAt', 'updatedAt']);

/**
 * AS-6: what an officer's push did to an assignment, field by field, recorded in the audit with
 * the write (same transaction). Nothing when nothing an officer sees changed.
 */
export async function auditAssignmentChange(
  tx: DocumentTransaction,
  entry: { actorId: string; at: Date },
  current: StoredDocument | undefined,
  next: Assignment,
  deleted: boolean,
): Promise<void> {
  await auditDocumentChange(tx, entry, 'assignment', current, next, deleted);
}

/** AS-6 and IN-3: what an officer's push did to an assignment or institution, field by field. */
export async function auditDocumentChange(
  tx: DocumentTransaction,
  entry: { actorId: string; at: Date },
  subjectType: 'assignment' | 'institution',
  current: StoredDocument | undefined,
  next: Assignment | Institution,
  deleted: boolean,
): Promise<void> {
  const previous =
    current && !current.deleted ? (current.data as unknown as Record<string, unknown>) : undefined;
  const after = next as unknown as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (!deleted) {
    for (const field of new Set([...Object.keys(previous ?? {}), ...Object.keys(after)])) {
      if (UNAUDITED_FIELDS.has(field)) continue;
      const from = previous?.[field] ?? null;
      const to = after[field] ?? null;
      if (!same(from, to)) changes[field] = { from, to };
    }
    if (Object.keys(changes).length === 0) return;
  } else if (!previous) {
    return;
  }
  await tx.recordAudit({
    ...entry,
    action: `${subjectType}.${deleted ? 'deleted' : previous ? 'changed' : 'created'}`,
    subjectType,
    subjectId: next.id,
    changes,
  });
}
