/**
 * SP-14 on SQLite and PostgreSQL: a full pull page says how many more the device may pull, counted
 * with the same access rules as the page; the device turns it into the download progress its sync
 * bar shows, and clears it once everything is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, type PullResponse } from '../../src/shared/sync/protocol';
import { startSync, type SyncState } from '../../src/sync/replication';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

describe.each(['sqlite', 'postgres'] as const)('SP-14 first-sync progress (%s)', (backend) => {
  let server: TestServer;
  let officer: string;

  beforeAll(async () => {
    server = await startTestServer({ storage: backend });
    officer = await login(server.url, 'officer@demo.test');
  });
  afterAll(async () => server?.close());

  async function pull(token: string, limit: number, seq?: number): Promise<PullResponse> {
    const checkpoint = seq === undefined ? '' : `&checkpoint=${encodeURIComponent(JSON.stringify({ seq }))}`;
    const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=${limit}${checkpoint}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PullResponse;
  }

  it('a full page counts what is left for this user; a short page says nothing', async () => {
    for (const token of [officer, await login(server.url, 'expert1@demo.test')]) {
      const all = (await pull(token, 1_000)).documents.length;
      expect(all, 'the demo has logs for this user').toBeGreaterThan(3);
      const first = await pull(token, 2);
      expect(first.remaining).toBe(all - 2);
      const rest = await pull(token, all, first.checkpoint?.seq);
      expect(rest.documents).toHaveLength(all - 2);
      expect(rest.remaining).toBeUndefined();
    }
  });

  it('the device shows how far a download has got and clears it when done', async () => {
    const device: TestDevice = await openTestDevice('user-officer', server.url, 'officer');
    const sync = startSync(device.device, {
      baseUrl: server.url,
      token: officer,
      role: 'officer',
      retryTimeMs: 300,
      pullBatchSize: 2,
    });
    const seen: NonNullable<SyncState['download']>[] = [];
    const subscription = sync.state$.subscribe((state) => state.download && seen.push(state.download));
    try {
      await sync.awaitInSync();
      await waitUntil(() => sync.state.download === null && seen.length > 0, 'the download shown, then done');
      expect(seen.some(({ received, total }) => received > 0 && received < total)).toBe(true);
      for (const { received, total } of seen) expect(received).toBeLessThanOrEqual(total);
    } finally {
      subscription.unsubscribe();
      await sync.stop();
      await device.device.db.close();
    }
  });
});
