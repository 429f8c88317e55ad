/**
 * Reading and writing timesheets on the device. A decision is a local change of the document
 * (it works offline); replication pushes it and the server, which checks everything again,
 * writes the history. What each decision needs, and from which state, is the shared workflow's
 * (timesheet-workflow.ts): the device refuses in the server's words.
 */
import { map, type Observable } from 'rxjs';
import {
  snapshotHash,
  snapshotLogs,
  timesheetPeriod,
  type SnapshotBasis,
} from '../shared/rules/timesheet-rules';
import {
  TIMESHEET_WORKFLOW,
  timesheetShapeRefusal,
  type TimesheetAction,
} from '../shared/rules/timesheet-workflow';
import { firstMissing, wrongStateReason } from '../shared/rules/workflow';
import { RefusedError, reason } from '../shared/reasons';
import type { Assignment, DailyLog, Timesheet } from '../shared/schemas';
import { timesheetId, type TimesheetSnapshot } from '../shared/schemas/timesheet.schema';
import type { DeviceDatabase } from './database';
import { pendingIds$ } from './sync-marks';

function plain(doc: { toJSON(): unknown }): Timesheet {
  return doc.toJSON() as Timesheet;
}

/** Oldest month first. */
export function timesheetsOfAssignment$(
  device: DeviceDatabase,
  assignmentId: string,
): Observable<Timesheet[]> {
  return device.db.timesheets
    .find({ selector: { assignmentId }, sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map(plain)));
}

export function timesheet$(device: DeviceDatabase, id: string): Observable<Timesheet | null> {
  return device.db.timesheets.findOne(id).$.pipe(map((doc) => (doc ? plain(doc) : null)));
}

/**
 * Submitted timesheets waiting for a decision. The server only sends a supervisor the
 * timesheets of their own assignments, so on their device every one is theirs to sign.
 */
export function toSign$(device: DeviceDatabase): Observable<Timesheet[]> {
  return device.db.timesheets
    .find({ selector: { status: 'submitted' }, sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map(plain)));
}

/** Approved months, oldest first: what an officer can put into a payment batch (PB-1). */
export function approvedTimesheets$(device: DeviceDatabase): Observable<Timesheet[]> {
  return device.db.timesheets
    .find({ selector: { status: 'approved' }, sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map(plain)));
}

/** Ids of timesheets changed on this device that the server has not confirmed yet. */
export function pendingTimesheetIds$(device: DeviceDatabase): Observable<ReadonlySet<string>> {
  return pendingIds$(device, 'timesheets');
}

/**
 * The snapshot of a month as this device holds its logs: what the expert declares. Its versions
 * are content markers (TS-4), so it needs nothing from the server: a month edited and submitted
 * offline matches once the logs are pushed. `basis` is only for checking a month signed on the
 * older basis.
 */
export async function monthSnapshot(
  logs: readonly DailyLog[],
  assignment: Pick<Assignment, 'id' | 'startDate' | 'endDate'>,
  month: string,
  basis: SnapshotBasis = 'content',
): Promise<TimesheetSnapshot> {
  const period = timesheetPeriod(assignment, month);
  const snapshot = period ? snapshotLogs(logs, assignment.id, period, basis) : [];
  return { logs: snapshot, hash: await snapshotHash(assignment.id, month, snapshot) };
}

export class TimesheetWriteError extends RefusedError {}

async function existing(device: DeviceDatabase, id: string) {
  const doc = await device.db.timesheets.findOne(id).exec();
  if (!doc) throw new TimesheetWriteError(reason(/*i18n*/ 'device.timesheet.missing'));
  return doc;
}

/** Refused with the workflow's message when a value `action` needs is blank. */
function requireValues(action: TimesheetAction, values: Readonly<Record<string, unknown>>): void {
  const missing = firstMissing(TIMESHEET_WORKFLOW[action], values);
  if (missing) throw new TimesheetWriteError(missing);
}

/** Refused unless the timesheet is in a state `action` starts from. */
function inStateFor(action: TimesheetAction, doc: Pick<Timesheet, 'status'>): void {
  const transition = TIMESHEET_WORKFLOW[action];
  if (!transition.from.includes(doc.status)) {
    throw new TimesheetWriteError(wrongStateReason(transition, doc.status));
  }
}

export async function submitTimesheet(
  device: DeviceDatabase,
  assignment: Assignment,
  month: string,
  fullName: string,
): Promise<Timesheet> {
  // Called once the form's declaration is ticked; the name is what may be blank.
  requireValues('submit', { declaration: true, fullName });
  const name = fullName.trim();
  const id = timesheetId(assignment.id, month);
  const shape = timesheetShapeRefusal({ id, assignmentId: assignment.id, month }, false, assignment);
  if (shape) throw new TimesheetWriteError(shape.reasons);
  const logs = (await device.db.logs.find({ selector: { assignmentId: assignment.id } } as never).exec()).map(
    (doc) => doc.toJSON() as DailyLog,
  );
  const snapshot = await monthSnapshot(logs, assignment, month);
  if (snapshot.logs.length === 0) throw new TimesheetWriteError(reason(/*i18n*/ 'rules.timesheet.noDays'));
  const submission = { declaration: true as const, fullName: name, snapshot };
  const doc = await device.db.timesheets.findOne(id).exec();
  if (!doc) {
    return plain(
      await device.db.timesheets.insert({
        id,
        assignmentId: assignment.id,
        month,
        status: 'submitted',
        submission,
      }),
    );
  }
  inStateFor('submit', doc);
  // A returned timesheet keeps its return comment: only the submission may change (TS-3).
  return plain(await doc.incrementalPatch({ status: 'submitted', submission }));
}

export async function approveTimesheet(
  device: DeviceDatabase,
  id: string,
  fullName: string,
  signature?: string,
): Promise<Timesheet> {
  requireValues('approve', { fullName });
  const name = fullName.trim();
  const doc = await existing(device, id);
  inStateFor('approve', doc);
  const hash = doc.submission?.snapshot.hash;
  // An approval signs the submitted hash; a submission always has one (TS-3).
  if (!hash) throw new TimesheetWriteError(reason(/*i18n*/ 'device.timesheet.noSubmission'));
  const approval = signature ? { fullName: name, signature, hash } : { fullName: name, hash };
  return plain(await doc.incrementalPatch({ status: 'approved', approval }));
}

export interface DayComment {
  date: string;
  comment: string;
}

export async function returnTimesheet(
  device: DeviceDatabase,
  id: string,
  comment: string,
  dayComments: readonly DayComment[] = [],
): Promise<Timesheet> {
  requireValues('return', { comment });
  const text = comment.trim();
  const doc = await existing(device, id);
  inStateFor('return', doc);
  const days = dayComments
    .map((day) => ({ date: day.date, comment: day.comment.trim() }))
    .filter((day) => day.comment !== '');
  return plain(
    await doc.incrementalPatch({ status: 'returned', returned: { comment: text, dayComments: days } }),
  );
}

/** An officer's reopening: an approved month goes back to the expert as returned. */
export async function reopenTimesheet(
  device: DeviceDatabase,
  id: string,
  reason: string,
): Promise<Timesheet> {
  requireValues('reopen', { reason });
  const text = reason.trim();
  const doc = await existing(device, id);
  inStateFor('reopen', doc);
  return plain(await doc.incrementalPatch({ status: 'returned', reopened: { reason: text } }));
}
