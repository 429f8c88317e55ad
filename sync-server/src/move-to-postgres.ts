/**
 * `DATABASE_URL=postgres://… npm run move-to-postgres [-- path/to/fieldbook.sqlite]`: copies the
 * SQLite database (by default the one the server's settings name) into an empty PostgreSQL
 * database. Stop the server first; start it again with DATABASE_URL set. docs/operations.md.
 */
import { ConfigError, loadConfig } from './config';
import { describePostgresUrl } from './storage/postgres';
import { MoveError, moveSqliteToPostgres } from './storage/move-to-postgres';

try {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new MoveError('Set DATABASE_URL to the PostgreSQL database to move into.');
  const sqlitePath = process.argv[2] ?? config.sqlitePath;
  const report = await moveSqliteToPostgres(sqlitePath, { connectionString: config.databaseUrl });
  console.log(
    `Moved ${sqlitePath} to ${describePostgresUrl(config.databaseUrl)}: ${report.users} users, ` +
      `${report.tokens} sessions, ${report.documents} documents (last seq ${report.lastSeq}).`,
  );
} catch (error) {
  if (!(error instanceof MoveError || error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
