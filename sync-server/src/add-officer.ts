/**
 * `npm run add-officer -- --name "Lena Fischer" --email lena@example.org`: adds a programme officer
 * with a single-use invitation and prints its link. How a programme started with SEED_DEMO=0 gets
 * its first officer — there is no default account or password — and a way back in should every
 * officer be locked out. Uses the server's own settings (DATABASE_URL or the SQLite file,
 * PUBLIC_URL for the link); the server may be running.
 */
import { parseArgs } from 'node:util';
import { checkNewPerson, LANGUAGES } from '../../src/shared/people';
import { addPerson } from './auth/invitations';
import { ConfigError, loadConfig } from './config';
import { englishOf } from './i18n/reasons';
import { PostgresStorage } from './storage/postgres';
import { SqliteStorage } from './storage/sqlite';
import type { Storage } from './storage/types';

/** The audit's "who" for people added from the command line. */
export const COMMAND_LINE_ACTOR = 'command-line';

const USAGE = `Usage: npm run add-officer -- --name "Full Name" --email name@example.org [--language ${LANGUAGES.join('|')}]`;

class UsageError extends Error {}

function readArguments() {
  try {
    const { values } = parseArgs({
      options: { name: { type: 'string' }, email: { type: 'string' }, language: { type: 'string' } },
      strict: true,
    });
    const checked = checkNewPerson({ ...values, role: 'officer' });
    if (!checked.ok) throw new UsageError(`${englishOf(checked.reason)}\n${USAGE}`);
    return checked.value;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

let storage: Storage | undefined;
try {
  const input = readArguments();
  const config = loadConfig(process.env);
  storage = config.databaseUrl
    ? await PostgresStorage.open({ connectionString: config.databaseUrl })
    : new SqliteStorage({ path: config.sqlitePath });
  const origin = config.publicUrl ?? `http://localhost:${config.port}`;
  const added = await addPerson(storage, input, COMMAND_LINE_ACTOR, origin, new Date());
  if (!added.ok) throw new UsageError(`${input.email} already has an account.`);
  console.log(
    `Added programme officer ${added.person.name} <${added.person.email}>.\n` +
      `They open this link to choose a password (single use, valid until ${added.invitation.expiresAt}):\n` +
      added.invitation.url,
  );
} catch (error) {
  if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await storage?.close();
}
