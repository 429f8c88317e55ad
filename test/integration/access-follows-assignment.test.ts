/**
 * SP-15 with two real devices (the app's replication on the device database): an officer's device
 * puts a host supervisor on an assignment, and the supervisor's phone — synced long before, so its
 * checkpoints are past the whole history — receives the assignment with all its logs, timesheets
 * and reports. Taken off again, the phone drops them, keeping a decision it had not sent yet among
 * its refusals with the server's reason.
 */
import { describe, expect, it } from 'vitest';
import { approveTimesheet } from '../../src/db/timesheets';
import type { ReplicatedCollectionName } from '../../src/shared/schemas';
import { useDevicesServer, waitUntil, type TestDevice } from '../helpers/devices';

const ASSIGNMENT = 'asg-expert1';
const HISTORY: ReplicatedCollectionName[] = ['logs', 'timesheets', 'reports'];

const fixture = useDevicesServer();

async function signedIn(userId: string, email: string, role: 'supervisor' | 'officer') {
  const device = await fixture.open(userId, role);
  await fixture.goOnline(device, email);
  await device.sync!.awaitInSync();
  return device;
}

/** Ids of the assignment's documents this device holds, per collection. */
async function heldOf(device: TestDevice): Promise<Record<string, string[]>> {
  const held: Record<string, string[]> = {};
  const assignment = await device.device.db.assignments.findOne(ASSIGNMENT).exec();
  held.assignments = assignment ? [assignment.id] : [];
  for (const collection of HISTORY) {
    const docs = await device.device.db[collection].find({ selector: { assignmentId: ASSIGNMENT } }).exec();
    held[collection] = docs.map((doc) => doc.primary).sort();
  }
  return held;
}

async function serverHistory(): Promise<Record<string, string[]>> {
  const held: Record<string, string[]> = { assignments: [ASSIGNMENT] };
  const docs = await fixture.server.storage.documentsOfAssignment(ASSIGNMENT);
  for (const collection of HISTORY) {
    held[collection] = docs
      .filter((doc) => doc.collection === collection)
      .map((doc) => doc.id)
      .sort();
  }
  return held;
}

async function setSupervisors(officer: TestDevice, ids: string[], names: string[]) {
  const doc = await officer.device.db.assignments.findOne(ASSIGNMENT).exec();
  // supervisor2 belongs to another host institution (PE-11): the assignment keeps its typed
  // institution without the document's id, so AS-8 does not apply and this file tests access only.
  await doc!.incrementalModify((current) => {
    const { institutionId: _institutionId, ...rest } = current;
    return { ...rest, supervisorIds: ids, supervisorNames: names } as typeof current;
  });
  await officer.sync!.awaitInSync();
}

describe('access follows the assignment (SP-15)', () => {
  it('a supervisor added later receives the whole history; removed, the phone drops it', async () => {
    const officer = await signedIn('user-officer', 'officer@demo.test', 'officer');
    const phone = await signedIn('user-supervisor2', 'supervisor2@demo.test', 'supervisor');
    expect(Object.values(await heldOf(phone)).flat()).toEqual([]);
    const history = await serverHistory();
    expect(history.logs!.length).toBeGreaterThan(5);
    expect(history.timesheets!.length).toBeGreaterThan(0);

    // Added while the phone is offline: it catches up by pull, its checkpoints past all of it.
    await phone.sync!.stop();
    await setSupervisors(
      officer,
      ['user-supervisor1', 'user-supervisor2'],
      ['Abdirahman Warsame', 'Ngozi Adeyemi'],
    );
    await fixture.goOnline(phone, 'supervisor2@demo.test');
    await waitUntil(
      async () => JSON.stringify(await heldOf(phone)) === JSON.stringify(history),
      'the whole history on the added supervisor’s phone',
    );

    // Removed while the phone is online: the live stream makes it pull, and it drops everything.
    await setSupervisors(officer, ['user-supervisor1'], ['Abdirahman Warsame']);
    await waitUntil(
      async () => Object.values(await heldOf(phone)).flat().length === 0,
      'the assignment gone from the removed supervisor’s phone',
    );
    // Its own assignment stays.
    expect(await phone.device.db.assignments.findOne('asg-expert2').exec()).not.toBeNull();
    // Only that assignment's documents moved: the officer holds each once, as on the fixture.server.
    expect(await officer.device.db.logs.count().exec()).toBe(
      (
        await fixture.server.storage.pullDocuments({
          collection: 'logs',
          afterSeq: 0,
          assignmentIds: 'all',
          limit: 10_000,
        })
      ).filter((doc) => !doc.deleted).length,
    );
  });

  it('added and removed while the phone stays online, both on the stream', async () => {
    const officer = await signedIn('user-officer', 'officer@demo.test', 'officer');
    const phone = await signedIn('user-supervisor2', 'supervisor2@demo.test', 'supervisor');
    const history = await serverHistory();
    await setSupervisors(
      officer,
      ['user-supervisor1', 'user-supervisor2'],
      ['Abdirahman Warsame', 'Ngozi Adeyemi'],
    );
    await waitUntil(
      async () => JSON.stringify(await heldOf(phone)) === JSON.stringify(history),
      'the whole history on the added supervisor’s phone',
    );
    await setSupervisors(officer, ['user-supervisor1'], ['Abdirahman Warsame']);
    await waitUntil(
      async () => Object.values(await heldOf(phone)).flat().length === 0,
      'the assignment gone from the removed supervisor’s phone',
    );
  });

  it('a decision typed before the removal reached the phone is kept with the reason, and the rest dropped', async () => {
    const officer = await signedIn('user-officer', 'officer@demo.test', 'officer');
    await setSupervisors(
      officer,
      ['user-supervisor1', 'user-supervisor2'],
      ['Abdirahman Warsame', 'Ngozi Adeyemi'],
    );
    const phone = await signedIn('user-supervisor2', 'supervisor2@demo.test', 'supervisor');
    const submitted = await waitUntil(
      async () =>
        (
          await phone.device.db.timesheets
            .find({ selector: { assignmentId: ASSIGNMENT, status: 'submitted' } })
            .exec()
        )[0],
      'a submitted timesheet of the assignment on the phone',
    );

    await phone.sync!.stop();
    await approveTimesheet(phone.device, submitted.id, 'Ngozi Adeyemi');
    await setSupervisors(officer, ['user-supervisor1'], ['Abdirahman Warsame']);
    await fixture.goOnline(phone, 'supervisor2@demo.test');

    await waitUntil(
      async () => Object.values(await heldOf(phone)).flat().length === 0,
      'the assignment gone from the removed supervisor’s phone',
    );
    const refusals = await phone.device.db.refusals.find().exec();
    const kept = refusals.find((refusal) => refusal.docId === submitted.id);
    expect(kept?.message).toMatch(/assignments you work on or supervise/);
    expect(JSON.parse(kept!.attempted)).toMatchObject({
      status: 'approved',
      approval: { fullName: 'Ngozi Adeyemi' },
    });
    // The server never took the decision.
    expect((await fixture.server.storage.getDocument('timesheets', submitted.id))?.data.status).toBe(
      'submitted',
    );
  });
});
