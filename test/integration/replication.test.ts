/**
 * Real device databases (RxDB on Dexie over fake-indexeddb) replicating with the real sync server
 * in-process on SQLite. Test names cite the rules of docs/sync-protocol.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { saveLog, type LogInput } from '../../src/db/logs';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
const devices: TestDevice[] = [];

beforeEach(async () => {
  // The logs below are on the assignment's first days, which the demo's past timesheets would lock.
  server = await startTestServer({ seedPastMonths: false });
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((device) => device.close()));
  await server.close();
});

async function signedInDevice(email: string, userId: string): Promise<TestDevice> {
  const device = await openTestDevice(
    userId,
    server.url,
    userId.includes('supervisor') ? 'supervisor' : 'expert',
  );
  devices.push(device);
  device.startSync(await login(server.url, email));
  return device;
}

async function assignmentOn(device: TestDevice, id: string): Promise<Assignment> {
  return waitUntil(
    async () => (await device.device.db.assignments.findOne(id).exec())?.toJSON() as Assignment | undefined,
    `assignment ${id} on the device`,
  );
}

function newLog(assignment: Assignment, dayOffset: number, patch: Partial<LogInput> = {}): LogInput {
  return {
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: addDays(assignment.startDate, dayOffset),
    hours: 6,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Reviewed borehole maintenance records with the water unit.',
    ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
    notes: '',
    ...patch,
  };
}

async function serverLogs(token: string): Promise<DailyLog[]> {
  const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { documents: DailyLog[] }).documents;
}

describe('replication between devices and the sync server', () => {
  it('SP-1 SP-7: a log saved on the expert device reaches the server and the supervisor device live', async () => {
    const expert = await signedInDevice('expert1@demo.test', 'user-expert1');
    const supervisor = await signedInDevice('supervisor1@demo.test', 'user-supervisor1');
    const assignment = await assignmentOn(expert, 'asg-expert1');
    await assignmentOn(supervisor, 'asg-expert1');

    const log = newLog(assignment, 1, { activities: 'Trained two technicians on chlorination dosing.' });
    await saveLog(expert.device, log);
    await waitUntil(() => expert.sync?.state.pendingCount === 1, 'one pending change');

    const onSupervisor = await waitUntil(
      async () => (await supervisor.device.db.logs.findOne(log.id).exec())?.toJSON() as DailyLog | undefined,
      'the log on the supervisor device',
    );
    expect(onSupervisor.activities).toBe('Trained two technicians on chlorination dosing.');
    expect(onSupervisor.authorId).toBe('user-expert1');
    await waitUntil(() => expert.sync?.state.pendingCount === 0, 'no pending change after sync');
    expect(expert.sync?.state.lastSyncAt).not.toBeNull();
  });

  it('says "synced" only once every collection has had its first pull, not after the first one', async () => {
    const token = await login(server.url, 'expert1@demo.test');
    const onServer = (await serverLogs(token)).length;
    expect(onServer, 'the demo expert has logs on the server').toBeGreaterThan(0);
    const device = await openTestDevice('user-expert1', server.url);
    devices.push(device);
    const sync = device.startSync(token);
    // The moment the state first says synced, count what the device holds.
    const countedWhenSynced = new Promise<number>((resolve) => {
      const subscription = sync.state$.subscribe((state) => {
        if (state.lastSyncAt === null) return;
        queueMicrotask(() => subscription.unsubscribe());
        resolve(device.device.db.logs.count().exec());
      });
    });
    expect(await countedWhenSynced).toBe(onServer);
  });

  it('SP-1 SP-3 SP-4: two devices that wrote while the server was down converge after it restarts', async () => {
    const phone = await signedInDevice('expert1@demo.test', 'user-expert1');
    const tablet = await signedInDevice('expert1@demo.test', 'user-expert1');
    const assignment = await assignmentOn(phone, 'asg-expert1');
    const shared = newLog(assignment, 2, { hours: 5, notes: '' });
    await saveLog(phone.device, shared);
    await waitUntil(
      async () => (await tablet.device.db.logs.findOne(shared.id).exec()) !== null,
      'shared log on tablet',
    );

    await server.stop();
    const fromPhone = newLog(assignment, 3, { activities: 'Phone: drafted the O&M manual outline.' });
    const fromTablet = newLog(assignment, 4, { activities: 'Tablet: workshop on tariff setting.' });
    await saveLog(phone.device, fromPhone);
    await saveLog(tablet.device, fromTablet);
    // Different fields of the same log on each device: both edits must survive (three-way merge).
    await saveLog(phone.device, { ...shared, hours: 7.5 });
    await saveLog(tablet.device, { ...shared, notes: 'Generator broke down at noon.' });
    await waitUntil(() => phone.sync?.state.pendingCount === 2, 'two pending changes on the phone');
    await waitUntil(() => tablet.sync?.state.pendingCount === 2, 'two pending changes on the tablet');

    await server.restart();
    for (const device of [phone, tablet]) device.sync?.syncNow();

    const expected = async (device: TestDevice) => {
      const ids = (await device.device.db.logs.find().exec()).map((doc) => doc.primary);
      const merged = (await device.device.db.logs.findOne(shared.id).exec())?.toJSON();
      return (
        ids.includes(fromPhone.id) &&
        ids.includes(fromTablet.id) &&
        merged?.hours === 7.5 &&
        merged?.notes === 'Generator broke down at noon.'
      );
    };
    await waitUntil(() => expected(phone), 'the phone to converge', 40_000);
    await waitUntil(() => expected(tablet), 'the tablet to converge', 40_000);
    await waitUntil(
      () => phone.sync?.state.pendingCount === 0 && tablet.sync?.state.pendingCount === 0,
      'all synced',
    );

    const onServer = await serverLogs(await login(server.url, 'supervisor1@demo.test'));
    const serverShared = onServer.find((log) => log.id === shared.id);
    expect(serverShared).toMatchObject({ hours: 7.5, notes: 'Generator broke down at noon.' });
    expect(onServer.map((log) => log.id)).toEqual(expect.arrayContaining([fromPhone.id, fromTablet.id]));
    // Neither device set anything aside: there was no real clash.
    expect(await phone.device.db.refusals.count().exec()).toBe(0);
    expect(await tablet.device.db.refusals.count().exec()).toBe(0);
  });

  it('SP-3: when both devices change the same field the server version wins and the other is set aside', async () => {
    const phone = await signedInDevice('expert1@demo.test', 'user-expert1');
    const tablet = await signedInDevice('expert1@demo.test', 'user-expert1');
    const assignment = await assignmentOn(phone, 'asg-expert1');
    const log = newLog(assignment, 5);
    await saveLog(phone.device, log);
    await waitUntil(
      async () => (await tablet.device.db.logs.findOne(log.id).exec()) !== null,
      'log on tablet',
    );

    // The tablet is out of coverage while the phone syncs its edit first.
    await tablet.sync?.stop();
    await saveLog(phone.device, { ...log, activities: 'Phone version of the day.' });
    await saveLog(tablet.device, { ...log, activities: 'Tablet version of the day.' });
    await waitUntil(() => phone.sync?.state.pendingCount === 0, 'phone synced first');
    tablet.startSync(await login(server.url, 'expert1@demo.test'));

    const refusal = await waitUntil(
      async () => (await tablet.device.db.refusals.find().exec())[0],
      'set-aside version',
    );
    expect(refusal.code).toBe('conflict');
    expect(JSON.parse(refusal.attempted).activities).toBe('Tablet version of the day.');
    await waitUntil(
      async () =>
        (await tablet.device.db.logs.findOne(log.id).exec())?.activities === 'Phone version of the day.',
      'tablet to take the server version',
    );
  });

  it('SP-6: a refused write reverts on the device and the typed text is kept with the reason', async () => {
    const expert = await signedInDevice('expert1@demo.test', 'user-expert1');
    const assignment = await assignmentOn(expert, 'asg-expert1');
    // The form would stop this; a device with a wrong clock or an old version might not.
    const tooLong = newLog(assignment, 6, { hours: 24 });
    const sameDay = newLog(assignment, 6, { hours: 3, activities: 'Evening session with the interns.' });
    await saveLog(expert.device, tooLong);
    await waitUntil(() => expert.sync?.state.pendingCount === 0, 'first log synced');
    await saveLog(expert.device, sameDay);

    const refusal = await waitUntil(
      async () => (await expert.device.db.refusals.find().exec())[0],
      'the refusal',
    );
    expect(refusal.code).toBe('rule');
    expect(refusal.message).toMatch(/24 hours/);
    expect(JSON.parse(refusal.attempted).activities).toBe('Evening session with the interns.');
    await waitUntil(async () => (await expert.device.db.logs.findOne(sameDay.id).exec()) === null, 'revert');
    await waitUntil(() => expert.sync?.state.pendingCount === 0, 'nothing left pending');
  });

  it('SP-11: a revoked token asks for a new sign-in, keeps the local change and syncs it afterwards', async () => {
    const expert = await signedInDevice('expert1@demo.test', 'user-expert1');
    const assignment = await assignmentOn(expert, 'asg-expert1');
    const token = await login(server.url, 'expert1@demo.test');
    await expert.sync?.stop();
    expert.startSync(token);
    await waitUntil(() => expert.sync?.state.connection === 'online', 'online with the second token');
    await fetch(`${server.url}${API_PATHS.logout}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });

    const log = newLog(assignment, 7, { activities: 'Written after the token was revoked.' });
    await saveLog(expert.device, log);
    await waitUntil(() => expert.sync?.state.authRequired === true, 'the sign-in request');
    expect(expert.sync?.state.pendingCount).toBe(1);
    expect(await expert.device.db.logs.findOne(log.id).exec()).not.toBeNull();

    await expert.sync?.stop();
    expert.startSync(await login(server.url, 'expert1@demo.test'));
    await waitUntil(() => expert.sync?.state.pendingCount === 0, 'the change synced after sign-in');
    const onServer = await serverLogs(await login(server.url, 'officer@demo.test'));
    expect(onServer.find((entry) => entry.id === log.id)?.activities).toBe(
      'Written after the token was revoked.',
    );
  });
});
