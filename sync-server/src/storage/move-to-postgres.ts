/**
 * Moves a programme from the embedded SQLite file to PostgreSQL, for when it outgrows one process
 * (docs/operations.md). Everything is copied as it is — users, sessions, sign-in failures and every
 * document with its seq and the last seq handed out — so devices keep their sessions and their
 * checkpoints stay valid: nobody signs in again and nothing is pulled twice or skipped.
 *
 * The target must be empty (its migrations are applied first); the copy is one transaction, so a
 * failure leaves it empty. Run it with the server stopped: a write made during the copy would be
 * left behind in SQLite.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrateSqlite, type DocumentRow } from './sqlite';
import { PostgresStorage, type PostgresStorageOptions } from './postgres';

/** Rows per INSERT: big enough to be quick, small enough for PostgreSQL's parameter limits. */
const COPY_BATCH_ROWS = 500;

export interface MoveReport {
  users: number;
  tokens: number;
  loginFailures: number;
  documents: number;
  lastSeq: number;
}

export class MoveError extends Error {}

/** Throws MoveError with a reason a person can act on; copies nothing then. */
export async function moveSqliteToPostgres(
  sqlitePath: string,
  target: PostgresStorageOptions,
): Promise<MoveReport> {
  if (!existsSync(sqlitePath)) throw new MoveError(`There is no SQLite database at ${sqlitePath}.`);
  const source = new Database(sqlitePath, { fileMustExist: true });
  try {
    // An older file gets the tables this version expects, as the server would on start-up.
    migrateSqlite(source);
    // Checks PostgreSQL is reachable and applies its migrations.
    await (await PostgresStorage.open(target)).close();
    const client = new pg.Client({
      connectionString: target.connectionString,
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    });
    await client.connect();
    try {
      return await copy(source, client);
    } finally {
      await client.end();
    }
  } finally {
    source.close();
  }
}

async function copy(source: Database.Database, client: pg.Client): Promise<MoveReport> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT (SELECT COUNT(*) FROM users)::int + (SELECT COUNT(*) FROM documents)::int AS n',
    );
    if (rows[0]!.n > 0) {
      throw new MoveError(
        'The PostgreSQL database already holds users or documents; move into an empty one.',
      );
    }
    const users = source.prepare('SELECT * FROM users').all();
    await insertJson(
      client,
      'users (id, email, name, role, password_hash, institution_id, phone, language, created_at, deactivated_at)',
      `id TEXT, email TEXT, name TEXT, role TEXT, password_hash TEXT, institution_id TEXT, phone TEXT,
       language TEXT, created_at_ms BIGINT, deactivated_at_ms BIGINT`,
      users,
      `id, email, name, role, password_hash, institution_id, phone, language,
       to_timestamp(created_at_ms / 1000.0), to_timestamp(deactivated_at_ms / 1000.0)`,
    );
    // Invitations and the audit of people (PE-*): a pending invitation keeps working, and a
    // deactivated person stays deactivated.
    await insertJson(
      client,
      'invitations (code_hash, user_id, created_at, expires_at, used_at, revoked_at)',
      `code_hash TEXT, user_id TEXT, created_at_ms BIGINT, expires_at_ms BIGINT, used_at_ms BIGINT,
       revoked_at_ms BIGINT`,
      source.prepare('SELECT * FROM invitations').all(),
      `code_hash, user_id, to_timestamp(created_at_ms / 1000.0), to_timestamp(expires_at_ms / 1000.0),
       to_timestamp(used_at_ms / 1000.0), to_timestamp(revoked_at_ms / 1000.0)`,
    );
    await insertJson(
      client,
      'audit_log (id, at, actor_id, action, subject_type, subject_id, changes)',
      'id BIGINT, at_ms BIGINT, actor_id TEXT, action TEXT, subject_type TEXT, subject_id TEXT, changes TEXT',
      source.prepare('SELECT * FROM audit_log ORDER BY id').all(),
      'id, to_timestamp(at_ms / 1000.0), actor_id, action, subject_type, subject_id, changes::jsonb',
    );
    await client.query(
      "SELECT setval('audit_log_id_seq', GREATEST((SELECT MAX(id) FROM audit_log), 1), (SELECT COUNT(*) > 0 FROM audit_log))",
    );
    // Payment batches (PB-*): a month paid before the move stays in its batch, so it is not paid again.
    await insertJson(
      client,
      'payment_batches (id, created_at, created_by, paid_on, paid_at, paid_by)',
      'id TEXT, created_at_ms BIGINT, created_by TEXT, paid_on TEXT, paid_at_ms BIGINT, paid_by TEXT',
      source.prepare('SELECT * FROM payment_batches').all(),
      'id, to_timestamp(created_at_ms / 1000.0), created_by, paid_on, to_timestamp(paid_at_ms / 1000.0), paid_by',
    );
    await insertJson(
      client,
      'payment_batch_months (timesheet_id, batch_id)',
      'timesheet_id TEXT, batch_id TEXT',
      source.prepare('SELECT * FROM payment_batch_months').all(),
      'timesheet_id, batch_id',
    );
    // Push reminders (PN-*): the same VAPID keys, or every device's subscription stops working;
    // the subscriptions, switches, and the notices sent today (so none goes out twice).
    await insertJson(
      client,
      'push_vapid_keys (id, public_key, private_key, created_at)',
      'id INT, public_key TEXT, private_key TEXT, created_at_ms BIGINT',
      source.prepare('SELECT * FROM push_vapid_keys').all(),
      'id, public_key, private_key, to_timestamp(created_at_ms / 1000.0)',
    );
    await insertJson(
      client,
      'push_subscriptions (endpoint, user_id, p256dh, auth, created_at)',
      'endpoint TEXT, user_id TEXT, p256dh TEXT, auth TEXT, created_at_ms BIGINT',
      source.prepare('SELECT * FROM push_subscriptions').all(),
      'endpoint, user_id, p256dh, auth, to_timestamp(created_at_ms / 1000.0)',
    );
    await insertJson(
      client,
      'push_preferences (user_id, reminders)',
      'user_id TEXT, reminders INT',
      source.prepare('SELECT * FROM push_preferences').all(),
      'user_id, reminders = 1',
    );
    await insertJson(
      client,
      'push_notices (user_id, notice_key, sent_at)',
      'user_id TEXT, notice_key TEXT, sent_at_ms BIGINT',
      source.prepare('SELECT * FROM push_notices').all(),
      'user_id, notice_key, to_timestamp(sent_at_ms / 1000.0)',
    );

    const tokens = source
      .prepare('SELECT token_hash, user_id, created_at_ms, expires_at_ms, revoked_at_ms FROM auth_tokens')
      .all();
    await insertJson(
      client,
      'auth_tokens (token_hash, user_id, created_at, expires_at, revoked_at)',
      'token_hash TEXT, user_id TEXT, created_at_ms BIGINT, expires_at_ms BIGINT, revoked_at_ms BIGINT',
      tokens,
      `token_hash, user_id, to_timestamp(created_at_ms / 1000.0), to_timestamp(expires_at_ms / 1000.0),
       to_timestamp(revoked_at_ms / 1000.0)`,
    );

    const failures = source.prepare('SELECT key, at_ms, attempt_id FROM login_failures').all();
    await insertJson(
      client,
      'login_failures (key, at, attempt_id)',
      'key TEXT, at_ms BIGINT, attempt_id TEXT',
      failures,
      'key, to_timestamp(at_ms / 1000.0), attempt_id',
    );

    let documents = 0;
    const batch: unknown[] = [];
    const flush = async () => {
      await insertJson(
        client,
        // origin_device too: a device does not get its own writes back after the move (SP-13).
        'documents (collection, id, assignment_id, data, deleted, seq, origin_device)',
        'collection TEXT, id TEXT, assignment_id TEXT, data JSONB, deleted BOOLEAN, seq BIGINT, origin_device TEXT',
        batch.splice(0),
      );
    };
    const rowsOf = source.prepare('SELECT * FROM documents ORDER BY seq').iterate() as Iterable<DocumentRow>;
    for (const row of rowsOf) {
      batch.push({ ...row, data: JSON.parse(row.data), deleted: row.deleted === 1 });
      documents += 1;
      if (batch.length === COPY_BATCH_ROWS) await flush();
    }
    await flush();

    const { last_seq: lastSeq } = source.prepare('SELECT last_seq FROM sync_sequence WHERE id = 1').get() as {
      last_seq: number;
    };
    await client.query('UPDATE sync_sequence SET last_seq = $1 WHERE id = 1', [lastSeq]);
    await client.query('COMMIT');
    return { users: users.length, tokens: tokens.length, loginFailures: failures.length, documents, lastSeq };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw explain(error);
  }
}

/**
 * Inserts `rows` (objects) in batches through jsonb_to_recordset: one parameter per batch, however
 * many columns. `select` maps the record's columns onto the table's when they differ.
 */
async function insertJson(
  client: pg.Client,
  table: string,
  columns: string,
  rows: readonly unknown[],
  select = '*',
): Promise<void> {
  for (let start = 0; start < rows.length; start += COPY_BATCH_ROWS) {
    const json = JSON.stringify(rows.slice(start, start + COPY_BATCH_ROWS));
    await client.query(
      `INSERT INTO ${table} SELECT ${select} FROM jsonb_to_recordset($1::jsonb) AS r(${columns})`,
      [json],
    );
  }
}

/** PostgreSQL refuses text SQLite stored (U+0000, for one): say which, rather than a driver error. */
function explain(error: unknown): Error {
  if (error instanceof MoveError) return error;
  const message = (error as Error).message ?? String(error);
  if (/unsupported Unicode escape|invalid byte sequence|\\u0000/i.test(message)) {
    return new MoveError(
      `PostgreSQL cannot store some text in the SQLite file (${message}). Find the document with ` +
        `SELECT collection, id FROM documents WHERE instr(data, '\\u0000') > 0; correct it, and move again.`,
    );
  }
  return new MoveError(`The move failed and nothing was copied: ${message}`);
}
