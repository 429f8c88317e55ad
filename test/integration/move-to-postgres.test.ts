/**
 * Moving a programme from SQLite to PostgreSQL (docs/operations.md): after the move a server on
 * PostgreSQL answers as the SQLite one did — same sessions, same documents, same checkpoints.
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { API_PATHS, type PullResponse, type SyncCheckpoint } from '../../src/shared/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import { MoveError, moveSqliteToPostgres } from '../../sync-server/src/storage/move-to-postgres';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '../helpers/postgres';
import { login, startTestServer, type TestServer } from '../helpers/test-server';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sqliteServer(): Promise<TestServer> {
  const server = await startTestServer({ storage: 'sqlite' });
  cleanups.push(() => server.close());
  return server;
}
async function emptySchema(): Promise<TestSchema> {
  const schema = await createTestSchema();
  cleanups.push(() => schema.drop());
  return schema;
}

async function pullAll(
  url: string,
  token: string,
  collection: 'logs' | 'timesheets',
  checkpoint?: SyncCheckpoint | null,
) {
  const params = new URLSearchParams({ limit: '1000' });
  if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
  const response = await fetch(`${url}${API_PATHS.pull(collection)}?${params}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PullResponse;
}

describe('moving a programme from SQLite to PostgreSQL', () => {
  it('keeps sessions, documents, seqs and checkpoints, so devices carry on as if nothing happened', async () => {
    const sqlite = await sqliteServer();
    const token = await login(sqlite.url, 'supervisor1@demo.test');
    // What SP-13 and PB-2 keep: the device a row came from, and a month already in a batch.
    const stored = (await sqlite.storage.documentsOfAssignment('asg-expert1')).find(
      (doc) => doc.collection === 'logs',
    )!;
    const log = { id: stored.id };
    await sqlite.storage.transaction((tx) =>
      tx.writeDocument({ ...stored, originDevice: 'user-expert1/phone-1' }),
    );
    const at = new Date('2026-11-30T10:00:00Z');
    await sqlite.storage.createPaymentBatch({
      id: 'PB-moved',
      createdAt: at,
      createdBy: 'user-officer',
      timesheetIds: ['t-1'],
    });
    await sqlite.storage.markPaymentBatchPaid('PB-moved', '2026-11-30', at, 'user-officer');
    // PN-*: the server's VAPID keys, a device's subscription, a switch, a notice sent.
    const vapidPublicKey = sqlite.app.notifications.publicKey;
    const device = {
      endpoint: 'https://push.example.org/1',
      userId: 'user-supervisor1',
      p256dh: 'k',
      auth: 'a',
      createdAt: at,
    };
    await sqlite.storage.savePushSubscription(device);
    await sqlite.storage.setRemindersOn('user-expert2', false);
    await sqlite.storage.claimPushNotice('user-supervisor1', 'daily:2026-11-30', at);
    const before = await pullAll(sqlite.url, token, 'logs');
    const timesheetsBefore = await pullAll(sqlite.url, token, 'timesheets');
    expect(before.documents.length).toBeGreaterThan(10);
    await sqlite.stop();

    const schema = await emptySchema();
    const report = await moveSqliteToPostgres(sqlite.dbPath, schema.options);
    expect(report.documents).toBeGreaterThan(before.documents.length);
    expect(report.users).toBe(5);

    const storage = await PostgresStorage.open(schema.options);
    const app = buildApp({ storage });
    cleanups.push(async () => {
      await app.close();
      await storage.close();
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

    // The device's session and checkpoint still work: nothing new, nothing again.
    expect((await pullAll(url, token, 'logs', before.checkpoint)).documents).toEqual([]);
    expect(await pullAll(url, token, 'logs')).toEqual(before);
    expect(await pullAll(url, token, 'timesheets')).toEqual(timesheetsBefore);
    expect(await storage.latestSeq()).toBe(report.lastSeq);
    expect((await storage.getDocument('logs', log.id))?.originDevice).toBe('user-expert1/phone-1');
    expect(await storage.batchOfTimesheet('t-1')).toMatchObject({ id: 'PB-moved', paidOn: '2026-11-30' });
    expect(app.notifications.publicKey).toBe(vapidPublicKey);
    expect(await storage.pushSubscriptionsOf(['user-supervisor1'])).toEqual([device]);
    expect(await storage.remindersOn('user-expert2')).toBe(false);
    expect(await storage.claimPushNotice('user-supervisor1', 'daily:2026-11-30', at)).toBe(false);
    // Passwords moved too.
    await login(url, 'expert1@demo.test');
  });

  it('refuses a PostgreSQL database that already holds data, and copies nothing', async () => {
    const sqlite = await sqliteServer();
    await sqlite.stop();
    const schema = await emptySchema();
    await moveSqliteToPostgres(sqlite.dbPath, schema.options);
    await expect(moveSqliteToPostgres(sqlite.dbPath, schema.options)).rejects.toThrow(MoveError);
    await expect(moveSqliteToPostgres(sqlite.dbPath, schema.options)).rejects.toThrow(/already holds/);
  });

  it('npm run move-to-postgres names what is missing instead of failing obscurely', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'sync-server/src/move-to-postgres.ts', '/nonexistent/x.sqlite'],
      {
        env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/nonexistent\/x\.sqlite/);
  });
});
