/**
 * SP-6 on the device: a push batch the server answers with an error that blames the request (a
 * 400, or a 500 that repeats) must not be sent forever. The failing row is isolated and kept as a
 * refusal with the reason; the good rows of the batch, and everything queued behind it, reach the
 * server. The server here is the real one; a fetch in front of it plays a server that fails on
 * one row (an older server, a proxy that filters bodies).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment, DailyLog } from '../../src/shared/schemas';
import { API_PATHS, type PullResponse } from '../../src/shared/sync/protocol';
import { saveLog, type LogInput } from '../../src/db/logs';
import { SERVER_FAULT_MESSAGE, SERVER_FAULT_REPEATS } from '../../src/sync/push-isolation';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

const POISON = 'POISON-ROW';

let server: TestServer;
let device: TestDevice | undefined;
let token: string;
let assignment: Assignment;
/** Push requests that carried the poison row, and all push requests of logs. */
const counts = { poisoned: 0, pushes: 0 };

/** The request body as text; pushes go gzipped (SP-12). */
async function bodyText(init: RequestInit | undefined): Promise<string> {
  const body = init?.body;
  if (!(body instanceof ArrayBuffer)) return String(body ?? '');
  return new Response(new Blob([body]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

/** A fetch that answers every logs push holding the poison row with `status`. */
function failingOnPoison(status: 400 | 500): typeof fetch {
  const realFetch = globalThis.fetch;
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith(API_PATHS.push('logs'))) {
      counts.pushes += 1;
      if ((await bodyText(init)).includes(POISON)) {
        counts.poisoned += 1;
        const error =
          status === 400
            ? { code: 'bad_request', message: 'A row of this push cannot be taken.' }
            : { code: 'internal', message: 'Something went wrong on the server.' };
        return new Response(JSON.stringify({ error }), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return realFetch(input, init);
  };
}

beforeEach(async () => {
  server = await startTestServer({ seedPastMonths: false });
  token = await login(server.url, 'expert1@demo.test');
  const response = await fetch(`${server.url}${API_PATHS.pull('assignments')}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assignment = ((await response.json()) as PullResponse<'assignments'>).documents.find(
    (a) => a.id === 'asg-expert1',
  ) as Assignment;
  counts.poisoned = 0;
  counts.pushes = 0;
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await device?.close();
  device = undefined;
  await server.close();
});

function newLog(dayOffset: number, notes = ''): LogInput {
  return {
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: addDays(assignment.startDate, dayOffset),
    hours: 2,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Reviewed borehole maintenance records with the water unit.',
    ktActivities: [],
    notes,
  };
}

async function serverLogIds(): Promise<string[]> {
  const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as PullResponse<'logs'>).documents.map((d) => d.id);
}

/** Five logs saved offline, the poison one in the middle, then the device syncs. */
async function syncBatchWithPoison(status: 400 | 500) {
  vi.stubGlobal('fetch', failingOnPoison(status));
  device = await openTestDevice('user-expert1', server.url);
  const logs = [1, 2, 3, 4, 5].map((day) => newLog(day, day === 3 ? `Notes ${POISON}` : ''));
  for (const log of logs) await saveLog(device.device, log);
  device.startSync(token);
  const good = logs.filter((log) => !log.notes.includes(POISON));
  const poison = logs.find((log) => log.notes.includes(POISON))!;
  await waitUntil(async () => {
    const onServer = await serverLogIds();
    return good.every((log) => onServer.includes(log.id));
  }, 'the good logs of the batch on the server');
  return { device, good, poison };
}

describe('SP-6: a push batch the server keeps failing is split until the failing row is alone', () => {
  it('a 400 for the batch: the four good logs reach the server, the poison log is kept as a refusal', async () => {
    const { device, good, poison } = await syncBatchWithPoison(400);
    const refusal = await waitUntil(
      async () => (await device.device.db.refusals.find().exec()).map((r) => r.toJSON())[0],
      'the refusal on the device',
    );
    expect(refusal).toMatchObject({
      collectionName: 'logs',
      docId: poison.id,
      code: 'invalid',
      message: 'A row of this push cannot be taken.',
    });
    expect((JSON.parse(refusal.attempted) as DailyLog).notes).toBe(`Notes ${POISON}`);
    expect(await serverLogIds()).not.toContain(poison.id);
    expect(await serverLogIds()).toEqual(expect.arrayContaining(good.map((log) => log.id)));
    // Nothing is left to push, so nothing is sent again and again.
    await waitUntil(() => device.sync?.state.pendingCount === 0, 'nothing pending');
    await device.sync!.awaitInSync();
    const afterSettled = counts.poisoned;
    const later = newLog(7);
    await saveLog(device.device, later);
    await waitUntil(async () => (await serverLogIds()).includes(later.id), 'a later log on the server');
    expect(counts.poisoned).toBe(afterSettled);
  });

  it(`a 500 for the batch, ${SERVER_FAULT_REPEATS} times in a row: the good logs get through, the poison log is refused`, async () => {
    const { device, poison } = await syncBatchWithPoison(500);
    const refusal = await waitUntil(
      async () => (await device.device.db.refusals.find().exec()).map((r) => r.toJSON())[0],
      'the refusal on the device',
    );
    expect(refusal).toMatchObject({ docId: poison.id, code: 'invalid', message: SERVER_FAULT_MESSAGE });
    // The whole batch was tried the set number of times before it was split.
    expect(counts.poisoned).toBeGreaterThanOrEqual(SERVER_FAULT_REPEATS);
    expect(counts.poisoned).toBeLessThan(SERVER_FAULT_REPEATS + 10);
  });
});
