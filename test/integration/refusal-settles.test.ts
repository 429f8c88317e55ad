/**
 * A refused write settles: the device keeps the typed text once, goes back to what the server
 * holds and stops pushing. Found by the convergence fuzz (test/fuzz, seeds pinned there); here on
 * the real device database and replication.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { saveLog, type LogInput } from '../../src/db/logs';
import { previousMonth } from '../../sync-server/src/seed';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let expert: TestDevice;

beforeEach(async () => {
  // With the past months: expert1's last month is submitted, so its days are locked (TS-6).
  server = await startTestServer();
  expert = await openTestDevice('user-expert1', server.url, 'expert');
});
afterEach(async () => {
  await expert.close();
  await server.close();
});

function log(date: string, activities: string): LogInput {
  return {
    id: crypto.randomUUID(),
    assignmentId: 'asg-expert1',
    date,
    hours: 2,
    workMode: 'remote',
    location: 'Mogadishu',
    activities,
    ktActivities: [],
    notes: '',
  };
}

describe('a refused write settles on the device', () => {
  it('SP-6 TS-6: a new log refused for a locked month is kept aside once and not pushed again', async () => {
    const token = await login(server.url, 'expert1@demo.test');
    const sync = expert.startSync(token);
    const assignment = await waitUntil(
      async () => (await expert.device.db.assignments.findOne('asg-expert1').exec())?.toJSON() as Assignment,
      'the assignment on the device',
    );
    await sync.awaitInSync();
    const today = new Date().toISOString().slice(0, 10);
    const locked = `${previousMonth(today.slice(0, 7))}-12`;
    // A phone that logged the day before it heard the month was submitted on another device.
    const refused = log(locked, 'Typed before the month was submitted elsewhere.');
    await saveLog(expert.device, refused);
    await waitUntil(async () => (await expert.device.db.refusals.count().exec()) > 0, 'the refusal');
    await waitUntil(async () => (await expert.device.db.logs.findOne(refused.id).exec()) === null, 'revert');

    // A later change goes through behind it: the replication has moved on.
    // Today is in the open current month (the demo assignment runs to today + 18).
    expect(today <= assignment.endDate).toBe(true);
    const open = log(today, 'An open day.');
    await saveLog(expert.device, open);
    await waitUntil(async () => {
      const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { documents } = (await response.json()) as { documents: DailyLog[] };
      return documents.some((doc) => doc.id === open.id);
    }, 'the later log on the server');
    await sync.awaitInSync();

    const refusals = await expert.device.db.refusals.find().exec();
    expect(refusals.map((refusal) => refusal.docId)).toEqual([refused.id]);
    expect(JSON.parse(refusals[0]!.attempted).activities).toBe(refused.activities);
  });
});
