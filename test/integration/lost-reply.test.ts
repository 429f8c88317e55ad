/**
 * A push whose reply is lost after the server committed it (SP-4): the device must still end up
 * with the server's version, server stamps included. Found by the convergence fuzz (pinned seeds
 * in test/fuzz/sync.fuzz.test.ts); here on the real device database and replication, with the
 * network faked around `fetch`.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DailyLog } from '../../src/shared/schemas';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { saveLog, type LogInput } from '../../src/db/logs';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let expert: TestDevice;
const realFetch = globalThis.fetch;

/** What the fake network does with the device's requests. */
const network = {
  /** Send the next logs push, then lose its reply. */
  loseNextPushReply: false,
  /** Fail logs pushes without sending them: the device is out of reach for pushes. */
  blockPushes: false,
  /** Ids seen in the logs pull pages the device received. */
  pulledIds: new Set<string>(),
  /** Logs pulls answered. */
  pulls: 0,
};

beforeEach(async () => {
  server = await startTestServer({ seedPastMonths: false });
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = init?.method ?? 'GET';
    // No live stream: the device learns of changes only by the pulls this test asks for.
    if (url.includes(API_PATHS.stream)) throw new TypeError('fetch failed');
    if (method === 'POST' && url.includes(API_PATHS.push('logs'))) {
      if (network.blockPushes) throw new TypeError('fetch failed');
      if (network.loseNextPushReply) {
        network.loseNextPushReply = false;
        network.blockPushes = true;
        await (await realFetch(input, init)).text();
        throw new TypeError('fetch failed');
      }
    }
    const response = await realFetch(input, init);
    if (url.includes(API_PATHS.pull('logs')) && response.ok) {
      network.pulls += 1;
      const page = (await response.clone().json()) as { documents: { id: string }[] };
      for (const doc of page.documents) network.pulledIds.add(doc.id);
    }
    return response;
  });
  expert = await openTestDevice('user-expert1', server.url, 'expert');
});
afterEach(async () => {
  await expert.close();
  vi.unstubAllGlobals();
  await server.close();
  Object.assign(network, { loseNextPushReply: false, blockPushes: false, pulledIds: new Set(), pulls: 0 });
});

async function serverLog(token: string, id: string): Promise<DailyLog | undefined> {
  const response = await realFetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { documents: DailyLog[] }).documents.find((doc) => doc.id === id);
}

describe('a push whose reply was lost', () => {
  it('SP-4 SP-3: the device that wrote a log ends with the server version, stamps included', async () => {
    const token = await login(server.url, 'expert1@demo.test');
    const sync = expert.startSync(token);
    await waitUntil(async () => (await expert.device.db.assignments.count().exec()) > 0, 'the assignment');
    await sync.awaitInSync();

    const log: LogInput = {
      id: crypto.randomUUID(),
      assignmentId: 'asg-expert1',
      date: new Date().toISOString().slice(0, 10),
      hours: 3,
      workMode: 'remote',
      location: 'Mogadishu',
      activities: 'Planned the tariff workshop.',
      ktActivities: [],
      notes: '',
    };
    network.loseNextPushReply = true;
    await saveLog(expert.device, log);
    const stored = await waitUntil(() => serverLog(token, log.id), 'the log committed on the server');
    // The app is closed before the retry, and opened again: the first pull comes while the change
    // still counts as unsent here, then the retried push is acknowledged. The pull does not carry
    // the log (SP-13: this device wrote it); the retried push brings the stored version (SP-4).
    await sync.stop();
    const pullsBefore = network.pulls;
    const reopened = expert.startSync(token);
    await waitUntil(() => {
      reopened.syncNow();
      return network.pulls > pullsBefore;
    }, 'a pull after reopening');
    expect(network.pulledIds.has(log.id)).toBe(false);
    network.blockPushes = false;

    const onDevice = async () => (await expert.device.db.logs.findOne(log.id).exec())?.toJSON() as DailyLog;
    await waitUntil(() => reopened.state.pendingCount === 0, 'the retried push acknowledged');
    await waitUntil(
      async () => {
        reopened.syncNow();
        return (await onDevice())?.updatedAt === stored.updatedAt;
      },
      "the server's stamps on the device",
      15_000,
    );
    expect(await onDevice()).toMatchObject({ authorId: 'user-expert1', createdAt: stored.createdAt });
  });
});
