/**
 * SP-14 on SQLite and PostgreSQL: a full pull page says how many more the device may pull, counted
 * with the same access rules as the page; the device turns it into the download progress its sync
 * bar shows, and clears it once everything is there.
 */
import { describe, expect, it } from 'vitest';
import { startSync, type SyncState } from '../../src/sync/replication';
import { useApiServer, type DemoUser } from '../helpers/api-client';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';

describe.each(['sqlite', 'postgres'] as const)('SP-14 first-sync progress (%s)', (backend) => {
  const api = useApiServer({ storage: backend });

  const pull = (who: DemoUser, limit: number, seq?: number) =>
    api.pullPage(who, 'logs', { limit, checkpoint: seq === undefined ? null : { seq } });

  it('a full page counts what is left for this user; a short page says nothing', async () => {
    for (const who of ['officer', 'expert1'] as const) {
      const all = (await pull(who, 1_000)).documents.length;
      expect(all, 'the demo has logs for this user').toBeGreaterThan(3);
      const first = await pull(who, 2);
      expect(first.remaining).toBe(all - 2);
      const rest = await pull(who, all, first.checkpoint?.seq);
      expect(rest.documents).toHaveLength(all - 2);
      expect(rest.remaining).toBeUndefined();
    }
  });

  it('the device shows how far a download has got and clears it when done', async () => {
    const device: TestDevice = await openTestDevice('user-officer', api.server.url, 'officer');
    const sync = startSync(device.device, {
      baseUrl: api.server.url,
      token: api.tokens.officer,
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
