/**
 * Applying a pushed batch (docs/sync-protocol.md, "A push, stage by stage"): every row goes
 * through the same fixed list of stages, in one transaction, and asks its collection's policy
 * (policy.ts, one module per collection) what the collection adds to a stage. The committed
 * changes then go to the live streams (change-feed.ts).
 */
import { reason, type Reason } from '../../../src/shared/reasons';
import { canReadAssignment } from '../../../src/shared/rules/access';
import { hasUnstorableText, unstorableTextRefusal } from '../../../src/shared/rules/text-rules';
import type { Assignment, CollectionDocs, CollectionName } from '../../../src/shared/schemas';
import { sameContent, withoutIgnoredFields } from '../../../src/shared/sync/content';
import { revisionOf } from '../../../src/shared/sync/revision';
import type {
  AcceptedRow,
  PushResponse,
  PushRow,
  RejectionCode,
  SyncDocument,
} from '../../../src/shared/sync/protocol';
import { MAX_LOGS_PER_DAY } from '../../../src/shared/rules/log-rules';
import type { FastifyBaseLogger } from 'fastify';
import type { PublicUser } from '../../../src/shared/users';
import { englishOf } from '../i18n/reasons';
import type { DocumentTransaction, Storage, StoredDocument } from '../storage/types';
import { DayTallies } from './day-tallies';
import { accessOf, toSyncDocument } from './documents';
import { policyOf } from './policies';
import type { CollectionPolicy, HistoryEntry, PolicyRow, PushPreload } from './policy';
import { sameServerStamps, stampServerFields, stampsLacking } from './server-stamps';
import { validateDocument } from './validation';

export interface PushContext {
  storage: Storage;
  user: PublicUser;
  now: Date;
  /** Where a row the storage refused is logged with the database's error (console if absent). */
  log?: Pick<FastifyBaseLogger, 'error'>;
  /** `<user id>/<device id>` of the pushing device, when it named itself (SP-13). */
  originDevice?: string;
}

/** SP-6: a row the database itself refused; the database's own words go to the server log only. */
export const STORAGE_REFUSED_REASON = reason(/*i18n*/ 'sync.push.storageRefused');

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
    const sent = withoutIgnoredFields(row.newDocumentState);
    if (validateDocument(collection, sent) || unstorableTextRefusal(sent)) return false;
    const current = await ctx.storage.getDocument(collection, String(row.newDocumentState.id));
    if (!current) return false;
    const access = await accessOf(ctx.storage, current);
    if (!access || !canReadAssignment(ctx.user, access)) return false;
    if (!sameContent(toSyncDocument(current), row.newDocumentState)) return false;
  }
  return true;
}

type Outcome =
  /** `accepted`: what the device lacks of a row stored as it sent it (SP-13). */
  | { kind: 'written'; accepted?: Omit<AcceptedRow, 'seq'>; stored: StoredDocument }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; current: SyncDocument }
  | { kind: 'refused'; code: RejectionCode; reasons: readonly Reason[] };

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

type Doc = CollectionDocs[CollectionName];

async function applyRows(
  ctx: PushContext,
  collection: CollectionName,
  rows: readonly PushRow[],
  rowByRow: boolean,
): Promise<PushResponse> {
  const response: PushResponse = { conflicts: [], rejections: [] };
  const accepted: { row: Omit<AcceptedRow, 'seq'>; stored: StoredDocument }[] = [];
  const policy = policyOf(collection) as CollectionPolicy<Doc>;
  // Read outside the transaction: on SQLite the storage waits for it to end.
  const preload: PushPreload = {
    people: new Map(),
    days: new DayTallies(MAX_LOGS_PER_DAY),
    ...(await policy.preload?.(ctx.storage, rows)),
  };
  // The live streams hear of the committed rows from the change feed (change-feed.ts), never of
  // a write that was rolled back.
  await ctx.storage.transaction(async (tx) => {
    await lockScopesOf(tx, policy, rows);
    for (const row of rows) {
      const attempted = row.newDocumentState as unknown as Record<string, unknown>;
      const id = String(attempted.id);
      // An id no backend can store names no stored document, and PostgreSQL would fail the lookup.
      const current = hasUnstorableText(id) ? undefined : await tx.getDocument(collection, id);
      const apply = () => applyRow({ ctx, tx, preload, collection, policy, row, current });
      const step = rowByRow ? await tx.savepoint(apply) : { ok: true as const, value: await apply() };
      const outcome = step.ok ? step.value : storageRefusal(ctx, collection, id, step.error);
      if (outcome.kind === 'written' && outcome.accepted)
        accepted.push({ row: outcome.accepted, stored: outcome.stored });
      else if (outcome.kind === 'conflict') response.conflicts.push(outcome.current);
      else if (outcome.kind === 'refused') {
        const reasons = [...outcome.reasons];
        response.rejections.push({ id, code: outcome.code, message: englishOf(reasons), reasons });
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
 * Holds the experts and documents the rows touch (each policy's lockKeys), so that pushes about
 * one expert — from their devices, their supervisors', officers' — run one after the other: the
 * rules read several rows (the day's hours and logs across the expert's assignments, the month's
 * lock, which decision came first) and must see every earlier write. Pushes about other experts
 * run side by side.
 */
async function lockScopesOf(
  tx: DocumentTransaction,
  policy: CollectionPolicy<Doc>,
  rows: readonly PushRow[],
): Promise<void> {
  const assignmentIds = new Set<string>();
  const scopes = new Set<string>();
  for (const row of rows) {
    const keys = policy.lockKeys(row.newDocumentState as unknown as Record<string, unknown>);
    keys.scopes.forEach((scope) => scopes.add(scope));
    keys.assignmentIds.forEach((id) => assignmentIds.add(id));
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

/** One row on its way through the stages. */
interface RowWork extends PolicyRow<Doc> {
  ctx: PushContext;
  collection: CollectionName;
  policy: CollectionPolicy<Doc>;
  row: PushRow;
  /** The row as sent, without the fields that are no content (content.ts). */
  sent: Record<string, unknown>;
  /** Set by the access stage: the assignment the row belongs to, if any. */
  assignment: Assignment | undefined;
  /** Set by the decide stage: the history entry of the decision (TS-5, RP-6). */
  entry: HistoryEntry | null;
}

/** A stage answers the row (refused, unchanged, conflict, written) or lets it go on. */
type Stage = (work: RowWork) => Outcome | null | Promise<Outcome | null>;

/**
 * The stages of a row, in this order (docs/sync-protocol.md, "A push, stage by stage"). SP-9
 * comes first: the stages after it would carry text no backend can store into queries.
 */
const STAGES: readonly Stage[] = [
  validate, // SP-9
  access, // SP-7
  replay, // SP-4
  shape, // TS-1, RP-1, SP-6 (an assignment with broken dates)
  rules, // AS-*, IN-*, TG-*, SP-6 (log rules), TS-6
  conflict, // SP-3
  decide, // TS-2 … TS-7, RP-2 … RP-6, PB-3
  stamp, // SP-3 (the server's stamps), TS-5, RP-6
  write, // SP-13, then the policy's afterWrite (AS-6, IN-3, SP-15, the day's tally)
];

async function applyRow(
  row: Pick<RowWork, 'ctx' | 'tx' | 'preload' | 'collection' | 'policy' | 'row' | 'current'>,
): Promise<Outcome> {
  const sent = withoutIgnoredFields(row.row.newDocumentState);
  const { _deleted: deleted, ...data } = sent;
  const work: RowWork = {
    ...row,
    sent,
    user: row.ctx.user,
    now: row.ctx.now,
    data: data as unknown as Doc,
    deleted: deleted === true,
    assignment: undefined,
    entry: null,
  };
  for (const stage of STAGES) {
    const outcome = await stage(work);
    if (outcome) return outcome;
  }
  throw new Error('push: the write stage answers every row');
}

const refused = (refusal: { code: RejectionCode; reasons: readonly Reason[] }): Outcome => ({
  kind: 'refused',
  code: refusal.code,
  reasons: refusal.reasons,
});

/** SP-9: text every backend can store, then the collection's schema. */
function validate({ sent, collection }: RowWork): Outcome | null {
  const unstorable = unstorableTextRefusal(sent);
  if (unstorable) return refused({ code: 'invalid', reasons: [unstorable] });
  const invalid = validateDocument(collection, sent);
  return invalid ? refused({ code: 'invalid', reasons: invalid }) : null;
}

/** SP-7: who may write the row at all (a log's assignment is looked up, never taken from the device). */
async function access(work: RowWork): Promise<Outcome | null> {
  const answer = await work.policy.access(work);
  if (!answer.ok) return refused(answer);
  work.assignment = answer.assignment;
  return null;
}

/**
 * SP-4, before the rules: a retry of what the server already holds succeeds even if a rule (the
 * assignment's dates, say) changed since it was first accepted. Not written again; but a device
 * whose copy lacks the server's stamps (its reply was lost, or another device made the same
 * change first) gets the stored version back, or it would keep its copy without the server's
 * stamps and history for good. A copy that has them is just acknowledged: answering it with a
 * conflict would make the device resolve one while its user may be making the next change.
 */
function replay({ current, row, sent }: RowWork): Outcome | null {
  if (!current) return null;
  const currentSync = toSyncDocument(current);
  if (!sameContent(currentSync, sent)) return null;
  return assumedRevisionOf(row) === revisionOf(currentSync) ||
    sameServerStamps(currentSync, row.newDocumentState)
    ? { kind: 'unchanged' }
    : { kind: 'conflict', current: currentSync };
}

/** What the document must be whatever the decision, before the conflict check (TS-1, RP-1). */
function shape(work: RowWork): Outcome | null {
  const refusal = work.policy.shape?.(work, work.assignment);
  return refusal ? refused(refusal) : null;
}

async function rules(work: RowWork): Promise<Outcome | null> {
  const refusal = await work.policy.rules?.(work, work.assignment);
  return refusal ? refused(refusal) : null;
}

/**
 * SP-3: the device must have based its change on the server's current version. For a timesheet
 * or a report this comes before the transition rules: the first decision to arrive wins and the
 * later one is a conflict to rebase, merge or set aside, not a refusal (TS-7, RP-4).
 */
function conflict({ current, row }: RowWork): Outcome | null {
  if (!current) return null;
  const currentSync = toSyncDocument(current);
  const assumed = assumedRevisionOf(row);
  return !assumed || assumed !== revisionOf(currentSync) ? { kind: 'conflict', current: currentSync } : null;
}

/** The server's decision: a submission's snapshot is the server's, a transition leaves a history entry. */
async function decide(work: RowWork): Promise<Outcome | null> {
  const decision = await work.policy.decide?.(work, work.assignment);
  if (!decision) return null;
  if (!decision.ok) return refused(decision);
  work.data = decision.data;
  work.entry = decision.entry;
  return null;
}

/** SP-3, TS-5, RP-6: the server's fields, the decision's history entry appended (server-stamps.ts). */
function stamp(work: RowWork): null {
  work.data = stampServerFields(work.collection, work.data, work.current, work, work.entry);
  return null;
}

/**
 * The write, and what the collection records with it. SP-13: a row stored as sent is the pushing
 * device's already, but for the server's stamps, which go back in the answer. A row the server
 * changed (a decision it completed) goes back as usual.
 */
async function write(work: RowWork): Promise<Outcome> {
  const { ctx, tx, collection, policy, data, deleted, row, sent } = work;
  const stored = { ...data, _deleted: deleted } as unknown as SyncDocument;
  const asSentByDevice = ctx.originDevice !== undefined && sameContent(stored, sent);
  const written = await tx.writeDocument({
    collection,
    id: data.id,
    assignmentId: policy.keyOf(data),
    data,
    deleted,
    originDevice: asSentByDevice ? ctx.originDevice : null,
  });
  await policy.afterWrite?.(work, data, work.assignment);
  return {
    kind: 'written',
    accepted: asSentByDevice ? stampsLacking(row.newDocumentState, stored) : undefined,
    stored: written,
  };
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
  return { kind: 'refused', code: 'invalid', reasons: [STORAGE_REFUSED_REASON] };
}
