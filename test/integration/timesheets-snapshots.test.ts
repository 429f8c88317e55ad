/**
 * What a device declares when it submits a month (docs/sync-protocol.md TS-4): the snapshot of its
 * days, checked against the server's, over HTTP and on a simulated device that edits and submits
 * offline. Test names cite the rules.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveLog } from '../../src/db/logs';
import { submitTimesheet } from '../../src/db/timesheets';
import { snapshotHash, snapshotLogs, timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import type { Assignment, DailyLog, Timesheet } from '../../src/shared/schemas';
import { timesheetId, type TimesheetSnapshot } from '../../src/shared/schemas/timesheet.schema';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, expectRefused, expert1Log, useApiServer } from '../helpers/api-client';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, serverReader, startTestServer, type TestServer } from '../helpers/test-server';

type LogDoc = SyncDocument<'logs'>;
type TimesheetDoc = SyncDocument<'timesheets'>;

describe('TS-4 what the device declares before its days reach the server', () => {
  const f = useApiServer();
  const id = () => timesheetId('asg-expert1', f.thisMonth);
  const logsOfMonth = async () =>
    ((await f.pull('expert1', 'logs')) as LogDoc[]).filter(
      (l) => !l._deleted && l.assignmentId === 'asg-expert1' && l.date.slice(0, 7) === f.thisMonth,
    );

  /** The snapshot as a device computes it from the logs it holds, server stamps or not. */
  async function deviceSnapshot(held: readonly DailyLog[]): Promise<TimesheetSnapshot> {
    const period = timesheetPeriod(await f.assignment('asg-expert1'), f.thisMonth)!;
    const logs = snapshotLogs(held, 'asg-expert1', period);
    return { logs, hash: await snapshotHash('asg-expert1', f.thisMonth, logs) };
  }
  const submitting = (snapshot: TimesheetSnapshot, current?: TimesheetDoc): TimesheetDoc => ({
    ...(current ?? { id: id(), assignmentId: 'asg-expert1', month: f.thisMonth, _deleted: false }),
    status: 'submitted',
    submission: { declaration: true, fullName: 'Amina Yusuf', snapshot },
  });

  let dayLog: LogDoc;
  beforeAll(async () => {
    dayLog = expert1Log(f.today, { hours: 4 });
    expect(await f.writeLog(dayLog)).toEqual(ACCEPTED);
  });

  it('TS-4: a log changed after the device computed its snapshot is refused, even when only its notes changed', async () => {
    const snapshot = await deviceSnapshot(await logsOfMonth());
    f.clock.advance(60_000);
    const stored = (await logsOfMonth()).find((l) => l.id === dayLog.id)!;
    // Another device of the expert adds a note: same hours, same day, same work mode.
    expect(await f.writeLog({ ...stored, notes: 'Added on the tablet.' })).toEqual(ACCEPTED);
    expectRefused(
      await f.push('expert1', 'timesheets', [{ newDocumentState: submitting(snapshot) }]),
      'rule',
      /had not reached the server when you submitted; the timesheet is back to draft\./,
    );
    expect(await f.timesheet(id())).toBeUndefined();
  });

  it('TS-4: a day edited and one added offline, then the month submitted offline: accepted once the logs arrive first', async () => {
    const pulled = await logsOfMonth();
    const edited = { ...pulled.find((l) => l.id === dayLog.id)!, hours: 5, notes: 'Borehole 7, Afgooye.' };
    const added = expert1Log(f.today, { hours: 1.5, workMode: 'remote' });
    // The device's copy of the edited log still carries the stamps of its last pull.
    const held = [...pulled.filter((l) => l.id !== edited.id), edited, added];
    const snapshot = await deviceSnapshot(held);

    // Back online: the log replication pushes first, then the timesheet; the server stamps anew.
    f.clock.advance(60_000);
    expect(await f.writeLog(edited)).toEqual(ACCEPTED);
    expect(await f.writeLog(added)).toEqual(ACCEPTED);
    f.clock.advance(1_000);
    expect(await f.push('expert1', 'timesheets', [{ newDocumentState: submitting(snapshot) }])).toEqual(
      ACCEPTED,
    );
    const stored = (await f.timesheet(id()))!;
    expect(stored.status).toBe('submitted');
    expect(stored.submission!.snapshot).toEqual(snapshot);
    expect(stored.history).toMatchObject([{ from: 'draft', to: 'submitted', hash: snapshot.hash }]);
    // A supervisor's device holds the stamped logs: it computes the same hash, and signs it.
    expect(await f.snapshot('asg-expert1', f.thisMonth)).toEqual(snapshot);
    const approval = { fullName: 'Abdirahman Warsame', hash: snapshot.hash };
    expect(await f.decide('supervisor1', { ...stored, status: 'approved', approval })).toEqual(ACCEPTED);
  });

  it('TS-4: a month is still accepted from an app that versions its snapshot by updatedAt', async () => {
    f.clock.advance(60_000);
    const reason = 'Re-sign after the app update.';
    expect(
      await f.decide('officer', { ...(await f.timesheet(id()))!, status: 'returned', reopened: { reason } }),
    ).toEqual(ACCEPTED);
    const period = timesheetPeriod(await f.assignment('asg-expert1'), f.thisMonth)!;
    const logs = snapshotLogs(await logsOfMonth(), 'asg-expert1', period, 'updatedAt');
    expect(logs.every((l) => /^\d{4}-\d{2}-\d{2}T/.test(l.version))).toBe(true);
    const legacy = { logs, hash: await snapshotHash('asg-expert1', f.thisMonth, logs) };
    expect(await f.decide('expert1', submitting(legacy, await f.timesheet(id())))).toEqual(ACCEPTED);
    const stored = (await f.timesheet(id()))!;
    expect(stored.submission!.snapshot).toEqual(legacy);
    // The server recomputed on the basis the device used: on content the hash differs.
    expect((await deviceSnapshot(await logsOfMonth())).hash).not.toBe(legacy.hash);
    const approval = { fullName: 'Abdirahman Warsame', hash: legacy.hash };
    expect(await f.decide('supervisor1', { ...stored, status: 'approved', approval })).toEqual(ACCEPTED);
  });
});

describe('TS-4 on a device: a month edited and submitted offline', () => {
  let server: TestServer;
  let phone: TestDevice;
  let officerReads: ReturnType<typeof serverReader>;

  beforeEach(async () => {
    // No past months: every month of the assignment is open (TS-6).
    server = await startTestServer({ seedPastMonths: false });
    officerReads = serverReader(server.url, 'officer@demo.test');
    phone = await openTestDevice('user-expert1', server.url, 'expert');
    phone.startSync(await login(server.url, 'expert1@demo.test'));
  });
  afterEach(async () => {
    await phone.close();
    await server.close();
  });

  const onServer = async (id: string) => (await officerReads('timesheets')).find((t) => t.id === id);
  const assignmentOnPhone = () =>
    waitUntil(
      async () => (await phone.device.db.assignments.findOne('asg-expert1').exec())?.toJSON() as Assignment,
      'the assignment on the phone',
    );
  const dayOf = (assignment: Assignment, patch: Partial<LogDoc> = {}) => ({
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: assignment.startDate,
    hours: 6,
    workMode: 'on_site' as const,
    location: 'Mogadishu',
    activities: 'Borehole visit',
    ktActivities: [],
    notes: '',
    ...patch,
  });

  /** Saves `day` and waits until the phone holds the server's stamped version, as after any sync. */
  async function savedAndStamped(day: ReturnType<typeof dayOf>) {
    await saveLog(phone.device, day);
    await waitUntil(
      async () => (await phone.device.db.logs.findOne(day.id).exec())?.updatedAt,
      'the log stamped by the server',
    );
  }

  async function expectSubmittedWithoutRefusal(assignment: Assignment, month: string) {
    const id = timesheetId(assignment.id, month);
    const declared = (await phone.device.db.timesheets.findOne(id).exec())!.toJSON() as Timesheet;
    const stored = await waitUntil(
      async () => ((await onServer(id))?.status === 'submitted' ? onServer(id) : undefined),
      'the month submitted on the server',
    );
    expect(stored.submission!.snapshot).toEqual(declared.submission!.snapshot);
    expect(stored.history).toMatchObject([{ from: 'draft', to: 'submitted' }]);
    await waitUntil(() => phone.sync?.state.pendingCount === 0, 'the phone synced');
    expect(await phone.device.db.refusals.count().exec()).toBe(0);
    expect((await phone.device.db.timesheets.findOne(id).exec())?.status).toBe('submitted');
  }

  it('TS-4: a log edited offline and the month submitted offline are submitted on reconnect, not refused', async () => {
    const assignment = await assignmentOnPhone();
    const day = dayOf(assignment);
    await savedAndStamped(day);
    await phone.sync!.awaitInSync();

    await server.stop();
    await saveLog(phone.device, { ...day, hours: 7.5, notes: 'Edited without signal.' });
    const month = day.date.slice(0, 7);
    await submitTimesheet(phone.device, assignment, month, 'Amina Yusuf');
    await server.restart();
    phone.sync!.syncNow();

    await expectSubmittedWithoutRefusal(assignment, month);
  });

  it('TS-4: a day edited and the month submitted at once while online is submitted, not refused', async () => {
    const assignment = await assignmentOnPhone();
    const day = dayOf(assignment);
    await savedAndStamped(day);
    await saveLog(phone.device, { ...day, hours: 3 });
    await submitTimesheet(phone.device, assignment, day.date.slice(0, 7), 'Amina Yusuf');

    await expectSubmittedWithoutRefusal(assignment, day.date.slice(0, 7));
  });
});
