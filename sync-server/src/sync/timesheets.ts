/**
 * The server's side of timesheets (docs/sync-protocol.md TS-*): which pushed timesheets stand,
 * the snapshot recomputed from the server's own logs, the history entry of each decision, and the
 * lock a submitted or approved month puts on its logs.
 */
import {
  logLockReason,
  snapshotBasis,
  snapshotHash,
  snapshotLogs,
  timesheetIdForLog,
  timesheetPeriod,
  type SnapshotBasis,
} from '../../../src/shared/rules/timesheet-rules';
import {
  checkTimesheetChange,
  timesheetShapeRefusal,
  type TransitionKind,
} from '../../../src/shared/rules/timesheet-workflow';
import { batchedMonthReason } from '../../../src/shared/payments';
import { reason, type Reason } from '../../../src/shared/reasons';
import type { RuleRefusal } from '../../../src/shared/rules/workflow';
import type { Assignment, DailyLog, Timesheet } from '../../../src/shared/schemas';
import {
  timesheetSchemaLiteral,
  type TimesheetHistoryEntry,
  type TimesheetSnapshot,
} from '../../../src/shared/schemas/timesheet.schema';
import type { PublicUser } from '../../../src/shared/users';
import type { DocumentReader, StoredDocument } from '../storage/types';
import { workflowPolicy } from './policy';

const MAX_SNAPSHOT_LOGS =
  timesheetSchemaLiteral.properties.submission.properties.snapshot.properties.logs.maxItems;

export type TimesheetDecision =
  { ok: true; data: Timesheet; entry: TimesheetHistoryEntry | null } | ({ ok: false } & RuleRefusal);

/**
 * The month as the server holds it: what a submission must match (TS-4). On the content basis
 * the versions depend only on what the expert wrote, so a device that computed them offline gets
 * the same hash once its logs are here.
 */
export async function serverSnapshot(
  reader: DocumentReader,
  assignment: Pick<Assignment, 'id' | 'startDate' | 'endDate'>,
  month: string,
  basis: SnapshotBasis = 'content',
): Promise<TimesheetSnapshot> {
  const period = timesheetPeriod(assignment, month);
  const stored = period ? await reader.findLogsBetween(assignment.id, period.start, period.end) : [];
  const logs = period
    ? snapshotLogs(
        stored.map((doc) => doc.data),
        assignment.id,
        period,
        basis,
      )
    : [];
  return { logs, hash: await snapshotHash(assignment.id, month, logs) };
}

/** The push policy of timesheets (TS-*): whoever may read the assignment pushes, the transitions decide. */
export const timesheetsPolicy = workflowPolicy<Timesheet>(
  'timesheets',
  timesheetShapeRefusal,
  async (row, assignment, previous) => {
    // PB-3: a month in a payment batch stays as it was paid. Read inside the transaction, after
    // the expert's scope lock, which a new batch takes too.
    const leavesApproved = previous?.status === 'approved' && (row.deleted || row.data.status !== 'approved');
    const batchId = leavesApproved ? await row.tx.batchIdOfTimesheet(row.data.id) : null;
    if (batchId) return { ok: false, code: 'rule', reasons: [batchedMonthReason(batchId)] };
    return decideTimesheet(row.user, row.now, row.tx, assignment, previous, row.data);
  },
);

/**
 * Whether `user` may turn `current` into `next` (TS-2, TS-3), with the submission's snapshot
 * replaced by the server's (TS-4) and the history entry to append (TS-5).
 */
export async function decideTimesheet(
  user: PublicUser,
  now: Date,
  reader: DocumentReader,
  assignment: Assignment,
  current: Timesheet | undefined,
  next: Timesheet,
): Promise<TimesheetDecision> {
  const check = checkTimesheetChange(user, assignment, current, next);
  if (!check.ok) return { ok: false, code: check.code, reasons: [check.reason] };
  const submits = check.kind === 'submit' || (check.kind === 'create' && next.status === 'submitted');
  let data = next;
  if (submits && next.submission) {
    // Recomputed on the basis the device used: an app not yet updated still sends updatedAt.
    const basis = snapshotBasis(next.submission.snapshot);
    const snapshot = await serverSnapshot(reader, assignment, next.month, basis);
    if (snapshot.hash !== next.submission.snapshot.hash) {
      // The device declared days the server does not hold (yet), or holds differently.
      const status = current?.status ?? 'draft';
      return {
        ok: false,
        code: 'rule',
        reasons: [reason(/*i18n*/ 'rules.timesheet.daysNotSynced', { status })],
      };
    }
    if (snapshot.logs.length === 0) {
      return { ok: false, code: 'rule', reasons: [reason(/*i18n*/ 'rules.timesheet.noDays')] };
    }
    if (snapshot.logs.length > MAX_SNAPSHOT_LOGS) {
      const max = MAX_SNAPSHOT_LOGS;
      return { ok: false, code: 'rule', reasons: [reason(/*i18n*/ 'rules.timesheet.tooManyLogs', { max })] };
    }
    data = { ...next, submission: { ...next.submission, snapshot } };
  }
  const kind: TransitionKind | null = submits ? 'submit' : check.kind === 'create' ? null : check.kind;
  return { ok: true, data, entry: kind ? historyEntry(kind, user, now, current, data) : null };
}

/** One line of the audit trail: who, when, in which role, from and to, and what they said. */
function historyEntry(
  kind: TransitionKind,
  user: PublicUser,
  now: Date,
  current: Timesheet | undefined,
  next: Timesheet,
): TimesheetHistoryEntry {
  const entry: TimesheetHistoryEntry = {
    at: now.toISOString(),
    byUserId: user.id,
    byName: user.name,
    role: user.role,
    // A timesheet created already submitted was a draft on the device until then.
    from: current?.status ?? 'draft',
    to: next.status,
  };
  if (kind === 'return' && next.returned) entry.comment = next.returned.comment;
  if (kind === 'reopen' && next.reopened) entry.comment = next.reopened.reason;
  if (kind === 'submit' && next.submission) entry.hash = next.submission.snapshot.hash;
  if (kind === 'approve' && next.approval) entry.hash = next.approval.hash;
  return entry;
}

/**
 * Why a log may not be written because its month is submitted or approved (TS-6), or null.
 * Both the new date and the stored one count: moving a day out of a locked month changes it too.
 */
export async function logLockRefusal(
  reader: DocumentReader,
  log: Pick<DailyLog, 'assignmentId' | 'date'>,
  current: StoredDocument | undefined,
): Promise<Reason | null> {
  const ids = new Set([timesheetIdForLog(log)]);
  if (current) ids.add(timesheetIdForLog(current.data as DailyLog));
  for (const id of ids) {
    const timesheet = await reader.getDocument('timesheets', id);
    const locked = timesheet && !timesheet.deleted ? logLockReason(timesheet.data) : null;
    if (locked) return locked;
  }
  return null;
}
