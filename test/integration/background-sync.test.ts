/**
 * The one-shot pass the service worker runs on a `sync` event, in Node against the real server:
 * it must finish (fail fast) when the server is unreachable, so the browser can retry the event,
 * and deliver pending logs when the server is back.
 */
import { afterEach, expect, it } from 'vitest';
import { syncOnce } from '../../src/sync/background-sync';
import { saveLog } from '../../src/db/logs';
import { addDays } from '../../src/shared/dates';
import { openTestDevice, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let device: TestDevice;
afterEach(async () => {
  await device?.close();
  await server?.close();
});

it('a background pass fails promptly while the server is down and pushes the pending log once it is back', async () => {
  server = await startTestServer({ seedPastMonths: false });
  device = await openTestDevice('user-expert1', server.url);
  const token = await login(server.url, 'expert1@demo.test');
  const options = { baseUrl: server.url, token, role: 'expert' as const };
  await syncOnce(device.device, options);
  const assignment = (await device.device.db.assignments.findOne('asg-expert1').exec())!.toJSON();

  await server.stop();
  const log = {
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: addDays(assignment.startDate, 1),
    hours: 3,
    workMode: 'remote' as const,
    location: '',
    activities: 'Reviewed the draft water act remotely.',
    ktActivities: [],
    notes: '',
  };
  await saveLog(device.device, log);
  await expect(syncOnce(device.device, options)).rejects.toThrow();

  await server.restart();
  await syncOnce(device.device, options);
  const response = await fetch(`${server.url}/api/sync/logs/pull?limit=500`, {
    headers: { authorization: `Bearer ${await login(server.url, 'supervisor1@demo.test')}` },
  });
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  expect(documents.map((doc) => doc.id)).toContain(log.id);
});
