/**
 * Migrations are files (`<timestamp>-<what>.sql`, one folder per SQL dialect), applied at start-up
 * in name order and recorded in one table. Which files are pending is worked out here for both
 * backends; each backend only runs the SQL, in its own transactions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Migration {
  name: string;
  sql: string;
}

/** The table that records applied migrations; `appliedAtType` is the dialect's type for a time. */
export function migrationsTableSql(appliedAtType: 'TEXT' | 'TIMESTAMPTZ'): string {
  return `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at ${appliedAtType} NOT NULL)`;
}

export const APPLIED_MIGRATIONS_SQL = 'SELECT name FROM schema_migrations';

/** The files of `dir` not yet applied, in name order (timestamps first, so in the order written). */
export function pendingMigrations(dir: string, applied: readonly { name: string }[]): Migration[] {
  const done = new Set(applied.map((row) => row.name));
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && !done.has(name))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }));
}
