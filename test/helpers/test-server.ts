/**
 * The real sync server in-process on a temporary SQLite file (or, with `storage: 'postgres'`, a
 * temporary PostgreSQL schema, see ./postgres.ts), seeded with the demo data
 * (sync-server/src/seed-data.ts: expert1@demo.test … officer@demo.test, password fieldbook-demo).
 *
 *   const server = await startTestServer();          // listening on 127.0.0.1, random port
 *   const token = await login(server.url, 'expert1@demo.test');
 *   await server.stop();  await server.restart();     // down, then up again: same file, same port
 *   await server.close();                             // stops and deletes the database
 *   await startTestServer({ storage: 'postgres' });   // the same on PostgreSQL
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CollectionName } from '../../src/shared/schemas';
import { API_PATHS, type LoginResponse, type SyncDocument } from '../../src/shared/sync/protocol';
import { buildApp, type BuildAppOptions } from '../../sync-server/src/app';
import { DEMO_PASSWORD, seedDemoData } from '../../sync-server/src/seed';
import { PostgresStorage } from '../../sync-server/src/storage/postgres';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite';
import type { Storage } from '../../sync-server/src/storage/types';
import { createTestSchema, type TestSchema } from './postgres';

export interface TestServerOptions {
  /** Backend (default 'sqlite'); 'postgres' needs PostgreSQL at TEST_DATABASE_URL. */
  storage?: 'sqlite' | 'postgres';
  /** Server clock (see createTestClock); defaults to the real one. */
  now?: () => Date;
  /** Seed the demo data (default true). */
  seed?: boolean;
  /**
   * Seed the past months' logs and timesheets too (default true). False leaves every day of the
   * assignments open for logging (no month is submitted or approved, TS-6).
   */
  seedPastMonths?: boolean;
  tokenTtlMs?: number;
  streamHeartbeatMs?: number;
  streamLimits?: BuildAppOptions['streamLimits'];
  rateLimits?: BuildAppOptions['rateLimits'];
  staticDir?: string;
  /** A mail server to email invitations through (PE-10), such as an smtp-server sink. */
  smtp?: BuildAppOptions['smtp'];
  /** Web Push reminders (PN-*): an HTTPS agent that trusts a local push service, VAPID keys. */
  push?: BuildAppOptions['push'];
}

export interface TestServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** The running app and its storage; both are replaced by restart(). */
  app: FastifyInstance;
  storage: Storage;
  /** The SQLite file (also created, unused, on PostgreSQL). */
  dbPath: string;
  /** The PostgreSQL schema, when `storage: 'postgres'`. */
  schema?: string;
  /** Stops listening and closes the database; the file stays for restart(). */
  stop(): Promise<void>;
  /** Starts again (stopping first if running) on the same database file and port. */
  restart(): Promise<void>;
  /** Stops and removes the temporary database. */
  close(): Promise<void>;
}

/** TEST_STORAGE=postgres runs a whole test project on PostgreSQL (vitest.config.ts). */
function defaultBackend(): 'sqlite' | 'postgres' {
  const chosen = process.env.TEST_STORAGE ?? 'sqlite';
  if (chosen !== 'sqlite' && chosen !== 'postgres')
    throw new Error(`TEST_STORAGE=${chosen}: use sqlite or postgres`);
  return chosen;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { storage: backend = defaultBackend(), ...serverOptions } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-test-'));
  const dbPath = path.join(dir, 'fieldbook.sqlite');
  const pgSchema: TestSchema | undefined = backend === 'postgres' ? await createTestSchema() : undefined;
  let port = 0;
  let running = false;

  const start = async () => {
    const storage: Storage = pgSchema
      ? await PostgresStorage.open(pgSchema.options)
      : new SqliteStorage({ path: dbPath });
    if (options.seed !== false) {
      await seedDemoData(storage, options.now?.(), { pastMonths: options.seedPastMonths });
    }
    const appOptions: BuildAppOptions = { storage, ...serverOptions };
    const app = buildApp(appOptions);
    await app.listen({ host: '127.0.0.1', port });
    port = (app.server.address() as { port: number }).port;
    server.app = app;
    server.storage = storage;
    server.url = `http://127.0.0.1:${port}`;
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    // A connection a test left holding an unread response would hold close() up for good.
    const force = setTimeout(() => server.app.server.closeAllConnections(), 2_000);
    await server.app.close().finally(() => clearTimeout(force));
    await server.storage.close();
  };

  const server: TestServer = {
    url: '',
    app: undefined as unknown as FastifyInstance,
    storage: undefined as unknown as Storage,
    dbPath,
    schema: pgSchema?.schema,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
      await pgSchema?.drop();
    },
  };
  await start();
  return server;
}

/**
 * What the server holds of a collection, as `email` sees it, for tests that poll it. Signs in
 * once and keeps the token: a sign-in at every poll spends the per-IP sign-in budget (100 a
 * minute, sync-server/src/rate-limits.ts) within seconds of polling, and every wait after that
 * sees 429s until the minute is over — a sync that took 200 ms looked like one that took 38 s.
 */
export function serverReader(url: string, email: string) {
  let token: Promise<string> | undefined;
  const signIn = () =>
    (token ??= login(url, email).catch((error: unknown) => {
      token = undefined;
      throw error;
    }));
  const pull = async (collection: CollectionName) =>
    fetch(`${url}${API_PATHS.pull(collection)}?limit=500`, {
      headers: { authorization: `Bearer ${await signIn()}` },
    });
  return async <K extends CollectionName>(collection: K): Promise<SyncDocument<K>[]> => {
    let response = await pull(collection);
    if (response.status === 401) {
      token = undefined;
      response = await pull(collection);
    }
    if (!response.ok)
      throw new Error(`Reading ${collection} as ${email}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { documents: SyncDocument<K>[] }).documents;
  };
}

/** Signs in a demo user (or any user with `password`) and returns the bearer token. */
export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}${API_PATHS.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`Sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as LoginResponse).token;
}

/** A clock tests can move forward: pass `clock.now` as the server's `now`. */
export function createTestClock(start: Date = new Date()) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}
