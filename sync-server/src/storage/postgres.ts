/**
 * PostgreSQL storage on node-postgres (a connection pool), used when DATABASE_URL is set.
 * Same tables and meaning as the SQLite backend; documents are JSONB.
 *
 * Write order (SP-2): seqs must become visible in increasing order, or a reader that checkpoints
 * at 8 never sees a 7 committed after it. A plain SEQUENCE drawn while writing would not do: two
 * transactions draw 7 and 8 and commit 8 first. So a write gets a provisional seq (from
 * PROVISIONAL_SEQ_BASE up, invisible to others until commit anyway), and the final seqs are
 * handed out at commit: the transaction takes the one write lock (an advisory lock), numbers its
 * rows from `sync_sequence`, and commits. PostgreSQL makes a commit visible before it releases the
 * transaction's locks, so the next transaction's seqs become visible after ours. The lock is held
 * for those two statements and the commit, not for the transaction: writers that check rules and
 * read in parallel only queue to be numbered. What must not interleave — two pushes touching the
 * same expert's days, months and reports — is serialized by scope locks (lockScopes). Reads take
 * no lock.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { CollectionName } from '../../../src/shared/schemas';
import { migrationsTableSql, pendingMigrations, APPLIED_MIGRATIONS_SQL } from './migrations';
import { POSTGRES_COLUMNS, toStoredDocument, toStoredToken, toStoredUser } from './rows';
import { PostgresPayments } from './postgres-payments';
import { PostgresPush } from './postgres-push';
import { PostgresPeople } from './postgres-people';
import type { Role } from '../../../src/shared/users';
import type { Language } from '../../../src/shared/languages';
import type {
  DocumentTransaction,
  DocumentWrite,
  ExpertDayCount,
  ExpertDayQuery,
  LoginReservation,
  NewAuditEntry,
  NewStoredPerson,
  PullQuery,
  SavepointResult,
  SignalChannel,
  Storage,
  StoredDocument,
  StoredInvitation,
  CreateBatchResult,
  StoredPaymentBatch,
  StoredPushSubscription,
  StoredToken,
  StoredUser,
  VapidKeys,
} from './types';

export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/postgres', import.meta.url));

/**
 * Advisory lock keys (any constant bigint, the same in every server process). Advisory locks are
 * per database, not per schema: two Fieldbooks in one database would only wait for each other.
 */
const WRITE_LOCK_KEY = 0x46_42_57_52; // 'FBWR'
const MIGRATION_LOCK_KEY = 0x46_42_4d_47; // 'FBMG'

/**
 * Provisional seqs (`documents_provisional_seq` from here up) sort after every final one and in
 * the order they were written, and stay exact as JavaScript numbers (below 2^53). Final seqs never
 * come near: a thousand writes a second for thirty thousand years.
 */
const PROVISIONAL_SEQ_BASE = 1_000_000_000_000_000;

/** What both a pool and one checked-out client can do. */
type Queryable = Pick<pg.Pool, 'query'>;

interface DocumentRow {
  collection: string;
  id: string;
  assignment_id: string;
  data: unknown;
  deleted: boolean;
  /** BIGINT comes back as a string from node-postgres. */
  seq: string;
  origin_device?: string | null;
}
interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  deactivated_at?: Date | null;
}
interface TokenRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const toDocument = (row: DocumentRow) => toStoredDocument(POSTGRES_COLUMNS, row);
const toUser = (row: UserRow) => toStoredUser(POSTGRES_COLUMNS, row);

/** The URL without its password, for logs. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable DATABASE_URL)';
  }
}

/**
 * Applies the migrations not yet recorded (migrations.ts) in one transaction under an advisory lock, so two servers starting together do not both apply them.
 */
export async function migratePostgres(
  client: pg.ClientBase,
  dir = POSTGRES_MIGRATIONS_DIR,
): Promise<string[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(migrationsTableSql('TIMESTAMPTZ'));
    const pending = pendingMigrations(
      dir,
      (await client.query<{ name: string }>(APPLIED_MIGRATIONS_SQL)).rows,
    );
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, now())', [
        migration.name,
      ]);
    }
    await client.query('COMMIT');
    return pending.map((migration) => migration.name);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

class PostgresDocuments implements DocumentTransaction {
  /** What this transaction wrote, in order; their seqs are made final at commit (numberWrites). */
  readonly written: StoredDocument[] = [];

  constructor(
    private readonly db: Queryable,
    private readonly namespace: string,
  ) {}

  async countPeopleOfInstitution(institutionId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM users WHERE institution_id = $1',
      [institutionId],
    );
    return Number(rows[0]!.n);
  }

  async recordAudit(entry: NewAuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, changes)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [
        entry.at,
        entry.actorId,
        entry.action,
        entry.subjectType,
        entry.subjectId,
        JSON.stringify(entry.changes),
      ],
    );
  }

  async batchIdOfTimesheet(timesheetId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ batch_id: string }>(
      'SELECT batch_id FROM payment_batch_months WHERE timesheet_id = $1',
      [timesheetId],
    );
    return rows[0]?.batch_id ?? null;
  }

  async insertPaymentBatch(
    batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>,
  ): Promise<CreateBatchResult> {
    await this.db.query('SAVEPOINT payment_batch');
    await this.db.query('INSERT INTO payment_batches (id, created_at, created_by) VALUES ($1, $2, $3)', [
      batch.id,
      batch.createdAt,
      batch.createdBy,
    ]);
    const { rowCount } = await this.db.query(
      `INSERT INTO payment_batch_months (timesheet_id, batch_id)
       SELECT id, $2 FROM unnest($1::text[]) AS t(id)
       ON CONFLICT (timesheet_id) DO NOTHING`,
      [batch.timesheetIds, batch.id],
    );
    if (rowCount !== batch.timesheetIds.length) {
      await this.db.query('ROLLBACK TO SAVEPOINT payment_batch');
      const { rows } = await this.db.query<{ timesheetId: string; batchId: string }>(
        `SELECT timesheet_id AS "timesheetId", batch_id AS "batchId" FROM payment_batch_months
         WHERE timesheet_id = ANY($1::text[])`,
        [batch.timesheetIds],
      );
      return { ok: false, taken: rows };
    }
    await this.db.query('RELEASE SAVEPOINT payment_batch');
    return {
      ok: true,
      batch: {
        ...batch,
        timesheetIds: [...batch.timesheetIds].sort(),
        paidOn: null,
        paidAt: null,
        paidBy: null,
      },
    };
  }

  async lockScopes(scopes: readonly string[]): Promise<void> {
    // In one order everywhere, so that two transactions never wait for each other in a circle.
    for (const scope of [...new Set(scopes)].sort()) {
      await this.db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${this.namespace}:scope:${scope}`,
      ]);
    }
  }

  /**
   * Gives this transaction's rows their final seqs, in the order they were written, under the
   * write lock that the commit right after releases (see the top of the file). Returns the last.
   */
  async numberWrites(): Promise<number> {
    await this.db.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
    // Rows with a provisional seq that this transaction can see are its own: others' are
    // invisible until they commit, and a committed row always has its final seq.
    const { rows } = await this.db.query<{ collection: string; id: string; seq: string }>(
      `WITH pending AS (
         SELECT collection, id, row_number() OVER (ORDER BY seq) AS n FROM documents WHERE seq >= $1::bigint
       ), base AS (
         UPDATE sync_sequence SET last_seq = last_seq + (SELECT COUNT(*) FROM pending) WHERE id = 1
         RETURNING last_seq - (SELECT COUNT(*) FROM pending) AS last_seq
       )
       UPDATE documents d SET seq = base.last_seq + pending.n FROM pending, base
       WHERE d.collection = pending.collection AND d.id = pending.id
       RETURNING d.collection, d.id, d.seq`,
      [PROVISIONAL_SEQ_BASE],
    );
    const finalSeq = new Map(rows.map((row) => [`${row.collection}/${row.id}`, Number(row.seq)]));
    for (const doc of this.written) doc.seq = finalSeq.get(`${doc.collection}/${doc.id}`) ?? doc.seq;
    return Math.max(0, ...finalSeq.values());
  }

  private async select(sql: string, params: unknown[]): Promise<StoredDocument[]> {
    const { rows } = await this.db.query<DocumentRow>(sql, params);
    return rows.map(toDocument);
  }

  async getDocument<K extends CollectionName>(
    collection: K,
    id: string,
  ): Promise<StoredDocument<K> | undefined> {
    const [doc] = await this.select('SELECT * FROM documents WHERE collection = $1 AND id = $2', [
      collection,
      id,
    ]);
    return doc as StoredDocument<K> | undefined;
  }

  async listAssignments(): Promise<StoredDocument<'assignments'>[]> {
    return (await this.select(
      "SELECT * FROM documents WHERE collection = 'assignments' ORDER BY seq",
      [],
    )) as StoredDocument<'assignments'>[];
  }

  async pullDocuments(query: PullQuery): Promise<StoredDocument[]> {
    const where = pullableWhere(query);
    if (!where) return [];
    return this.select(
      `SELECT * FROM documents WHERE ${where.sql} ORDER BY seq LIMIT $${where.params.length + 1}`,
      [...where.params, query.limit],
    );
  }

  async countPullable(query: Omit<PullQuery, 'limit'>): Promise<number> {
    const where = pullableWhere(query);
    if (!where) return 0;
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM documents WHERE ${where.sql}`,
      where.params,
    );
    return rows[0]?.n ?? 0;
  }

  async findLogsOnDate(assignmentIds: readonly string[], date: string): Promise<StoredDocument<'logs'>[]> {
    return (await this.select(
      `SELECT * FROM documents WHERE collection = 'logs' AND NOT deleted
         AND assignment_id = ANY($1::text[]) AND data ->> 'date' = $2 ORDER BY seq`,
      [assignmentIds, date],
    )) as StoredDocument<'logs'>[];
  }

  async countExpertLogsOnDate(query: ExpertDayQuery): Promise<ExpertDayCount> {
    // Served by documents_assignment_expert and documents_log_dates (migrations/postgres).
    const { rows } = await this.db.query<ExpertDayCount>(
      `SELECT COUNT(*)::int AS logs, COALESCE(SUM(hours), 0)::float8 AS hours FROM (
         SELECT (data ->> 'hours')::float8 AS hours FROM documents
         WHERE collection = 'logs' AND NOT deleted AND data ->> 'date' = $2 AND id <> $3
           AND assignment_id IN (SELECT id FROM documents
             WHERE collection = 'assignments' AND data ->> 'expertId' = $1)
         LIMIT $4) AS counted`,
      [query.expertId, query.date, query.excludeLogId, query.atMost],
    );
    return { logs: rows[0]!.logs, hours: rows[0]!.hours };
  }

  async findLogsBetween(assignmentId: string, start: string, end: string): Promise<StoredDocument<'logs'>[]> {
    return (await this.select(
      `SELECT * FROM documents WHERE collection = 'logs' AND NOT deleted AND assignment_id = $1
         AND data ->> 'date' BETWEEN $2 AND $3 ORDER BY seq`,
      [assignmentId, start, end],
    )) as StoredDocument<'logs'>[];
  }

  async documentsOfAssignment(assignmentId: string): Promise<StoredDocument[]> {
    return this.select(
      `SELECT * FROM documents WHERE collection IN ('logs', 'timesheets', 'reports') AND assignment_id = $1 AND NOT deleted
         ORDER BY seq`,
      [assignmentId],
    );
  }

  async latestSeq(): Promise<number> {
    const { rows } = await this.db.query<{ last_seq: string }>(
      'SELECT last_seq FROM sync_sequence WHERE id = 1',
    );
    return Number(rows[0]!.last_seq);
  }

  /** Only called on a transaction's client; the seq is provisional until commit (top of the file). */
  async writeDocument<K extends CollectionName>(write: DocumentWrite<K>): Promise<StoredDocument<K>> {
    // data goes in as JSON text: node-postgres would turn a top-level array into a PostgreSQL array.
    const { rows } = await this.db.query<{ seq: string }>(
      `INSERT INTO documents (collection, id, assignment_id, data, deleted, seq, origin_device)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::bigint + nextval('documents_provisional_seq'), $7)
       ON CONFLICT (collection, id) DO UPDATE SET assignment_id = excluded.assignment_id,
         data = excluded.data, deleted = excluded.deleted, seq = excluded.seq,
         origin_device = excluded.origin_device
       RETURNING seq`,
      [
        write.collection,
        write.id,
        write.assignmentId,
        JSON.stringify(write.data),
        write.deleted,
        PROVISIONAL_SEQ_BASE,
        write.originDevice ?? null,
      ],
    );
    const doc = { ...write, originDevice: write.originDevice ?? null, seq: Number(rows[0]!.seq) };
    this.written.push(doc);
    return doc;
  }

  /** Only called on a transaction's client, like writeDocument. */
  async savepoint<T>(fn: () => Promise<T>): Promise<SavepointResult<T>> {
    const writtenBefore = this.written.length;
    await this.db.query('SAVEPOINT step');
    let value: T;
    try {
      value = await fn();
    } catch (error) {
      if (isTransientPostgresError(error)) throw error;
      // A connection that is gone cannot roll back either: then the whole transaction fails.
      await this.db.query('ROLLBACK TO SAVEPOINT step').catch(() => Promise.reject(error));
      await this.db.query('RELEASE SAVEPOINT step');
      this.written.length = writtenBefore;
      return { ok: false, error };
    }
    await this.db.query('RELEASE SAVEPOINT step');
    return { ok: true, value };
  }
}

/**
 * SQLSTATE classes of failures that are not the data's: connection (08), serialization and
 * deadlock (40), resources (53), cancelled or shutting down (57), system (58). The data's own
 * faults (22 data exception, 23 integrity) would fail again and are the row's refusal.
 */
function isTransientPostgresError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(08|40|53|57|58)/.test(code);
}

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:5432/db`. */
  connectionString: string;
  /** Schema to work in (set as search_path on every connection); defaults to the server's. */
  schema?: string;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
}

const SIGNAL_CHANNELS: readonly SignalChannel[] = ['changes', 'revocations'];
/** How long a lost LISTEN connection waits before it connects again. */
const LISTEN_RECONNECT_DELAY_MS = 1000;

export class PostgresStorage implements Storage {
  private readonly docs: PostgresDocuments;
  private readonly people: PostgresPeople;
  private readonly payments: PostgresPayments;
  private readonly push: PostgresPush;
  private closed = false;
  private readonly listeners = new Map<SignalChannel, Set<(payload: string) => void>>();
  /** The one connection that LISTENs for this process; opened with the first listener. */
  private listenClient: Promise<pg.Client> | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresStorageOptions,
    /** The schema the tables are in (current_schema(), whether set by `schema` or the URL). */
    private readonly namespace: string,
  ) {
    this.docs = new PostgresDocuments(pool, namespace);
    this.people = new PostgresPeople(pool, namespace);
    this.payments = new PostgresPayments(pool);
    this.push = new PostgresPush(pool);
  }

  /**
   * Channels, like advisory locks, are per database, not per schema: the schema is part of the
   * name so that two Fieldbooks in one database (the tests' schemas) do not hear each other.
   */
  private channelName(channel: SignalChannel): string {
    // An identifier is at most 63 bytes; schema names that long are not ours to worry about.
    return `fieldbook_${channel}_${this.namespace}`.slice(0, 63);
  }

  /** Connects, applies pending migrations and returns the storage; throws if the database is unreachable. */
  static async open(options: PostgresStorageOptions): Promise<PostgresStorage> {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
      throw new Error(`Invalid PostgreSQL schema name: ${options.schema}`);
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle connection that the server drops must not crash the process; the pool replaces it.
    pool.on('error', (error) => console.error('PostgreSQL idle connection error:', error.message));
    let namespace: string;
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
        namespace = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!
          .schema;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStorage(pool, options, namespace);
  }

  async transaction<T>(fn: (tx: DocumentTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const docs = new PostgresDocuments(client, this.namespace);
      const result = await fn(docs);
      if (docs.written.length > 0) {
        const lastSeq = await docs.numberWrites();
        // NOTIFY is transactional: the other processes hear it when, and only if, this commits.
        await client.query('SELECT pg_notify($1, $2)', [this.channelName('changes'), String(lastSeq)]);
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection that cannot even roll back is discarded rather than returned to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async readChangesAfter(afterSeq: number, limit: number): Promise<StoredDocument[]> {
    const { rows } = await this.pool.query<DocumentRow>(
      'SELECT * FROM documents WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map(toDocument);
  }

  async listen(channel: SignalChannel, onSignal: (payload: string) => void): Promise<() => Promise<void>> {
    const handlers = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, handlers);
    handlers.add(onSignal);
    await (this.listenClient ??= this.connectListener());
    return async () => void handlers.delete(onSignal);
  }

  async signal(channel: SignalChannel, payload: string): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [this.channelName(channel), payload]);
  }

  /**
   * A connection of its own, outside the pool, LISTENing on every channel: LISTEN belongs to a
   * session. When it is lost it connects again and tells every listener that signals may have
   * been missed (payload '').
   */
  private async connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.connectionString });
    const channels = new Map(SIGNAL_CHANNELS.map((channel) => [this.channelName(channel), channel]));
    client.on('notification', (message) => {
      const channel = channels.get(message.channel);
      for (const handler of (channel && this.listeners.get(channel)) || []) handler(message.payload ?? '');
    });
    let lost = false;
    const reconnect = () => {
      if (lost || this.closed) return;
      lost = true;
      client.end().catch(() => undefined);
      this.listenClient = null;
      setTimeout(() => void this.relisten(), LISTEN_RECONNECT_DELAY_MS).unref();
    };
    client.on('error', (error) => {
      console.error('PostgreSQL LISTEN connection lost:', error.message);
      reconnect();
    });
    client.on('end', reconnect);
    await client.connect();
    for (const name of channels.keys()) await client.query(`LISTEN "${name}"`);
    return client;
  }

  private async relisten(): Promise<void> {
    if (this.closed || this.listenClient) return;
    try {
      await (this.listenClient = this.connectListener());
      for (const handlers of this.listeners.values()) for (const handler of handlers) handler('');
    } catch (error) {
      console.error('PostgreSQL LISTEN reconnect failed:', (error as Error).message);
      this.listenClient = null;
      setTimeout(() => void this.relisten(), LISTEN_RECONNECT_DELAY_MS).unref();
    }
  }

  async exclusively<T>(name: string, fn: () => Promise<T>): Promise<T> {
    // A session lock on a connection of its own, held while `fn` uses the pool as usual.
    const client = await this.pool.connect();
    const key = `${this.namespace}:${name}`;
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
      }
    } finally {
      client.release();
    }
  }

  getDocument<K extends CollectionName>(collection: K, id: string) {
    return this.docs.getDocument(collection, id);
  }
  listAssignments() {
    return this.docs.listAssignments();
  }
  pullDocuments(query: PullQuery) {
    return this.docs.pullDocuments(query);
  }
  countPullable(query: Omit<PullQuery, 'limit'>) {
    return this.docs.countPullable(query);
  }
  findLogsOnDate(assignmentIds: readonly string[], date: string) {
    return this.docs.findLogsOnDate(assignmentIds, date);
  }
  findLogsBetween(assignmentId: string, start: string, end: string) {
    return this.docs.findLogsBetween(assignmentId, start, end);
  }
  countExpertLogsOnDate(query: ExpertDayQuery) {
    return this.docs.countExpertLogsOnDate(query);
  }
  documentsOfAssignment(assignmentId: string) {
    return this.docs.documentsOfAssignment(assignmentId);
  }
  latestSeq() {
    return this.docs.latestSeq();
  }

  async createUser(user: StoredUser & { institutionId?: string }): Promise<void> {
    await this.pool.query(
      'INSERT INTO users (id, email, name, role, password_hash, institution_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [user.id, user.email, user.name, user.role, user.passwordHash, user.institutionId ?? null],
    );
  }
  async getUserByEmail(email: string): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [
      email,
    ]);
    return rows[0] && toUser(rows[0]);
  }
  async getUserById(id: string): Promise<StoredUser | undefined> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] && toUser(rows[0]);
  }
  async setUserLanguage(id: string, language: Language): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE users SET language = $1 WHERE id = $2', [
      language,
      id,
    ]);
    return rowCount === 1;
  }
  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM users');
    return rows[0]!.n;
  }

  async saveToken(token: StoredToken): Promise<void> {
    await this.pool.query(
      `INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [token.tokenHash, token.userId, token.createdAt, token.expiresAt, token.revokedAt],
    );
  }
  async getToken(tokenHash: string): Promise<StoredToken | undefined> {
    const { rows } = await this.pool.query<TokenRow>('SELECT * FROM auth_tokens WHERE token_hash = $1', [
      tokenHash,
    ]);
    return rows[0] && toStoredToken(POSTGRES_COLUMNS, rows[0]);
  }
  async revokeToken(tokenHash: string, at: Date): Promise<void> {
    await this.pool.query(
      'UPDATE auth_tokens SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL',
      [at, tokenHash],
    );
  }
  async deleteExpiredTokens(before: Date): Promise<void> {
    await this.pool.query('DELETE FROM auth_tokens WHERE expires_at < $1', [before]);
  }

  async reserveLoginAttempt(
    keys: readonly string[],
    at: Date,
    since: Date,
    max: number,
  ): Promise<LoginReservation> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // One lock per key, in sorted order so two attempts never wait for each other in a circle.
      for (const key of [...new Set(keys)].sort()) {
        await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `${this.namespace}:login:${key}`,
        ]);
      }
      for (const key of keys) {
        await client.query('DELETE FROM login_failures WHERE key = $1 AND at <= $2', [key, since]);
        const { rows } = await client.query<{ at: Date }>(
          'SELECT at FROM login_failures WHERE key = $1 ORDER BY at',
          [key],
        );
        if (rows.length >= max) {
          await client.query('COMMIT');
          return { ok: false, key, failures: rows.map((r) => r.at) };
        }
      }
      const attemptId = randomUUID();
      for (const key of keys) {
        await client.query('INSERT INTO login_failures (key, at, attempt_id) VALUES ($1, $2, $3)', [
          key,
          at,
          attemptId,
        ]);
      }
      await client.query('COMMIT');
      return { ok: true, attemptId };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }
  async settleLoginAttempt(attemptId: string, succeeded: boolean): Promise<void> {
    if (succeeded) await this.pool.query('DELETE FROM login_failures WHERE attempt_id = $1', [attemptId]);
  }

  async clearLoginFailures(key: string): Promise<void> {
    await this.pool.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }

  createPerson(person: NewStoredPerson, invitation: StoredInvitation, actorId: string) {
    return this.people.createPerson(person, invitation, actorId);
  }
  getPerson(id: string) {
    return this.people.getPerson(id);
  }
  listPeople(page: { limit: number; offset: number }) {
    return this.people.listPeople(page);
  }
  getInvitation(codeHash: string) {
    return this.people.getInvitation(codeHash);
  }
  reissueInvitation(invitation: StoredInvitation, actorId: string) {
    return this.people.reissueInvitation(invitation, actorId);
  }
  acceptInvitation(codeHash: string, passwordHash: string, at: Date) {
    return this.people.acceptInvitation(codeHash, passwordHash, at);
  }
  setPersonActive(id: string, active: boolean, at: Date, actorId: string) {
    return this.people.setPersonActive(id, active, at, actorId);
  }
  listAudit(page: { limit: number; before?: number }) {
    return this.people.listAudit(page);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
  async close(): Promise<void> {
    // pool.end() throws when called twice; a shutdown may close more than once.
    if (this.closed) return;
    this.closed = true;
    const listener = this.listenClient;
    this.listenClient = null;
    if (listener) await (await listener.catch(() => null))?.end().catch(() => undefined);
    await this.pool.end();
  }

  createPaymentBatch(batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>) {
    return this.payments.createPaymentBatch(batch);
  }
  getPaymentBatch(id: string) {
    return this.payments.getPaymentBatch(id);
  }
  listPaymentBatches() {
    return this.payments.listPaymentBatches();
  }
  markPaymentBatchPaid(id: string, paidOn: string, at: Date, actorId: string) {
    return this.payments.markPaymentBatchPaid(id, paidOn, at, actorId);
  }
  batchOfTimesheet(timesheetId: string) {
    return this.payments.batchOfTimesheet(timesheetId);
  }
  vapidKeys(candidate: VapidKeys) {
    return this.push.vapidKeys(candidate);
  }
  savePushSubscription(subscription: StoredPushSubscription) {
    return this.push.savePushSubscription(subscription);
  }
  deletePushSubscription(endpoint: string, userId?: string) {
    return this.push.deletePushSubscription(endpoint, userId);
  }
  deletePushSubscriptionsOf(userId: string) {
    return this.push.deletePushSubscriptionsOf(userId);
  }
  pushSubscriptionsOf(userIds: readonly string[]) {
    return this.push.pushSubscriptionsOf(userIds);
  }
  pushRecipients() {
    return this.push.pushRecipients();
  }
  remindersOn(userId: string) {
    return this.push.remindersOn(userId);
  }
  setRemindersOn(userId: string, on: boolean) {
    return this.push.setRemindersOn(userId, on);
  }
  claimPushNotice(userId: string, key: string, at: Date) {
    return this.push.claimPushNotice(userId, key, at);
  }
}

/** The rows a pull may return, as SQL with its parameters; null when none can match. */
function pullableWhere(query: Omit<PullQuery, 'limit'>): { sql: string; params: unknown[] } | null {
  const { collection, afterSeq, assignmentIds } = query;
  if (assignmentIds !== 'all' && assignmentIds.length === 0) return null;
  // SP-13: the asking device's own rows are left out in the query, so a page still fills up.
  const sql = 'collection = $1 AND seq > $2 AND ($3::text IS NULL OR origin_device IS DISTINCT FROM $3)';
  const params: unknown[] = [collection, afterSeq, query.excludeOriginDevice ?? null];
  if (assignmentIds === 'all') return { sql, params };
  return { sql: `${sql} AND assignment_id = ANY($4::text[])`, params: [...params, assignmentIds] };
}
