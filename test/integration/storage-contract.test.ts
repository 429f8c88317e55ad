/** The storage contract for SQLite, plus what is particular to it: WAL mode and migrations. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS_DIR, SqliteStorage, migrateSqlite } from '../../sync-server/src/storage/sqlite';
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
