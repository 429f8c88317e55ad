/**
 * The one-shot pass the service worker runs on a `sync` event, in Node against the real server:
 * it must finish (fail fast) when the server is unreachable, so the browser can retry the event,
 * and deliver pending logs when the server is back; and it gives way to a window of the app.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { PassInterrupted, syncOnce } from '../../src/sync/background-sync';
import { saveLog } from '../../src/db/logs';
import { addDays } from '../../src/shared/dates';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let device: TestDevice;
afterEach(async () => {
  await device?.close();
  await server?.close();
  // Each test opens its own; none is closed twice.
  [device, server] = [undefined as never, undefined as never];
});

it('a background pass fails promptly while the server is down and pushes the pending log once it is back', async () => {
  const { options, assignment } = await expertDeviceAfterFirstPass();

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
  expect(await serverLogIds()).toContain(log.id);
});

it('a background pass stops before the next collection once a window waits to sync', async () => {
  const { options, assignment } = await expertDeviceAfterFirstPass();
  const log = {
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: addDays(assignment.startDate, 2),
    hours: 2,
    workMode: 'on_site' as const,
    location: 'Kabul',
    activities: 'Walked the pump station with the operators.',
    ktActivities: [],
    notes: '',
  };
  await saveLog(device.device, log);

  // A window starts waiting while the pass does its first collection (assignments).
  let checks = 0;
  const windowWaiting = async () => ++checks > 1;
  await expect(syncOnce(device.device, { ...options, windowWaiting })).rejects.toThrow(PassInterrupted);
  expect(await serverLogIds()).not.toContain(log.id);

  await syncOnce(device.device, options);
  expect(await serverLogIds()).toContain(log.id);
});

it('a background pass that times out leaves none of its requests in flight', async () => {
  // A server that takes requests and never answers: a link that died mid-request.
  const open = new Set<IncomingMessage>();
  let received = 0;
  const hanging = createServer((request) => {
    received += 1;
    open.add(request);
    request.on('close', () => open.delete(request));
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  try {
    device = await openTestDevice('user-expert1', url);
    const options = { baseUrl: url, token: 'unused', role: 'expert' as const, timeoutMs: 300 };
    await expect(syncOnce(device.device, options)).rejects.toThrow('timed out');
    expect(received).toBeGreaterThan(0);
    // The window that takes over after the pass must not race requests of the pass.
    await waitUntil(() => open.size === 0 || undefined, 'the pass’s requests closed', 5_000);
  } finally {
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  }
});

async function expertDeviceAfterFirstPass() {
  server = await startTestServer({ seedPastMonths: false });
  device = await openTestDevice('user-expert1', server.url);
  const token = await login(server.url, 'expert1@demo.test');
  const options = { baseUrl: server.url, token, role: 'expert' as const };
  await syncOnce(device.device, options);
  const assignment = (await device.device.db.assignments.findOne('asg-expert1').exec())!.toJSON();
  return { options, assignment };
}

async function serverLogIds(): Promise<string[]> {
  const response = await fetch(`${server.url}/api/sync/logs/pull?limit=500`, {
    headers: { authorization: `Bearer ${await login(server.url, 'supervisor1@demo.test')}` },
  });
  const { documents } = (await response.json()) as { documents: { id: string }[] };
  return documents.map((doc) => doc.id);
}
