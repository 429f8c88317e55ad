import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { deleteLog, saveLog, type LogInput } from '../../src/db/logs';
import { pendingChanges$, recordServerVersions } from '../../src/db/sync-marks';
import { openTestDevice, type TestDevice } from '../helpers/devices';

let device: TestDevice;
afterEach(async () => device?.close());

const log: LogInput = {
  id: 'log-1',
  assignmentId: 'asg-1',
  date: '2026-11-02',
  hours: 6,
  workMode: 'remote',
  location: '',
  activities: 'Reviewed the draft policy',
  ktActivities: [],
  notes: '',
};

const pendingCount = (expected: number) =>
  firstValueFrom(pendingChanges$(device.device).pipe(filter((pending) => pending.count === expected)));

describe('pending changes', () => {
  it('counts a new log until the server version is recorded, and not for server stamps', async () => {
    device = await openTestDevice('user-1', 'http://unused.invalid');
    await saveLog(device.device, log);
    const pending = await pendingCount(1);
    expect(pending.oldestAt).toBeGreaterThan(0);

    // The server stamps author and times: the user's content is the same, so nothing is pending.
    await recordServerVersions(device.device, 'logs', [
      { ...log, authorId: 'user-1', createdAt: 'x', updatedAt: 'y', _deleted: false },
    ]);
    expect((await pendingCount(0)).oldestAt).toBeNull();

    await saveLog(device.device, { ...log, hours: 7 });
    await pendingCount(1);
  });

  it('counts a local deletion of a synced log as pending', async () => {
    device = await openTestDevice('user-1', 'http://unused.invalid');
    await saveLog(device.device, log);
    await recordServerVersions(device.device, 'logs', [{ ...log, _deleted: false }]);
    await pendingCount(0);
    await deleteLog(device.device, log.id);
    await pendingCount(1);
    await recordServerVersions(device.device, 'logs', [{ ...log, _deleted: true }]);
    await pendingCount(0);
  });

  it('counts every replicated collection, timesheets included', async () => {
    device = await openTestDevice('user-1', 'http://unused.invalid');
    const timesheet = {
      id: 'asg-1:2026-11',
      assignmentId: 'asg-1',
      month: '2026-11',
      status: 'draft' as const,
    };
    // Pulled from the server: stored and marked, so nothing is pending.
    await device.device.db.timesheets.insert(timesheet);
    await recordServerVersions(device.device, 'timesheets', [{ ...timesheet, _deleted: false }]);
    await pendingCount(0);
    await device.device.db.timesheets.upsert({ ...timesheet, status: 'submitted' });
    await pendingCount(1);
  });

  it('does not count a mark whose document was never written here (a pull cut short by a reload)', async () => {
    device = await openTestDevice('user-1', 'http://unused.invalid');
    await saveLog(device.device, log);
    // The pull handler marks a batch before RxDB writes it; a reload in between leaves marks alone.
    await recordServerVersions(device.device, 'logs', [
      { ...log, _deleted: false },
      { ...log, id: 'log-pulled-1', _deleted: false },
      { ...log, id: 'log-pulled-2', _deleted: false },
    ]);
    expect((await pendingCount(0)).oldestAt).toBeNull();
  });

  it('counts what the database held before the count was first asked for, deletions included', async () => {
    device = await openTestDevice('user-1', 'http://unused.invalid');
    await saveLog(device.device, log);
    await saveLog(device.device, { ...log, id: 'log-2' });
    await saveLog(device.device, { ...log, id: 'log-3' });
    await recordServerVersions(device.device, 'logs', [
      { ...log, _deleted: false },
      { ...log, id: 'log-2', _deleted: false },
    ]);
    await deleteLog(device.device, 'log-2');
    // log-2 deleted (the server has it live), log-3 new; log-1 is on the server as it is here.
    await pendingCount(2);
    await saveLog(device.device, { ...log, hours: 8 });
    await pendingCount(3);
  });
});
