/**
 * What must hold of everything the server stores, checked after every step of a fuzz run
 * (docs/sync-protocol.md SP-6, TS-2, TS-4 … TS-6, RP-2, RP-6): the log rules with the 24-hour day
 * across an expert's logs, submitted and approved months exactly as submitted, timesheet and
 * report statuses reached only by legal transitions, and histories that only grow.
 */
import { latestIsoDateOnEarth } from '../../src/shared/dates';
import { checkLogRules } from '../../src/shared/rules/log-rules';
import {
  isLocked,
  snapshotBasis,
  snapshotHash,
  snapshotLogs,
  timesheetPeriod,
} from '../../src/shared/rules/timesheet-rules';
import type { Assignment, CollectionName, DailyLog, Report, Timesheet } from '../../src/shared/schemas';
import { same } from '../../src/shared/sync/merge';
import type { Storage, StoredDocument } from '../../sync-server/src/storage/types';
import { FuzzFailure } from './sim-device';
import { englishOf } from '../helpers/english';

interface HistoryEntry {
  byUserId: string;
  role: string;
  from: string;
  to: string;
}

/** Legal transitions: `from>to` → the role that may make it (TS-2, RP-2). */
const TIMESHEET_MOVES: Record<string, string> = {
  'draft>submitted': 'expert',
  'returned>submitted': 'expert',
  'submitted>approved': 'supervisor',
  'submitted>returned': 'supervisor',
  'approved>returned': 'officer',
};
const REPORT_MOVES: Record<string, string> = {
  'draft>submitted': 'expert',
  'changes_requested>submitted': 'expert',
  'submitted>endorsed': 'supervisor',
  'submitted>changes_requested': 'supervisor',
  'endorsed>reviewed': 'officer',
};

export async function serverDocuments(
  storage: Storage,
  collection: CollectionName,
): Promise<StoredDocument[]> {
  return storage.pullDocuments({ collection, afterSeq: 0, assignmentIds: 'all', limit: 1_000_000 });
}

/** Checks the stored state; remembers histories to check that the next state only appends. */
export class ServerObserver {
  private readonly histories = new Map<string, unknown[]>();
  private checkedSeq = -1;

  async check(storage: Storage, now: Date): Promise<void> {
    // Nothing written since the last check: the state checked then is the state now.
    const seq = await storage.latestSeq();
    if (seq === this.checkedSeq) return;
    this.checkedSeq = seq;
    const assignments = new Map(
      (await serverDocuments(storage, 'assignments')).map((doc) => [doc.id, doc.data as Assignment]),
    );
    const logs = (await serverDocuments(storage, 'logs'))
      .filter((doc) => !doc.deleted)
      .map((doc) => doc.data as DailyLog);
    this.checkLogs(logs, assignments, latestIsoDateOnEarth(now));
    for (const doc of await serverDocuments(storage, 'timesheets')) {
      const timesheet = doc.data as Timesheet;
      const assignment = assignments.get(timesheet.assignmentId)!;
      this.checkHistory('timesheets', doc, timesheet.status, TIMESHEET_MOVES, assignment);
      await checkLockedMonth(timesheet, assignment, logs);
    }
    for (const doc of await serverDocuments(storage, 'reports')) {
      const report = doc.data as Report;
      this.checkHistory('reports', doc, report.status, REPORT_MOVES, assignments.get(report.assignmentId)!);
      if (
        (report.status === 'endorsed' || report.status === 'changes_requested') &&
        report.decision?.kind !== report.status
      ) {
        fail(`report ${doc.id} is ${report.status} without a matching decision`);
      }
    }
  }

  private checkLogs(logs: DailyLog[], assignments: Map<string, Assignment>, today: string) {
    const hoursByExpertDay = new Map<string, number>();
    const logsByExpertDay = new Map<string, number>();
    const key = (log: DailyLog) => `${assignments.get(log.assignmentId)?.expertId}:${log.date}`;
    for (const log of logs) {
      hoursByExpertDay.set(key(log), (hoursByExpertDay.get(key(log)) ?? 0) + log.hours);
      logsByExpertDay.set(key(log), (logsByExpertDay.get(key(log)) ?? 0) + 1);
    }
    for (const log of logs) {
      const assignment = assignments.get(log.assignmentId);
      if (!assignment) fail(`log ${log.id} has no assignment`);
      const violations = checkLogRules(log, {
        assignment: assignment!,
        otherHoursThatDay: hoursByExpertDay.get(key(log))! - log.hours,
        // The count limit is checked where a log is added; here every stored log is one of them.
        otherLogsThatDay: logsByExpertDay.get(key(log))! - 1,
        today,
      });
      if (violations.length > 0)
        fail(`stored log ${log.id} breaks the log rules: ${englishOf(violations.map((v) => v.reason))}`);
    }
  }

  private checkHistory(
    collection: 'timesheets' | 'reports',
    doc: StoredDocument,
    status: string,
    moves: Record<string, string>,
    assignment: Assignment,
  ) {
    const what = `${collection} ${doc.id}`;
    if (doc.deleted) fail(`${what} was deleted; ${collection} are never deleted`);
    const history = ((doc.data as { history?: HistoryEntry[] }).history ?? []) as HistoryEntry[];
    const seen = this.histories.get(what) ?? [];
    if (!same(history.slice(0, seen.length), seen))
      fail(`${what}: its history was rewritten, not appended to`);
    this.histories.set(what, structuredClone(history));
    let current = 'draft';
    for (const entry of history) {
      const role = moves[`${entry.from}>${entry.to}`];
      if (entry.from !== current || !role)
        fail(`${what}: illegal history step ${entry.from} → ${entry.to} after ${current}`);
      if (entry.role !== role || !mayAct(entry, assignment)) {
        fail(`${what}: ${entry.byUserId} (${entry.role}) made ${entry.from} → ${entry.to}`);
      }
      current = entry.to;
    }
    if (current !== status) fail(`${what} is ${status} but its history ends at ${current}`);
  }
}

function mayAct(entry: HistoryEntry, assignment: Assignment): boolean {
  if (entry.role === 'expert') return entry.byUserId === assignment.expertId;
  if (entry.role === 'supervisor') return assignment.supervisorIds.includes(entry.byUserId);
  return entry.role === 'officer';
}

/** TS-4, TS-6: a submitted or approved month's logs are exactly the ones submitted and signed. */
async function checkLockedMonth(timesheet: Timesheet, assignment: Assignment, logs: DailyLog[]) {
  if (!isLocked(timesheet.status)) return;
  const submitted = timesheet.submission?.snapshot;
  const period = timesheetPeriod(assignment, timesheet.month);
  if (!submitted || !period)
    return fail(`timesheet ${timesheet.id} is ${timesheet.status} without a submission`);
  const now = snapshotLogs(logs, assignment.id, period, snapshotBasis(submitted));
  const hash = await snapshotHash(assignment.id, timesheet.month, now);
  if (hash !== submitted.hash) {
    fail(
      `timesheet ${timesheet.id} is ${timesheet.status} but the logs of ${timesheet.month} changed since submission`,
    );
  }
  if (timesheet.status === 'approved' && timesheet.approval?.hash !== submitted.hash) {
    fail(`timesheet ${timesheet.id} is approved on another hash than the one submitted`);
  }
}

function fail(message: string): never {
  throw new FuzzFailure(`server state: ${message}`);
}
