/**
 * What a collection brings to a push (docs/sync-protocol.md, "A push, stage by stage"): push.ts
 * runs the same stages for every row, and each stage asks the collection's policy. A policy says
 * which scopes its writes are serialised on, who may write a row (SP-7), what the row must be
 * whatever the decision (shape), its business rules, the server's decision (TS-*, RP-*) and what
 * else a write records. The stages every collection shares — validation (SP-9), the retry check
 * (SP-4), the conflict check (SP-3), the server's stamps and the write — are push.ts's own.
 */
import { writeRefusal } from '../../../src/shared/rules/access';
import { BROKEN_ASSIGNMENT_REASON, checkAssignmentRules } from '../../../src/shared/rules/assignment-rules';
import { hasUnstorableText } from '../../../src/shared/rules/text-rules';
import type { RuleRefusal } from '../../../src/shared/rules/workflow';
import type { Assignment, CollectionDocs, CollectionName, Report } from '../../../src/shared/schemas';
import type { TimesheetHistoryEntry } from '../../../src/shared/schemas/timesheet.schema';
import type { PushRow } from '../../../src/shared/sync/protocol';
import type { PublicUser, Role } from '../../../src/shared/users';
import type { DocumentTransaction, Storage, StoredDocument } from '../storage/types';
import type { DayTallies } from './day-tallies';

/** Who pushes, and when: the same for every row of a push. */
export interface PushActor {
  user: PublicUser;
  now: Date;
}

/**
 * The accounts named on pushed assignments, by id; an id with no account is absent. The name and
 * institution are AS-8's.
 */
export type AssignmentPeople = Map<
  string,
  { role: Role; active: boolean; name: string; institutionId: string | null }
>;

/** What a policy reads before the push's transaction begins (on SQLite the storage waits for it to end). */
export interface PushPreload {
  /** The accounts named on pushed assignments (AS-2). */
  people: AssignmentPeople;
  /** The days of the logs this attempt has checked so far (SP-6). */
  days: DayTallies;
}

/** One validated row as the stages see it. */
export interface PolicyRow<D> extends PushActor {
  tx: DocumentTransaction;
  preload: PushPreload;
  /** The document as sent, without the fields that are no content and without `_deleted`. */
  data: D;
  deleted: boolean;
  /** The server's version, tombstone or not. */
  current: StoredDocument | undefined;
}

export type ReportHistoryEntry = NonNullable<Report['history']>[number];
export type HistoryEntry = TimesheetHistoryEntry | ReportHistoryEntry;

/** The server's decision: the document to store (a submission's snapshot replaced, say) and the history entry to append. */
export type Decision<D> = { ok: true; data: D; entry: HistoryEntry | null } | ({ ok: false } & RuleRefusal);

/** SP-7: the assignment the row belongs to (none for a collection that belongs to no assignment), or why the user may not write it. */
export type Access = { ok: true; assignment: Assignment | undefined } | ({ ok: false } & RuleRefusal);

export interface LockKeys {
  /** Scopes taken as they are. */
  scopes: string[];
  /** Assignments whose expert's scope is taken (looked up in the transaction). */
  assignmentIds: string[];
}

export interface CollectionPolicy<D> {
  /** What the row's writes are serialised on: two pushes about one expert or document run one after the other. */
  lockKeys(doc: Readonly<Record<string, unknown>>): LockKeys;
  /** Read before the transaction begins. */
  preload?(storage: Pick<Storage, 'getPerson'>, rows: readonly PushRow[]): Promise<Partial<PushPreload>>;
  /** SP-7: who may write the row at all. */
  access(row: PolicyRow<D>): Promise<Access>;
  /** What the document must be whatever the decision; before the conflict check, so a conflict never answers with a document of another assignment. */
  shape?(row: PolicyRow<D>, assignment: Assignment | undefined): RuleRefusal | null;
  /** The collection's business rules. */
  rules?(row: PolicyRow<D>, assignment: Assignment | undefined): Promise<RuleRefusal | null>;
  /** After the conflict check: the first decision to arrive wins, a later one is a conflict (TS-7, RP-4). Absent, the row is stored as sent. */
  decide?(row: PolicyRow<D>, assignment: Assignment | undefined): Promise<Decision<D>>;
  /** The key the stored row is read by: its assignment's id, or its own for a collection that belongs to no assignment. */
  keyOf(doc: D): string;
  /** What else the write records, in the same transaction (audit, history grants, the day's tally). */
  afterWrite?(row: PolicyRow<D>, stored: D, assignment: Assignment | undefined): Promise<void>;
}

export type CollectionPolicies = { readonly [K in CollectionName]: CollectionPolicy<CollectionDocs[K]> };

/** A value that can be a lock or lookup key: text no backend can store is refused anyway (SP-9), and is neither. */
export function lockable(value: unknown): value is string {
  return typeof value === 'string' && !hasUnstorableText(value);
}

/** The lock keys of a row of a collection whose rows belong to an assignment (`assignmentId`). */
export function ownedLockKeys(doc: Readonly<Record<string, unknown>>): LockKeys {
  return { scopes: [], assignmentIds: lockable(doc.assignmentId) ? [doc.assignmentId] : [] };
}

/**
 * SP-7's answer for a row of `assignment` (undefined for a collection that belongs to none, and
 * for a log, timesheet or report whose assignment does not exist: writeRefusal refuses those).
 */
export function writeAccess(
  user: PublicUser,
  collection: CollectionName,
  assignment: Assignment | undefined,
): Access {
  const refusal = writeRefusal(user, collection, assignment);
  return refusal ? { ok: false, code: 'forbidden', reasons: [refusal] } : { ok: true, assignment };
}

/**
 * SP-7 for a log, timesheet or report: the user may write rows of its assignment, looked up on
 * the server, never taken from the device.
 */
export async function ownedAccess(
  row: PolicyRow<{ assignmentId: string }>,
  collection: 'logs' | 'timesheets' | 'reports',
): Promise<Access> {
  const stored = await row.tx.getDocument('assignments', row.data.assignmentId);
  return writeAccess(row.user, collection, stored && !stored.deleted ? stored.data : undefined);
}

/**
 * An assignment stored before its dates were checked: no due date or period can be worked out
 * from it, so nothing that depends on them is accepted until an officer corrects it (SP-6).
 * Deleting a log is still allowed.
 */
export function brokenAssignmentRefusal(
  assignment: Assignment | undefined,
  deleted: boolean,
): RuleRefusal | null {
  return !deleted && assignment && checkAssignmentRules(assignment).length > 0
    ? { code: 'rule', reasons: [BROKEN_ASSIGNMENT_REASON] }
    : null;
}

/** The stored version as the user last saw it live, or undefined for a new or deleted document. */
export function liveData<D>(current: StoredDocument | undefined): D | undefined {
  return current && !current.deleted ? (current.data as D) : undefined;
}

/**
 * The policy of a document of an assignment that moves through a workflow (timesheets TS-*,
 * reports RP-*): whoever may read the assignment pushes it (SP-7), its shape is checked before the
 * conflict check, and the workflow decides after it, so the first decision wins (TS-7, RP-4).
 */
export function workflowPolicy<D extends { assignmentId: string }>(
  collection: 'timesheets' | 'reports',
  shapeRefusal: (next: D, deleted: boolean, assignment: Assignment) => RuleRefusal | null,
  decide: (row: PolicyRow<D>, assignment: Assignment, previous: D | undefined) => Promise<Decision<D>>,
): CollectionPolicy<D> {
  return {
    lockKeys: ownedLockKeys,
    access: (row) => ownedAccess(row, collection),
    // ownedAccess answers only with the row's assignment.
    shape: (row, assignment) =>
      brokenAssignmentRefusal(assignment, row.deleted) ?? shapeRefusal(row.data, row.deleted, assignment!),
    decide: (row, assignment) => decide(row, assignment!, liveData<D>(row.current)),
    keyOf: (doc) => doc.assignmentId,
  };
}
