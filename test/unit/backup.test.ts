import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName, createBackup, restoreBackup } from '../../src/db/backup';
import { deleteLog, saveLog, type LogInput } from '../../src/db/logs';
import { recordServerVersions } from '../../src/db/sync-marks';
import type { DeviceDatabase } from '../../src/db/database';
import { openTestDevice, type TestDevice } from '../helpers/devices';
import { englishOf, refusedWith } from '../helpers/english';
import type { Reason } from '../../src/shared/reasons';

const devices: TestDevice[] = [];
afterEach(async () => {
  await Promise.all(devices.splice(0).map((device) => device.close()));
});

const refusalsOf = async (phone: DeviceDatabase) =>
  (await phone.db.refusals.find().exec()).map((doc) => doc.toJSON());

/** `phone` has pulled `doc` from the server. */
async function pulled(phone: DeviceDatabase, doc: LogInput) {
  await saveLog(phone, doc);
  await recordServerVersions(phone, 'logs', [{ ...doc, _deleted: false }]);
}

async function device(userId = 'user-1') {
  const opened = await openTestDevice(userId, 'http://unused.invalid');
  devices.push(opened);
  return opened.device;
}

const log = (id: string, activities: string): LogInput => ({
  id,
  assignmentId: 'asg-1',
  date: '2026-11-02',
  hours: 2,
  workMode: 'on_site',
  location: 'Garowe',
  activities,
  ktActivities: [],
  notes: '',
});

describe('backup file of unsynced changes', () => {
  it('round-trips the unsynced logs, and only those, to another device of the same user', async () => {
    const phone = await device();
    await saveLog(phone, log('synced', 'Already on the server'));
    await recordServerVersions(phone, 'logs', [
      { ...log('synced', 'Already on the server'), _deleted: false },
    ]);
    await saveLog(phone, log('unsynced', 'Only on this phone'));

    const backup = await createBackup(phone, new Date('2026-11-05T08:30:00Z'));
    expect(backup.documents.logs?.map((doc) => doc.id)).toEqual(['unsynced']);
    expect(backupFileName(backup)).toBe('fieldbook-backup-2026-11-05-08-30.json');

    const newPhone = await device();
    const result = await restoreBackup(newPhone, JSON.stringify(backup));
    expect(result).toEqual({ restored: 1, refused: 0 });
    expect((await newPhone.db.logs.findOne('unsynced').exec())?.activities).toBe('Only on this phone');
  });

  it('keeps a change made on the new device since, and refuses files that are not its user’s backup', async () => {
    const phone = await device();
    await saveLog(phone, log('shared', 'From the old phone'));
    const backup = JSON.stringify(await createBackup(phone));
    // The open-source RxDB allows 13 collections in a process: one simulated phone at a time.
    await devices.shift()?.close();

    const newPhone = await device();
    await saveLog(newPhone, log('shared', 'Typed again on the new phone'));
    expect(await restoreBackup(newPhone, backup)).toEqual({ restored: 0, refused: 1 });
    expect((await newPhone.db.logs.findOne('shared').exec())?.activities).toBe(
      'Typed again on the new phone',
    );
    // The backup's version is not dropped: it waits for the user with the reason.
    const [kept] = await refusalsOf(newPhone);
    expect(JSON.parse(kept!.attempted).activities).toBe('From the old phone');
    expect(englishOf(kept!.reasons as Reason[])).toMatch(/this phone has its own unsynced change/);

    expect(await refusedWith(restoreBackup(newPhone, 'not json'))).toMatch('not a Fieldbook backup');
    expect(await refusedWith(restoreBackup(newPhone, '{"format":"other"}'))).toMatch(
      'not a Fieldbook backup',
    );
    await devices.shift()?.close();
    const otherUser = await device('user-2');
    expect(await refusedWith(restoreBackup(otherUser, backup))).toMatch('belongs to another user');
  });

  it('merges a change with what the server got since the backup, and sets aside a field changed on both', async () => {
    const synced = log('visit', 'Borehole visit');
    const phone = await device();
    await pulled(phone, synced);
    await saveLog(phone, { ...synced, hours: 5, activities: 'Borehole visit and pump repair' });
    const backup = JSON.stringify(await createBackup(phone));
    await devices.shift()?.close();

    // Meanwhile a tablet changed the notes, and the activities, on the server.
    const newPhone = await device();
    await pulled(newPhone, { ...synced, notes: 'Seal ordered', activities: 'Borehole visit (tablet)' });
    expect(await restoreBackup(newPhone, backup)).toEqual({ restored: 0, refused: 1 });
    expect((await newPhone.db.logs.findOne('visit').exec())?.toJSON()).toMatchObject({
      hours: 5,
      notes: 'Seal ordered',
      activities: 'Borehole visit (tablet)',
    });
    const [kept] = await refusalsOf(newPhone);
    expect(JSON.parse(kept!.attempted).activities).toBe('Borehole visit and pump repair');
    expect(englishOf(kept!.reasons as Reason[])).toMatch(/activities also changed on the server/);
  });

  it('never undoes a deletion: one made on the new phone since, or one the server made', async () => {
    const synced = log('visit', 'Borehole visit');
    const gone = log('gone', 'Deleted on the server');
    const phone = await device();
    await pulled(phone, synced);
    await pulled(phone, gone);
    await saveLog(phone, { ...synced, notes: 'Typed offline' });
    await saveLog(phone, { ...gone, notes: 'Typed offline too' });
    const backup = JSON.stringify(await createBackup(phone));
    await devices.shift()?.close();

    const newPhone = await device();
    await pulled(newPhone, synced);
    await deleteLog(newPhone, 'visit');
    await recordServerVersions(newPhone, 'logs', [{ ...gone, _deleted: true }]);
    expect(await restoreBackup(newPhone, backup)).toEqual({ restored: 0, refused: 2 });
    expect(await newPhone.db.logs.findOne('visit').exec()).toBeNull();
    expect(await newPhone.db.logs.findOne('gone').exec()).toBeNull();
    expect((await refusalsOf(newPhone)).map((kept) => englishOf(kept.reasons as Reason[])).sort()).toEqual([
      'From a backup file: it was deleted on the server since the backup was made.',
      'From a backup file: it was deleted on this phone since.',
    ]);
  });

  it('restores a change whose document the server has not changed since', async () => {
    const synced = log('visit', 'Borehole visit');
    const phone = await device();
    await pulled(phone, synced);
    await saveLog(phone, { ...synced, notes: 'Typed offline' });
    const backup = JSON.stringify(await createBackup(phone));
    await devices.shift()?.close();

    const newPhone = await device();
    await pulled(newPhone, synced);
    expect(await restoreBackup(newPhone, backup)).toEqual({ restored: 1, refused: 0 });
    expect((await newPhone.db.logs.findOne('visit').exec())?.notes).toBe('Typed offline');
    expect(await refusalsOf(newPhone)).toEqual([]);
  });
});
