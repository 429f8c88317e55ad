/** Starts the sync server from environment variables; see docs/sync-protocol.md for the API. */
import path from 'node:path';
import { buildApp } from './app';
import { seedDemoData } from './seed';
import { PostgresStorage, describePostgresUrl } from './storage/postgres';
import { SqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/types';
import { ChangeBus } from './sync/event-bus';

const env = process.env;
const port = Number(env.PORT ?? 8080);
const host = env.HOST ?? '0.0.0.0';
const dataDir = env.DATA_DIR ?? './data';
const sqlitePath = env.SQLITE_PATH ?? path.join(dataDir, 'fieldbook.sqlite');
const seedDemo = env.SEED_DEMO !== '0';
// Field workers stay offline for weeks: a short token would sign them out in the bush.
const tokenTtlDays = Number(env.TOKEN_TTL_DAYS ?? 30);
const staticDir = env.STATIC_DIR ?? './dist';
// PostgreSQL when DATABASE_URL is set; otherwise the embedded SQLite file.
const databaseUrl = env.DATABASE_URL;

const storage: Storage = databaseUrl
  ? await PostgresStorage.open({ connectionString: databaseUrl })
  : new SqliteStorage({ path: sqlitePath });
const storageName = databaseUrl ? `PostgreSQL ${describePostgresUrl(databaseUrl)}` : `SQLite ${sqlitePath}`;
const bus = new ChangeBus();
if (seedDemo && (await seedDemoData(storage, new Date(), bus))) {
  console.log('Seeded demo data: sign in as expert1@demo.test with password fieldbook-demo.');
}
const app = buildApp({
  storage,
  bus,
  staticDir,
  tokenTtlMs: tokenTtlDays * 86_400_000,
  trustProxy: env.TRUST_PROXY === '1',
  logger: { level: env.LOG_LEVEL ?? 'info' },
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await storage.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port, host });
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
console.log(`Fieldbook sync server on http://${shownHost}:${port} (storage: ${storageName})`);
