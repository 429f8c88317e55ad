/** Saving an edit of a log on a real device database (RxDB on Dexie, schema-validated). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveLog, saveLogEdit, type LogInput } from '../../src/db/logs';
import { openTestDevice, type TestDevice } from '../helpers/devices';

const log: LogInput = {
  id: 'log-1',
  assignmentId: 'assignment-1',
  date: '2026-11-02',
  hours: 6,
  workMode: 'on_site',
  location: 'Mogadishu',
  activities: 'Borehole visit',
  ktActivities: [],
  notes: '',
};

let tablet: TestDevice;
beforeEach(async () => {
  tablet = await openTestDevice('user-expert1', 'http://unused.test');
  await saveLog(tablet.device, log);
});
afterEach(async () => {
  await tablet.close();
});

const stored = async () => (await tablet.device.db.logs.findOne(log.id).exec())!.toJSON();

describe('saving an edit begun on an older version of the log', () => {
  it('keeps what changed meanwhile and writes only what the user changed', async () => {
    // The edit screen opened on `log`; then a sync brought the phone's notes.
    await saveLog(tablet.device, { ...log, notes: 'Pump 3 needs a new seal.' });
    const clashes = await saveLogEdit(tablet.device, log, { ...log, hours: 7 });
    expect(clashes).toEqual([]);
    expect(await stored()).toMatchObject({ hours: 7, notes: 'Pump 3 needs a new seal.' });
    expect(await tablet.device.db.refusals.count().exec()).toBe(0);
  });

  it('keeps the newer value of a field changed on both sides and sets the user’s version aside', async () => {
    await saveLog(tablet.device, { ...log, activities: 'Borehole visit with the district engineer' });
    const mine = { ...log, hours: 7, activities: 'Borehole visit, typed on the tablet' };
    const clashes = await saveLogEdit(tablet.device, log, mine);
    expect(clashes).toEqual(['activities']);
    expect(await stored()).toMatchObject({
      hours: 7,
      activities: 'Borehole visit with the district engineer',
    });
    const [refusal] = (await tablet.device.db.refusals.find().exec()).map((doc) => doc.toJSON());
    expect(refusal).toMatchObject({ collectionName: 'logs', docId: log.id, code: 'conflict' });
    expect(JSON.parse(refusal!.attempted)).toEqual(mine);
  });

  it('writes the whole form when nothing changed since the edit began', async () => {
    const edited = { ...log, hours: 8, notes: 'Long day', location: 'Afgooye' };
    expect(await saveLogEdit(tablet.device, log, edited)).toEqual([]);
    expect(await stored()).toMatchObject(edited);
  });
});
