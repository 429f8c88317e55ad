/**
 * Applying a pushed batch (docs/sync-protocol.md SP-3 … SP-7, SP-9, TS-*): every row is
 * validated, access-checked, rule-checked and compared with the server's version inside one
 * transaction; the committed changes then go to the live streams. Timesheet decisions are in
 * timesheets.ts, report decisions in reports.ts.
 */
import { canReadAssignment, isOfficersOnly, writeRefusal } from '../../../src/shared/rules/access';
import { BROKEN_ASSIGNMENT_MESSAGE, checkAssignmentRules } from '../../../src/shared/rules/assignment-rules';
import {
  assignmentChangeRefusal,
  auditAssignmentChange,
  grantHistory,
  loadAssignmentPeople,
  type AssignmentPeople,
} from './assignments';
import { MAX_LOGS_PER_DAY, checkLogRules, logMoveRefusal } from '../../../src/shared/rules/log-rules';
import { hasUnstorableText, unstorableTextRefusal } from '../../../src/shared/rules/text-rules';
import {
  COLLECTION_SCHEMAS,
  SERVER_OWNED_FIELDS,
  assignmentIdOf,
  type Assignment,
  type CollectionDocs,
  type CollectionName,
  type DailyLog,
  type Report,
  type Timesheet,
} from '../../../src/shared/schemas';
import type { TimesheetHistoryEntry } from '../../../src/shared/schemas/timesheet.schema';
import { latestIsoDateOnEarth } from '../../../src/shared/dates';
import { batchedMonthMessage } from '../../../src/shared/payments';
import { payTermsChangeMessage, payTermsDiffer } from '../../../src/shared/allowance';
import { assignmentMonths } from '../../../src/shared/rules/timesheet-rules';
import { timesheetId } from '../../../src/shared/schemas/timesheet.schema';
import { same, sameClientContent } from '../../../src/shared/sync/merge';
import { revisionOf } from '../../../src/shared/sync/revision';
import type {
  AcceptedRow,
  PushResponse,
  PushRow,
  RejectionCode,
  SyncDocument,
} from '../../../src/shared/sync/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { PublicUser } from '../../../src/shared/users';
import type { DocumentTransaction, Storage, StoredDocument } from '../storage/types';
import { accessOf, toSyncDocument } from './documents';
import { officersOnlyPolicy } from './officers-only';
import { DayTallies } from './day-tallies';
import { reportShapeRefusal } from '../../../src/shared/rules/report-workflow';
import { timesheetShapeRefusal } from '../../../src/shared/rules/timesheet-workflow';
import { decideReport, type ReportHistoryEntry } from './reports';
import { decideTimesheet, logLockRefusal } from './timesheets';
import { IGNORED_FIELDS, stripIgnoredFields, validateDocument } from './validation';

export interface PushContext {
  storage: Storage;
  user: PublicUser;
  now: Date;
  /** Where a row the storage refused is logged with the database's error (console if absent). */
  log?: Pick<FastifyBaseLogger, 'error'>;
  /** `<user id>/<device id>` of the pushing device, when it named itself (SP-13). */
  originDevice?: string;
}

/** What applying one row may read besides the transaction: loaded before it starts. */
interface RowContext extends PushContext {
  /** The accounts named on pushed assignments (AS-2). */
  people: AssignmentPeople;
  /** The days of the logs this attempt has checked so far (SP-6). */
  days: DayTallies;
}

/** SP-6: a row the database itself refused; the database's own words go to the server log only. */
export const STORAGE_REFUSED_MESSAGE =
  'This change could not be stored on the server. It is kept here so you can enter it again; if it fails again, tell your programme officer.';

/**
 * Whether every row only repeats what the server holds and the user may read. A device whose
 * sync was interrupted between storing a pulled document and recording it as pulled sends it
 * back unchanged; that is a harmless no-op (SP-4), not a forbidden write.
 */
export async function onlyRepeatsServerVersions(
  ctx: Pick<PushContext, 'storage' | 'user'>,
  collection: CollectionName,
  rows: readonly PushRow[],
): Promise<boolean> {
  if (rows.length === 0) return false;
  for (const row of rows) {
    // A server version always matches its schema; anything else is no repeat and not worth comparing.
    const sent = stripIgnoredFields(row.newDocumentState as unknown as Record<string, unknown>);
    if (validateDocument(collection, sent) || unstorableTextRefusal(sent)) return false;
    const current = await ctx.storage.getDocument(collection, String(row.newDocumentState.id));
    if (!current) return false;
    const access = await accessOf(ctx.storage, current);
    if (!access || !canReadAssignment(ctx.user, access)) return false;
    if (!sameClientContent(toSyncDocument(current), row.newDocumentState, IGNORED_FIELDS)) return false;
  }
  return true;
}

type Outcome =
  /** `accepted`: what the device lacks of a row stored as it sent it (SP-13). */
  | { kind: 'written'; accepted?: Omit<AcceptedRow, 'seq'>; stored: StoredDocument }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: SyncDocument }
  | { kind: 'refused'; code: RejectionCode; message: string };

export async function applyPush(
  ctx: PushContext,
  collection: CollectionName,
  rows: readonly PushRow[],
): Promise<PushResponse> {
  try {
    // Almost no batch has a row the database refuses: those pay no savepoint round trips.
    return await applyRows(ctx, collection, rows, false);
  } catch {
    // SP-6: one row failed and the whole attempt was rolled back. Again, each row in a savepoint
    // of its own, so that only the failing row is refused (a failure of the database itself
    // fails this attempt too, and the request).
    return applyRows(ctx, collection, rows, true);
  }
}

async function applyRows(
  ctx: PushContext,
  collection: CollectionName,
  rows: readonly PushRow[],
  rowByRow: boolean,
): Promise<PushResponse> {
  const response: PushResponse = { conflicts: [], rejections: [] };
  const accepted: { row: Omit<AcceptedRow, 'seq'>; stored: StoredDocument }[] = [];
  // Accounts are read outside the transaction: on SQLite the storage waits for it to end.
  const rowCtx: RowContext = {
    ...ctx,
    people: collection === 'assignments' ? await loadAssignmentPeople(ctx.storage, rows) : new Map(),
    days: new DayTallies(MAX_LOGS_PER_DAY),
  };
  // The live streams hear of the committed rows from the change feed (change-feed.ts), never of
  // a write that was rolled back.
  await ctx.storage.transaction(async (tx) => {
    await lockScopesOf(tx, collection, rows);
    for (const row of rows) {
      const attempted = row.newDocumentState as unknown as Record<string, unknown>;
      const id = String(attempted.id);
      // An id no backend can store names no stored document, and PostgreSQL would fail the lookup.
      const current = hasUnstorableText(id) ? undefined : await tx.getDocument(collection, id);
      const apply = () => applyRow(rowCtx, tx, collection, row, current);
      const step = rowByRow ? await tx.savepoint(apply) : { ok: true as const, value: await apply() };
      const outcome = step.ok ? step.value : storageRefusal(ctx, collection, id, step.error);
      if (outcome.kind === 'written' && outcome.accepted)
        accepted.push({ row: outcome.accepted, stored: outcome.stored });
      else if (outcome.kind === 'conflict') response.conflicts.push(outcome.current);
      else if (outcome.kind === 'refused') {
        response.rejections.push({ id: String(attempted.id), code: outcome.code, message: outcome.message });
        response.conflicts.push(await revertTo(ctx.user, tx, current, attempted));
      }
    }
  });
  // A written row's seq is final once the transaction has committed (storage/types.ts).
  if (accepted.length > 0)
    response.accepted = accepted.map(({ row, stored }) => ({ ...row, seq: stored.seq }));
  return response;
}

/**
 * Holds the experts whose data the rows touch, so that pushes about one expert — from their
 * devices, their supervisors', officers' — run one after the other: the rules read several rows
 * (the day's hours and logs across the expert's assignments, the month's lock, which decision came
 * first) and must see every earlier write. Pushes about other experts run side by side.
 */
async function lockScopesOf(tx: DocumentTransaction, collection: CollectionName, rows: readonly PushRow[]) {
  const assignmentIds = new Set<string>();
  const scopes = new Set<string>();
  for (const row of rows) {
    const doc = row.newDocumentState as unknown as Record<string, unknown>;
    // IN-3, AS-8: an institution's writes, and the assignments that name it, one after the other,
    // so none names an institution being deleted.
    const institutionId =
      collection === 'institutions' ? doc.id : collection === 'assignments' ? doc.institutionId : undefined;
    if (typeof institutionId === 'string' && !hasUnstorableText(institutionId))
      scopes.add(`institution:${institutionId}`);
    if (isOfficersOnly(collection)) {
      // TG-1: one target's writes one after the other too.
      if (typeof doc.id === 'string' && !hasUnstorableText(doc.id))
        scopes.add(officersOnlyPolicy(collection).lockScope(doc.id));
      continue;
    }
    const assignmentId = collection === 'assignments' ? doc.id : doc.assignmentId;
    // Rows that carry text no backend can store are refused anyway, and it cannot be a lock key.
    if (typeof assignmentId === 'string' && !hasUnstorableText(assignmentId)) assignmentIds.add(assignmentId);
    if (
      collection === 'assignments' &&
      typeof doc.expertId === 'string' &&
      !hasUnstorableText(doc.expertId)
    ) {
      scopes.add(`expert:${doc.expertId}`);
    }
  }
  const expertScope = async (id: string) => {
    const stored = await tx.getDocument('assignments', id);
    return stored ? `expert:${stored.data.expertId}` : `assignment:${id}`;
  };
  for (const id of assignmentIds) scopes.add(await expertScope(id));
  await tx.lockScopes([...scopes]);
  // An officer may have moved an assignment to another expert while this waited: hold theirs too.
  const moved = [];
  for (const id of assignmentIds) {
    const scope = await expertScope(id);
    if (!scopes.has(scope)) moved.push(scope);
  }
  if (moved.length > 0) await tx.lockScopes(moved);
}

/** Whether the device's copy carries the server-stamped fields exactly as the server holds them. */
function sameServerStamps(current: SyncDocument, sent: SyncDocument): boolean {
  const stamps = (doc: SyncDocument) => {
    const record = doc as unknown as Record<string, unknown>;
    return SERVER_OWNED_FIELDS.map((field) => record[field]);
  };
  return same(stamps(current), stamps(sent));
}

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

/** The revision the device based the row on (SP-12), if it had one. */
function assumedRevisionOf(row: PushRow): string | undefined {
  return row.assumedRevision ?? (row.assumedMasterState ? revisionOf(row.assumedMasterState) : undefined);
}

/**
 * What a device must adopt for a refused row (SP-6): the server's version when the user may read
 * it, otherwise a tombstone of what it sent, so it drops the row (the device keeps the user's
 * text aside itself). A version the user may not read is never revealed.
 */
async function revertTo(
  user: PublicUser,
  tx: DocumentTransaction,
  current: StoredDocument | undefined,
  attempted: Record<string, unknown>,
): Promise<SyncDocument> {
  if (current) {
    const access = await accessOf(tx, current);
    if (access && canReadAssignment(user, access)) return toSyncDocument(current);
  }
  return { ...attempted, _deleted: true } as unknown as SyncDocument;
}

function storageRefusal(ctx: PushContext, collection: CollectionName, id: string, error: unknown): Outcome {
  const log = ctx.log ?? { error: (details: object, message: string) => console.error(message, details) };
  log.error({ err: error, collection, id }, 'push: the storage refused a row');
  return { kind: 'refused', code: 'invalid', message: STORAGE_REFUSED_MESSAGE };
}

async function applyRow(
  ctx: RowContext,
  tx: DocumentTransaction,
  collection: CollectionName,
  row: PushRow,
  current: StoredDocument | undefined,
): Promise<Outcome> {
  const input = stripIgnoredFields(row.newDocumentState as unknown as Record<string, unknown>);
  // SP-9 first: no backend can store it, and the checks below would carry it into queries.
  const unstorable = unstorableTextRefusal(input);
  if (unstorable) return { kind: 'refused', code: 'invalid', message: unstorable };
  const invalid = validateDocument(collection, input);
  if (invalid) return { kind: 'refused', code: 'invalid', message: invalid };
  const deleted = input._deleted === true;
  delete input._deleted;
  const data = input as unknown as CollectionDocs[CollectionName];
  // IN-1, TG-1: a collection that belongs to no assignment has none of the stages below.
  if (isOfficersOnly(collection))
    return applyOfficersOnlyRow(ctx, tx, collection, row, data, deleted, current);

  let assignment: Assignment | undefined;
  if (collection === 'assignments') {
    assignment = data as Assignment;
  } else {
    const owned = data as DailyLog | Timesheet | Report;
    const moved = collection === 'logs' ? logMoveRefusal(current, owned) : null;
    if (moved) return { kind: 'refused', ...moved };
    const stored = await tx.getDocument('assignments', owned.assignmentId);
    assignment = stored && !stored.deleted ? stored.data : undefined;
  }
  const refusal = writeRefusal(ctx.user, collection, assignment);
  if (refusal || !assignment) return { kind: 'refused', code: 'forbidden', message: refusal ?? 'Forbidden.' };

  const asSent = { ...data, _deleted: deleted };
  // SP-4 before the rules: a retry of what the server already holds succeeds even if a rule
  // (the assignment's dates, say) changed since it was first accepted. Not written again; but a
  // device whose copy lacks the server's stamps (its reply was lost, or another device made the
  // same change first) gets the stored version back, or it would keep its copy without the
  // server's stamps and history for good. A copy that has them is just acknowledged: answering
  // it with a conflict would make the device resolve one while its user may be making the next
  // change.
  if (current && sameClientContent(toSyncDocument(current), asSent, IGNORED_FIELDS)) {
    const currentSync = toSyncDocument(current);
    return assumedRevisionOf(row) === revisionOf(currentSync) ||
      sameServerStamps(currentSync, row.newDocumentState)
      ? { kind: 'unchanged' }
      : { kind: 'conflict', current: currentSync };
  }

  if (collection === 'assignments') {
    // Dates and length, the people named, overlaps, logged days left outside, deletion (AS-*).
    const refused = await assignmentChangeRefusal(tx, ctx.people, data as Assignment, deleted, current);
    if (refused) return { kind: 'refused', code: 'rule', message: refused };
    // The batches are read only when the pay terms change: most edits leave them as they are.
    const paid =
      current && !current.deleted && payTermsDiffer(current.data as Assignment, data as Assignment)
        ? payTermsChangeMessage(
            current.data as Assignment,
            data as Assignment,
            await batchesOfAssignment(tx, current),
          )
        : null;
    if (paid) return { kind: 'refused', code: 'rule', message: paid };
  } else if (!deleted && checkAssignmentRules(assignment).length > 0) {
    // An assignment stored before its dates were checked: no due date or period can be worked
    // out from it, so nothing that depends on them is accepted until an officer corrects it.
    return { kind: 'refused', code: 'rule', message: BROKEN_ASSIGNMENT_MESSAGE };
  }

  if (collection === 'logs') {
    const log = data as DailyLog;
    const violations = deleted ? null : await logRuleViolations(ctx, tx, log, assignment, current);
    if (violations) return { kind: 'refused', code: 'rule', message: violations };
    // TS-6: the days of a submitted or approved month stay as they were signed.
    const locked = await logLockRefusal(tx, log, current);
    if (locked) return { kind: 'refused', code: 'rule', message: locked };
  }
  if (collection === 'timesheets') {
    const shape = timesheetShapeRefusal(data as Timesheet, deleted, assignment);
    if (shape) return { kind: 'refused', ...shape };
  }
  if (collection === 'reports') {
    const shape = reportShapeRefusal(data as Report, deleted, assignment);
    if (shape) return { kind: 'refused', ...shape };
  }

  // SP-3: the device must have based its change on the server's current version. For a
  // timesheet or a report this comes before the transition rules: the first decision to arrive
  // wins and the later one is a conflict to rebase, merge or set aside, not a refusal (TS-7, RP-4).
  if (current) {
    const assumed = assumedRevisionOf(row);
    const currentSync = toSyncDocument(current);
    if (!assumed || assumed !== revisionOf(currentSync)) {
      return { kind: 'conflict', current: currentSync };
    }
  }

  let toWrite = data;
  let historyEntry: HistoryEntry | null = null;
  if (collection === 'timesheets') {
    const previous = current && !current.deleted ? (current.data as Timesheet) : undefined;
    // PB-3: a month in a payment batch stays as it was paid.
    // Read inside the transaction, after the expert's scope lock, which a new batch takes too.
    const leavesApproved =
      previous?.status === 'approved' && (deleted || (data as Timesheet).status !== 'approved');
    const batchId = leavesApproved ? await tx.batchIdOfTimesheet(String(input.id)) : null;
    if (batchId) {
      return { kind: 'refused', code: 'rule', message: batchedMonthMessage(batchId) };
    }
    const decision = await decideTimesheet(ctx.user, ctx.now, tx, assignment, previous, data as Timesheet);
    if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message };
    toWrite = decision.data;
    historyEntry = decision.entry;
  }
  if (collection === 'reports') {
    const previous = current && !current.deleted ? (current.data as Report) : undefined;
    const decision = decideReport(ctx.user, ctx.now, assignment, previous, data as Report);
    if (!decision.ok) return { kind: 'refused', code: decision.code, message: decision.message };
    toWrite = decision.data;
    historyEntry = decision.entry;
  }

  const stamped = stampServerFields(collection, toWrite, current, ctx, historyEntry);
  const stored = { ...stamped, _deleted: deleted } as unknown as SyncDocument;
  // SP-13: a row stored as sent is the pushing device's already, but for the server's stamps, which
  // go back in the answer. A row the server changed (a decision it completed) goes back as usual.
  const asSentByDevice = ctx.originDevice !== undefined && sameClientContent(stored, asSent, IGNORED_FIELDS);
  const written = await tx.writeDocument({
    collection,
    id: stamped.id,
    assignmentId: assignmentIdOf(collection, stamped),
    data: stamped,
    deleted,
    originDevice: asSentByDevice ? ctx.originDevice : null,
  });
  if (collection === 'logs') ctx.days.recordWrite(assignment.expertId, current, stamped as DailyLog, deleted);
  if (collection === 'assignments') {
    // SP-15: someone new on the assignment gets its whole history, however old.
    if (!deleted) await grantHistory(tx, stamped as Assignment, current);
    await auditAssignmentChange(
      tx,
      { actorId: ctx.user.id, at: ctx.now },
      current,
      stamped as Assignment,
      deleted,
    );
  }
  return {
    kind: 'written',
    accepted: asSentByDevice ? stampsLacking(row.newDocumentState, stored) : undefined,
    stored: written,
  };
}

/**
 * IN-*, TG-*: a host institution or a programme target belongs to no assignment. Access and rules
 * (the collection's policy, officers-only.ts), then SP-4 and SP-3 as for every row, the server's
 * stamps, the write and its audit.
 */
async function applyOfficersOnlyRow(
  ctx: RowContext,
  tx: DocumentTransaction,
  collection: CollectionName,
  row: PushRow,
  data: CollectionDocs[CollectionName],
  deleted: boolean,
  current: StoredDocument | undefined,
): Promise<Outcome> {
  const policy = officersOnlyPolicy(collection);
  const refused = await policy.refusal(tx, ctx.user, data as never, deleted, current);
  if (refused?.code === 'forbidden') return { kind: 'refused', ...refused };
  const asSent = { ...data, _deleted: deleted };
  if (current && sameClientContent(toSyncDocument(current), asSent, IGNORED_FIELDS)) {
    const currentSync = toSyncDocument(current);
    return assumedRevisionOf(row) === revisionOf(currentSync) ||
      sameServerStamps(currentSync, row.newDocumentState)
      ? { kind: 'unchanged' }
      : { kind: 'conflict', current: currentSync };
  }
  if (refused) return { kind: 'refused', ...refused };
  if (current) {
    const assumed = assumedRevisionOf(row);
    const currentSync = toSyncDocument(current);
    if (!assumed || assumed !== revisionOf(currentSync)) return { kind: 'conflict', current: currentSync };
  }
  const stamped = stampServerFields(collection, data, current, ctx, null);
  const stored = { ...stamped, _deleted: deleted } as unknown as SyncDocument;
  const asSentByDevice = ctx.originDevice !== undefined && sameClientContent(stored, asSent, IGNORED_FIELDS);
  const written = await tx.writeDocument({
    collection,
    id: stamped.id,
    assignmentId: stamped.id,
    data: stamped,
    deleted,
    originDevice: asSentByDevice ? ctx.originDevice : null,
  });
  await policy.audit?.(tx, { actorId: ctx.user.id, at: ctx.now }, current, stamped as never, deleted);
  return {
    kind: 'written',
    accepted: asSentByDevice ? stampsLacking(row.newDocumentState, stored) : undefined,
    stored: written,
  };
}

/** The server-owned fields of `stored` that `sent` does not carry as stored (SP-13). */
function stampsLacking(sent: SyncDocument, stored: SyncDocument): Omit<AcceptedRow, 'seq'> {
  const sentRecord = sent as unknown as Record<string, unknown>;
  const storedRecord = stored as unknown as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const field of SERVER_OWNED_FIELDS) {
    if (same(sentRecord[field], storedRecord[field])) continue;
    if (storedRecord[field] === undefined) unset.push(field);
    else set[field] = storedRecord[field];
  }
  return { id: stored.id, set, ...(unset.length > 0 ? { unset } : {}) };
}

async function logRuleViolations(
  ctx: RowContext,
  tx: DocumentTransaction,
  log: DailyLog,
  assignment: Assignment,
  current: StoredDocument | undefined,
): Promise<string | null> {
  // The 24-hour and logs-per-day limits span all the expert's assignments: a day is a day
  // whoever pays for it. The count stops at the limit, so a day already over it (data from before
  // the limit) costs no more to check than a full one, and the write transaction stays short.
  const sameDay = await ctx.days.othersThatDay(tx, assignment.expertId, log, current);
  const violations = checkLogRules(log, {
    assignment,
    otherHoursThatDay: sameDay.hours,
    otherLogsThatDay: sameDay.logs,
    today: latestIsoDateOnEarth(ctx.now),
  });
  return violations.length === 0 ? null : violations.map((v) => v.message).join(' ');
}

type HistoryEntry = TimesheetHistoryEntry | ReportHistoryEntry;

/**
 * authorId is the first pusher's and createdAt the first write's; updatedAt is every write's.
 * A timesheet's or report's history only grows: the entry of this decision goes after the stored
 * ones (TS-5, RP-6).
 */
function stampServerFields<K extends CollectionName>(
  collection: K,
  data: CollectionDocs[K],
  current: StoredDocument | undefined,
  ctx: PushContext,
  historyEntry: HistoryEntry | null,
): CollectionDocs[K] {
  const previous = current?.data as Record<string, unknown> | undefined;
  const nowIso = ctx.now.toISOString();
  const values: Record<(typeof SERVER_OWNED_FIELDS)[number], unknown> = {
    authorId: previous?.authorId ?? ctx.user.id,
    createdAt: previous?.createdAt ?? nowIso,
    updatedAt: nowIso,
    history: [
      ...((previous?.history as HistoryEntry[] | undefined) ?? []),
      ...(historyEntry ? [historyEntry] : []),
    ],
  };
  const stamped: Record<string, unknown> = { ...data };
  const properties = COLLECTION_SCHEMAS[collection].properties as Record<string, unknown>;
  for (const field of SERVER_OWNED_FIELDS) {
    if (field in properties) stamped[field] = values[field];
  }
  return stamped as CollectionDocs[K];
}
