/**
 * SP-13 on real devices (the app's replication on the device database): the phone that saves logs
 * receives none of them back, on its stream or in its pulls, yet ends with the server's stamps;
 * the tablet of the same expert receives them all. Documents are counted on the wire, per device
 * (the device header tells them apart).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import { API_PATHS, DEVICE_HEADER, type StreamEvent } from '../../src/shared/sync/protocol';
import { saveLog, type LogInput } from '../../src/db/logs';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
const devices: TestDevice[] = [];
const realFetch = globalThis.fetch;
/** Log ids each device (by its device header) received in pull pages and stream events. */
const received = new Map<string, string[]>();

function note(device: string | undefined, ids: string[]) {
  const key = device ?? '(none)';
  received.set(key, [...(received.get(key) ?? []), ...ids]);
}

/** Counts the logs in every stream event as it passes. */
function countingStream(body: ReadableStream<Uint8Array>, device: string | undefined) {
  const decoder = new TextDecoder();
  let buffer = '';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        buffer += decoder.decode(chunk, { stream: true });
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const frame of frames) {
          if (!frame.startsWith('data: ')) continue;
          const event = JSON.parse(frame.slice('data: '.length)) as StreamEvent;
          if (event.type === 'change' && event.collection === 'logs') {
            note(
              device,
              event.documents.map((doc) => doc.id),
            );
          }
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

beforeEach(async () => {
  server = await startTestServer({ seedPastMonths: false });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const device = (init?.headers as Record<string, string> | undefined)?.[DEVICE_HEADER];
    const response = await realFetch(input, init);
    if (url.includes(API_PATHS.stream) && response.ok && response.body) {
      return new Response(countingStream(response.body, device), {
        status: response.status,
        headers: response.headers,
      });
    }
    if (url.includes(API_PATHS.pull('logs')) && response.ok) {
      const page = (await response.clone().json()) as { documents: { id: string }[] };
      note(
        device,
        page.documents.map((doc) => doc.id),
      );
    }
    return response;
  });
});
afterEach(async () => {
  for (const device of devices.splice(0)) await device.close();
  vi.unstubAllGlobals();
  received.clear();
  await server.close();
});

async function signedInDevice(): Promise<TestDevice> {
  const device = await openTestDevice('user-expert1', server.url, 'expert');
  devices.push(device);
  device.startSync(await login(server.url, 'expert1@demo.test'));
  await waitUntil(async () => (await device.device.db.assignments.count().exec()) > 0, 'the assignments');
  await device.sync!.awaitInSync();
  return device;
}

async function serverLogs(): Promise<DailyLog[]> {
  const token = await login(server.url, 'supervisor1@demo.test');
  const response = await realFetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { documents: DailyLog[] }).documents;
}

describe('SP-13: a device never downloads what it just uploaded', () => {
  it('the phone receives none of its 20 new logs back and holds their server stamps; the tablet receives all', async () => {
    const phone = await signedInDevice();
    const tablet = await signedInDevice();
    const phoneId = await phone.device.db.storageToken;
    const tabletId = await tablet.device.db.storageToken;
    expect(phoneId).not.toBe(tabletId);
    const assignment = (await phone.device.db.assignments
      .findOne('asg-expert1')
      .exec())!.toJSON() as Assignment;

    const logs: LogInput[] = Array.from({ length: 20 }, (_, n) => ({
      id: crypto.randomUUID(),
      assignmentId: assignment.id,
      date: addDays(assignment.startDate, 1 + (n % 10)),
      hours: 1,
      workMode: 'remote',
      location: 'Mogadishu',
      activities: `Log ${n}: reviewed the tariff model.`,
      ktActivities: [],
      notes: '',
    }));
    for (const log of logs) await saveLog(phone.device, log);
    const ids = logs.map((log) => log.id);

    await waitUntil(
      async () => (await tablet.device.db.logs.findByIds(ids).exec()).size === 20,
      'all on the tablet',
    );
    const stored = new Map((await serverLogs()).map((log) => [log.id, log]));
    // The phone ends with the server's version of every log, stamps included.
    await waitUntil(async () => {
      const onPhone = await phone.device.db.logs.findByIds(ids).exec();
      return ids.every((id) => onPhone.get(id)?.updatedAt === stored.get(id)?.updatedAt);
    }, "the server's stamps on the phone");
    for (const id of ids) {
      const onPhone = (await phone.device.db.logs.findOne(id).exec())!.toJSON() as DailyLog;
      expect(onPhone).toMatchObject({ authorId: 'user-expert1', createdAt: stored.get(id)!.createdAt });
    }
    await waitUntil(() => phone.sync!.state.pendingCount === 0, 'nothing pending on the phone');

    // A resync (a new stream, a pull from the checkpoint) brings the phone none of them either.
    phone.sync!.syncNow();
    await phone.sync!.awaitInSync();
    expect((received.get(phoneId) ?? []).filter((id) => ids.includes(id))).toEqual([]);
    expect(new Set((received.get(tabletId) ?? []).filter((id) => ids.includes(id)))).toEqual(new Set(ids));
  });
});
