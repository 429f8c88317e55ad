/**
 * SP-14: a device's first pulls wait for its live stream to open, so the resync every stream opens
 * with does not pull each collection a second time right after the first (four extra requests on a
 * slow link). Real device database, real server; the fake network only delays or refuses the stream.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let expert: TestDevice | undefined;
const realFetch = globalThis.fetch;

const network = {
  /** How the stream request is answered: late (after the pulls would have finished) or not at all. */
  stream: 'late' as 'late' | 'refused',
  /** Pull requests answered, by collection. */
  pulls: new Map<string, number>(),
  streamOpened: false,
  /** What the stream's answer waits for. */
  streamAfter: Promise.resolve() as Promise<unknown>,
};

beforeEach(async () => {
  server = await startTestServer({ seedPastMonths: false });
  network.pulls.clear();
  network.streamOpened = false;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes(API_PATHS.stream)) {
      if (network.stream === 'refused') throw new TypeError('fetch failed');
      await network.streamAfter;
      const response = await realFetch(input, init);
      network.streamOpened = true;
      return response;
    }
    const pull = /\/api\/sync\/(\w+)\/pull\?/.exec(url);
    if (pull) network.pulls.set(pull[1]!, (network.pulls.get(pull[1]!) ?? 0) + 1);
    return realFetch(input, init);
  });
});
afterEach(async () => {
  await expert?.close();
  expert = undefined;
  vi.unstubAllGlobals();
  await server.close();
});

describe('SP-14 first sync and the live stream', () => {
  it('pulls each collection once when the stream opens after the sign-in', async () => {
    network.stream = 'late';
    expert = await openTestDevice('user-expert1', server.url, 'expert');
    // Replication starts once the device is the leader of its tabs: the stream answers 400 ms
    // later, long after pulls sent at once would have come back.
    network.streamAfter = expert.device.db
      .waitForLeadership()
      .then(() => new Promise((resolve) => setTimeout(resolve, 400)));
    const sync = expert.startSync(await login(server.url, 'expert1@demo.test'));
    await waitUntil(() => sync.state.lastSyncAt !== null && network.streamOpened, 'synced, stream open');
    // The stream's opening resync has been handled once the replication is idle again.
    await waitUntil(() => sync.state.connection === 'online', 'stream connected');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sync.awaitInSync();

    expect(Object.fromEntries(network.pulls)).toEqual({ assignments: 1, logs: 1, timesheets: 1, reports: 1 });
    expect(await expert.device.db.logs.count().exec()).toBeGreaterThan(0);
  });

  it('does not hold the first pulls back when the stream cannot open', async () => {
    network.stream = 'refused';
    expert = await openTestDevice('user-expert1', server.url, 'expert');
    const sync = expert.startSync(await login(server.url, 'expert1@demo.test'));
    await waitUntil(() => sync.state.lastSyncAt !== null, 'synced without a stream');

    expect(network.pulls.get('logs')).toBeGreaterThanOrEqual(1);
    expect(await expert.device.db.logs.count().exec()).toBeGreaterThan(0);
  });
});
