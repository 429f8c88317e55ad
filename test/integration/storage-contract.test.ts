/**
 * The storage contract for SQLite and PostgreSQL, plus what is particular to each: WAL mode,
 * migrations, writers in several server processes. PostgreSQL runs in a fresh schema per test.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  POSTGRES_MIGRATIONS_DIR,
  PostgresStorage,
  migratePostgres,
} from '../../sync-server/src/storage/postgres';
import { SQLITE_MIGRATIONS_DIR, SqliteStorage, migrateSqlite } from '../../sync-server/src/storage/sqlite';
import { createTestSchema } from '../helpers/postgres';
import { storageContractSuite } from './storage-contract';

function tempDbPath(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fieldbook-storage-'));
  return { dir, file: path.join(dir, 'nested', 'fieldbook.sqlite') };
}

storageContractSuite('sqlite', async () => {
  const { dir, file } = tempDbPath();
  let storage = new SqliteStorage({ path: file });
  return {
    storage,
    reopen: async () => {
      await storage.close();
      storage = new SqliteStorage({ path: file });
      return storage;
    },
    destroy: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite specifics', () => {
  it('creates the folder, uses WAL and records each migration once', async () => {
    const { dir, file } = tempDbPath();
    try {
      await new SqliteStorage({ path: file }).close();
      await new SqliteStorage({ path: file }).close();
      const db = new Database(file);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as {
        name: string;
      }[];
      const files = readdirSync(SQLITE_MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort();
      expect(applied.map((r) => r.name)).toEqual(files);
      expect(files.every((f) => /^\d{14}-[a-z0-9-]+\.sql$/.test(f))).toBe(true);
      expect(migrateSqlite(db)).toEqual([]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

storageContractSuite('postgres', async () => {
  const db = await createTestSchema();
  let storage = await PostgresStorage.open(db.options);
  return {
    storage,
    reopen: async () => {
      await storage.close();
      storage = await PostgresStorage.open(db.options);
      return storage;
    },
    destroy: async () => {
      await storage.close();
      await db.drop();
    },
  };
});

describe('PostgreSQL specifics', () => {
  it('records each migration once, in its own schema', async () => {
    const db = await createTestSchema();
    try {
      await (await PostgresStorage.open(db.options)).close();
      await (await PostgresStorage.open(db.options)).close();
      const client = new pg.Client({
        connectionString: db.options.connectionString,
        options: `-c search_path=${db.schema}`,
      });
      await client.connect();
      try {
        const { rows } = await client.query<{ name: string }>(
          'SELECT name FROM schema_migrations ORDER BY name',
        );
        const files = readdirSync(POSTGRES_MIGRATIONS_DIR)
          .filter((f) => f.endsWith('.sql'))
          .sort();
        expect(rows.map((r) => r.name)).toEqual(files);
        expect(files.every((f) => /^\d{14}-[a-z0-9-]+\.sql$/.test(f))).toBe(true);
        expect(await migratePostgres(client)).toEqual([]);
        const { rows: tables } = await client.query<{ table_schema: string }>(
          "SELECT table_schema FROM information_schema.tables WHERE table_name = 'documents'",
        );
        expect(tables.map((t) => t.table_schema)).toContain(db.schema);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  it('writers in two server processes on one database get distinct seqs, pulled in order', async () => {
    const db = await createTestSchema();
    const servers = [await PostgresStorage.open(db.options), await PostgresStorage.open(db.options)];
    try {
      const seqs = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          servers[i % 2]!.transaction(async (tx) => {
            const written = await tx.writeDocument({
              collection: 'assignments',
              id: `a${i}`,
              assignmentId: `a${i}`,
              data: { id: `a${i}` } as never,
              deleted: false,
            });
            return written;
          }).then((written) => written.seq),
        ),
      );
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const pulled = await servers[0]!.pullDocuments({
        collection: 'assignments',
        afterSeq: 0,
        assignmentIds: 'all',
        limit: 100,
      });
      expect(pulled.map((d) => d.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      await db.drop();
    }
  });
});
