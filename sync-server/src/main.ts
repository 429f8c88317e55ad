/** Starts the sync server from environment variables; see docs/sync-protocol.md for the API. */
import { buildApp } from './app';
import { ConfigError, loadConfig, type ServerConfig } from './config';
import { REMINDERS_EVERY_MS, vapidFromEnv } from './notifications/notifications';
import { seedDemoData } from './seed';
import { PostgresStorage, describePostgresUrl } from './storage/postgres';
import { SqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/types';

/** The checked settings; a bad one ends the process here, before anything is opened. */
function readConfig(): ServerConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** How long in-flight requests get to finish when the server is asked to stop. */
const SHUTDOWN_GRACE_MS = 10_000;

const config = readConfig();
const vapid = (() => {
  try {
    return vapidFromEnv(process.env, config.publicUrl);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();
const { databaseUrl, sqlitePath } = config;

// PostgreSQL when DATABASE_URL is set; otherwise the embedded SQLite file.
const storage: Storage = databaseUrl
  ? await PostgresStorage.open({ connectionString: databaseUrl })
  : new SqliteStorage({ path: sqlitePath });
const storageName = databaseUrl ? `PostgreSQL ${describePostgresUrl(databaseUrl)}` : `SQLite ${sqlitePath}`;
if (config.seedDemo && (await seedDemoData(storage, new Date(), { programme: true }))) {
  console.log('Seeded demo data: sign in as expert1@demo.test with password fieldbook-demo.');
}
const app = buildApp({
  storage,
  staticDir: config.staticDir,
  tokenTtlMs: config.tokenTtlMs,
  trustProxy: config.trustProxy,
  publicUrl: config.publicUrl,
  smtp: config.smtp,
  push: { vapid, remindersEveryMs: REMINDERS_EVERY_MS },
  logger: { level: config.logLevel },
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  // A client that never reads its response keeps its connection open, and close() waits for
  // every connection: after a grace period the rest are cut, so a stuck client cannot hold
  // a restart up.
  setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  await app.close();
  await storage.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
// With PORT=0 the system picks the port: show the one it picked.
const { port } = app.server.address() as { port: number };
const { host } = config;
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
console.log(`Fieldbook sync server on http://${shownHost}:${port} (storage: ${storageName})`);
