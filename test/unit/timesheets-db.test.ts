/** Timesheet reads and writes on a real device database (RxDB on Dexie, schema-validated). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { openTestDevice, type TestDevice } from '../helpers/devices';
import {
  approveTimesheet,
  pendingTimesheetIds$,
  reopenTimesheet,
  returnTimesheet,
  submitTimesheet,
  toSign$,
} from '../../src/db/timesheets';
import { recordServerVersions } from '../../src/db/sync-marks';
import { snapshotHash, snapshotLogs } from '../../src/shared/rules/timesheet-rules';
import { checkTimesheetChange } from '../../src/shared/rules/timesheet-workflow';
import type { DailyLog, Timesheet } from '../../src/shared/schemas';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import { revisionOf } from '../../src/shared/sync/revision';
import { anAssignment, expert, officer, supervisor } from '../helpers/builders';
import { refusedWith } from '../helpers/english';

const assignment = anAssignment();
const MONTH = '2025-06';
const ID = timesheetId(assignment.id, MONTH);

function log(id: string, date: string, hours: number, updatedAt?: string): DailyLog {
  return {
    id,
    assignmentId: assignment.id,
    date,
    hours,
    workMode: 'on_site',
    location: '',
    activities: 'Work',
    ktActivities: [],
    notes: '',
    ...(updatedAt ? { updatedAt } : {}),
  };
}

let phone: TestDevice;

beforeEach(async () => {
  phone = await openTestDevice(expert.id, 'http://unused.test');
  await phone.device.db.assignments.insert(assignment);
  await phone.device.db.logs.bulkInsert([
    log('may-31', '2025-05-31', 8, '2025-06-01T10:00:00.000Z'),
    log('jun-02', '2025-06-02', 6, '2025-06-02T18:00:00.000Z'),
    log('jun-03', '2025-06-03', 7.5, '2025-06-03T18:00:00.000Z'),
  ]);
});
afterEach(async () => {
  await phone.device.db.remove();
});

async function stored(): Promise<Timesheet> {
  return (await phone.device.db.timesheets.findOne(ID).exec())!.toJSON() as Timesheet;
}

describe('submitTimesheet', () => {
  it('creates the month with the declaration and a snapshot hash of that month’s logs only', async () => {
    const logs = (await phone.device.db.logs.find().exec()).map((doc) => doc.toJSON() as DailyLog);
    const expected = snapshotLogs(logs, assignment.id, { start: '2025-06-01', end: '2025-06-30' });
    await submitTimesheet(phone.device, assignment, MONTH, '  Amina Expert ');
    const saved = await stored();
    expect(saved.status).toBe('submitted');
    expect(saved.submission?.fullName).toBe('Amina Expert');
    expect(saved.submission?.declaration).toBe(true);
    expect(saved.submission?.snapshot.logs.map((entry) => entry.id)).toEqual(['jun-02', 'jun-03']);
    // Versioned by content, not by the server's updatedAt: the server computes the same offline.
    expect(saved.submission?.snapshot.logs[0]?.version).toBe(
      revisionOf(logs.find((l) => l.id === 'jun-02')!),
    );
    expect(saved.submission?.snapshot.hash).toBe(await snapshotHash(assignment.id, MONTH, expected));
    expect(checkTimesheetChange(expert, assignment, undefined, saved)).toEqual({ ok: true, kind: 'create' });
  });

  it('refuses a month without days and a missing name', async () => {
    expect(await refusedWith(submitTimesheet(phone.device, assignment, '2025-07', 'Amina'))).toMatch(
      'There are no days logged in this month.',
    );
    expect(await refusedWith(submitTimesheet(phone.device, assignment, MONTH, '   '))).toMatch(/full name/);
    expect(await phone.device.db.timesheets.count().exec()).toBe(0);
  });

  it('resubmits a returned month keeping the return comment, as the rules require', async () => {
    await submitTimesheet(phone.device, assignment, MONTH, 'Amina');
    await returnTimesheet(phone.device, ID, 'Fix the 3rd', []);
    const returned = await stored();
    await phone.device.db.logs.upsert(log('jun-03', '2025-06-03', 5, '2025-06-04T09:00:00.000Z'));
    await submitTimesheet(phone.device, assignment, MONTH, 'Amina');
    const again = await stored();
    expect(again.status).toBe('submitted');
    expect(again.returned?.comment).toBe('Fix the 3rd');
    expect(again.submission?.snapshot.hash).not.toBe(returned.submission?.snapshot.hash);
    expect(checkTimesheetChange(expert, assignment, returned, again)).toEqual({ ok: true, kind: 'submit' });
  });
});

describe('decisions', () => {
  beforeEach(async () => {
    await submitTimesheet(phone.device, assignment, MONTH, 'Amina');
  });

  it('approves the submitted hash, with an optional signature', async () => {
    const submitted = await stored();
    await approveTimesheet(phone.device, ID, 'Sam Supervisor', 'M1 1L5 5');
    const approved = await stored();
    expect(approved.status).toBe('approved');
    expect(approved.approval).toEqual({
      fullName: 'Sam Supervisor',
      signature: 'M1 1L5 5',
      hash: submitted.submission?.snapshot.hash,
    });
    expect(checkTimesheetChange(supervisor, assignment, submitted, approved)).toEqual({
      ok: true,
      kind: 'approve',
    });
    expect(await refusedWith(approveTimesheet(phone.device, ID, 'Sam'))).toMatch(/this one is approved/);
  });

  it('returns with a required comment and keeps only written day comments', async () => {
    const submitted = await stored();
    expect(await refusedWith(returnTimesheet(phone.device, ID, '  ', []))).toMatch(
      'Write a comment for the expert.',
    );
    await returnTimesheet(phone.device, ID, 'Hours on the 2nd look high', [
      { date: '2025-06-02', comment: 'Was this a full day?' },
      { date: '2025-06-03', comment: '  ' },
    ]);
    const returned = await stored();
    expect(returned.status).toBe('returned');
    expect(returned.returned).toEqual({
      comment: 'Hours on the 2nd look high',
      dayComments: [{ date: '2025-06-02', comment: 'Was this a full day?' }],
    });
    expect(checkTimesheetChange(supervisor, assignment, submitted, returned)).toEqual({
      ok: true,
      kind: 'return',
    });
  });

  it('reopens only an approved month, with a reason', async () => {
    expect(await refusedWith(reopenTimesheet(phone.device, ID, 'Wrong rate'))).toMatch(
      /this one is submitted/,
    );
    await approveTimesheet(phone.device, ID, 'Sam');
    const approved = await stored();
    expect(await refusedWith(reopenTimesheet(phone.device, ID, ' '))).toMatch(/why/);
    await reopenTimesheet(phone.device, ID, 'Travel day missing');
    const reopened = await stored();
    expect(reopened.status).toBe('returned');
    expect(reopened.reopened).toEqual({ reason: 'Travel day missing' });
    expect(checkTimesheetChange(officer, assignment, approved, reopened)).toEqual({
      ok: true,
      kind: 'reopen',
    });
  });
});

describe('queries', () => {
  it('lists submitted timesheets to sign and tracks which are waiting to sync', async () => {
    await submitTimesheet(phone.device, assignment, MONTH, 'Amina');
    const inbox = await firstValueFrom(toSign$(phone.device).pipe(filter((list) => list.length > 0)));
    expect(inbox.map((timesheet) => timesheet.id)).toEqual([ID]);
    await firstValueFrom(pendingTimesheetIds$(phone.device).pipe(filter((ids) => ids.has(ID))));

    // The server accepts it: its version is now the device's.
    await recordServerVersions(phone.device, 'timesheets', [await stored()]);
    await firstValueFrom(pendingTimesheetIds$(phone.device).pipe(filter((ids) => !ids.has(ID))));

    await approveTimesheet(phone.device, ID, 'Sam');
    await firstValueFrom(toSign$(phone.device).pipe(filter((list) => list.length === 0)));
    await firstValueFrom(pendingTimesheetIds$(phone.device).pipe(filter((ids) => ids.has(ID))));
  });
});
