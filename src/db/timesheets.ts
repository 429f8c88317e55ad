/**
 * Reading and writing timesheets on the device. A decision is a local change of the document
 * (it works offline); replication pushes it and the server, which checks everything again,
 * writes the history.
 */
import { map, type Observable } from 'rxjs';
import {
  snapshotHash,
  snapshotLogs,
  timesheetPeriod,
  type SnapshotBasis,
} from '../shared/rules/timesheet-rules';
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

export class TimesheetWriteError extends Error {}

async function existing(device: DeviceDatabase, id: string) {
  const doc = await device.db.timesheets.findOne(id).exec();
  if (!doc) throw new TimesheetWriteError('This timesheet is not on this device.');
  return doc;
}

function required(text: string, message: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new TimesheetWriteError(message);
  return trimmed;
}

export async function submitTimesheet(
  device: DeviceDatabase,
  assignment: Assignment,
  month: string,
  fullName: string,
): Promise<Timesheet> {
  const name = required(fullName, 'Type your full name to sign the declaration.');
  const id = timesheetId(assignment.id, month);
  const logs = (await device.db.logs.find({ selector: { assignmentId: assignment.id } } as never).exec()).map(
    (doc) => doc.toJSON() as DailyLog,
  );
  const snapshot = await monthSnapshot(logs, assignment, month);
  if (snapshot.logs.length === 0) throw new TimesheetWriteError('There are no days logged in this month.');
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
  if (doc.status !== 'draft' && doc.status !== 'returned') {
    throw new TimesheetWriteError(`This timesheet is already ${doc.status}.`);
  }
  // A returned timesheet keeps its return comment: only the submission may change (TS rules).
  return plain(await doc.incrementalPatch({ status: 'submitted', submission }));
}

export async function approveTimesheet(
  device: DeviceDatabase,
  id: string,
  fullName: string,
  signature?: string,
): Promise<Timesheet> {
  const name = required(fullName, 'Type your full name to approve.');
  const doc = await existing(device, id);
  const hash = doc.submission?.snapshot.hash;
  if (doc.status !== 'submitted' || !hash) {
    throw new TimesheetWriteError(`Only a submitted timesheet can be approved; this one is ${doc.status}.`);
  }
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
  const text = required(comment, 'Write a comment for the expert.');
  const doc = await existing(device, id);
  if (doc.status !== 'submitted') {
    throw new TimesheetWriteError(`Only a submitted timesheet can be returned; this one is ${doc.status}.`);
  }
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
  const text = required(reason, 'Write why the timesheet is reopened.');
  const doc = await existing(device, id);
  if (doc.status !== 'approved') {
    throw new TimesheetWriteError(`Only an approved timesheet can be reopened; this one is ${doc.status}.`);
  }
  return plain(await doc.incrementalPatch({ status: 'returned', reopened: { reason: text } }));
}
