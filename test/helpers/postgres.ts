/**
 * An isolated PostgreSQL schema per test: created empty, dropped afterwards, so runs never see
 * each other's rows. PostgreSQL is required for the integration tests: when it cannot be reached
 * they fail with the reason instead of being skipped.
 *
 *   const db = await createTestSchema();
 *   const storage = await PostgresStorage.open(db.options);
 *   await storage.close();  await db.drop();
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PostgresStorageOptions } from '../../sync-server/src/storage/postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  schema: string;
  /** What PostgresStorage.open needs to work in this schema. */
  options: PostgresStorageOptions;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

/** Runs `sql` on a short-lived connection of its own, outside the schema under test. */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for these tests and is not reachable at ${TEST_DATABASE_URL} ` +
        `(${(error as Error).message}). Start it (.ci/run shows how) or set TEST_DATABASE_URL.`,
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestSchema(): Promise<TestSchema> {
  // Generated from hex only, so it is safe to put into the DDL below.
  const schema = `fb_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  return {
    schema,
    options: { connectionString: TEST_DATABASE_URL, schema },
    drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}
