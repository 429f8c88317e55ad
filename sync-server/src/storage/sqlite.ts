/**
 * SQLite storage on better-sqlite3 (WAL mode). better-sqlite3 is synchronous and has one
 * connection, so every operation goes through a queue: an open transaction is never interleaved
 * with another request's reads or writes while its callback awaits.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { CollectionName } from '../../../src/shared/schemas';
import { APPLIED_MIGRATIONS_SQL, migrationsTableSql, pendingMigrations } from './migrations';
import { SQLITE_COLUMNS, toStoredDocument, toStoredToken, toStoredUser } from './rows';
import { SqlitePayments } from './sqlite-payments';
import { SqlitePush } from './sqlite-push';
import { SqlitePeople } from './sqlite-people';
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

export const DEFAULT_SQLITE_PATH = './data/fieldbook.sqlite';
export const SQLITE_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));

/** A row of the documents table as better-sqlite3 returns it (also read by move-to-postgres.ts). */
export interface DocumentRow {
  collection: string;
  id: string;
  assignment_id: string;
  data: string;
  deleted: number;
  seq: number;
  origin_device?: string | null;
}
interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  deactivated_at_ms?: number | null;
}
interface TokenRow {
  token_hash: string;
  user_id: string;
  created_at_ms: number;
  expires_at_ms: number;
  revoked_at_ms: number | null;
}

const toDocument = (row: DocumentRow) => toStoredDocument(SQLITE_COLUMNS, row);
const toUser = (row: UserRow) => toStoredUser(SQLITE_COLUMNS, row);

/** Applies the migrations not yet recorded (migrations.ts), each in a transaction. */
export function migrateSqlite(db: Database.Database, dir = SQLITE_MIGRATIONS_DIR): string[] {
  db.exec(migrationsTableSql('TEXT'));
  const pending = pendingMigrations(dir, db.prepare(APPLIED_MIGRATIONS_SQL).all() as { name: string }[]);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
        migration.name,
        new Date().toISOString(),
      );
    })();
  }
  return pending.map((migration) => migration.name);
}

class SqliteDocuments implements DocumentTransaction {
  /** The last seq this connection wrote since it was last reset (one transaction at a time). */
  lastWrittenSeq = 0;

  /** Prepared once per SQL text: preparing took more time than running on a busy push path. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(protected readonly db: Database.Database) {}

  private paymentsInTransaction?: SqlitePayments;

  async batchIdOfTimesheet(timesheetId: string): Promise<string | null> {
    this.paymentsInTransaction ??= new SqlitePayments(this.db);
    return this.paymentsInTransaction.batchOfTimesheet(timesheetId)?.id ?? null;
  }

  async insertPaymentBatch(
    batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>,
  ): Promise<CreateBatchResult> {
    // better-sqlite3 runs a transaction inside the open one as a savepoint.
    this.paymentsInTransaction ??= new SqlitePayments(this.db);
    return this.paymentsInTransaction.createPaymentBatch(batch);
  }

  protected prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** Every SQLite transaction runs alone (BEGIN IMMEDIATE on one queue): every scope is held. */
  async lockScopes(): Promise<void> {}

  async getDocument<K extends CollectionName>(
    collection: K,
    id: string,
  ): Promise<StoredDocument<K> | undefined> {
    const row = this.prepare('SELECT * FROM documents WHERE collection = ? AND id = ?').get(
      collection,
      id,
    ) as DocumentRow | undefined;
    return row ? (toDocument(row) as StoredDocument<K>) : undefined;
  }

  async listAssignments(): Promise<StoredDocument<'assignments'>[]> {
    const rows = this.prepare(
      "SELECT * FROM documents WHERE collection = 'assignments' ORDER BY seq",
    ).all() as DocumentRow[];
    return rows.map(toDocument) as StoredDocument<'assignments'>[];
  }

  async pullDocuments(query: PullQuery): Promise<StoredDocument[]> {
    const where = this.pullableWhere(query);
    if (!where) return [];
    const rows = this.prepare(`SELECT * FROM documents WHERE ${where.sql} ORDER BY seq LIMIT ?`).all(
      ...where.params,
      query.limit,
    ) as DocumentRow[];
    return rows.map(toDocument);
  }

  async countPullable(query: Omit<PullQuery, 'limit'>): Promise<number> {
    const where = this.pullableWhere(query);
    if (!where) return 0;
    return (
      this.prepare(`SELECT COUNT(*) AS n FROM documents WHERE ${where.sql}`).get(...where.params) as {
        n: number;
      }
    ).n;
  }

  /** The rows a pull may return, as SQL; null when none can match. */
  private pullableWhere(query: Omit<PullQuery, 'limit'>): { sql: string; params: unknown[] } | null {
    const { collection, afterSeq, assignmentIds } = query;
    if (assignmentIds !== 'all' && assignmentIds.length === 0) return null;
    // SP-13: the asking device's own rows are left out in the query, so a page still fills up.
    const sql = 'collection = ? AND seq > ? AND (origin_device IS NULL OR origin_device <> ?)';
    const params: unknown[] = [collection, afterSeq, query.excludeOriginDevice ?? ''];
    if (assignmentIds === 'all') return { sql, params };
    // The ids go in as one JSON parameter: no limit on the number of SQL variables.
    return {
      sql: `${sql} AND assignment_id IN (SELECT value FROM json_each(?))`,
      params: [...params, JSON.stringify(assignmentIds)],
    };
  }

  async findLogsOnDate(assignmentIds: readonly string[], date: string): Promise<StoredDocument<'logs'>[]> {
    const rows = this.prepare(
      `SELECT * FROM documents WHERE collection = 'logs' AND deleted = 0
           AND assignment_id IN (SELECT value FROM json_each(?)) AND json_extract(data, '$.date') = ?
           ORDER BY seq`,
    ).all(JSON.stringify(assignmentIds), date) as DocumentRow[];
    return rows.map(toDocument) as StoredDocument<'logs'>[];
  }

  async countExpertLogsOnDate(query: ExpertDayQuery): Promise<ExpertDayCount> {
    // The expressions match the indexes of migrations/sqlite/20261201000100-log-day-index.sql
    // word for word: SQLite only uses an expression index for the very same expression. Without
    // statistics it would rather walk all the assignment's logs (documents_assignment), hence INDEXED BY.
    const row = this.prepare(
      `SELECT COUNT(*) AS logs, COALESCE(SUM(hours), 0) AS hours FROM (
           SELECT json_extract(data, '$.hours') AS hours FROM documents INDEXED BY documents_log_dates
           WHERE collection = 'logs' AND deleted = 0 AND json_extract(data, '$.date') = ? AND id <> ?
             AND assignment_id IN (SELECT id FROM documents
               WHERE collection = 'assignments' AND json_extract(data, '$.expertId') = ?)
           LIMIT ?)`,
    ).get(query.date, query.excludeLogId, query.expertId, query.atMost) as ExpertDayCount;
    return { logs: row.logs, hours: row.hours };
  }

  async findLogsBetween(assignmentId: string, start: string, end: string): Promise<StoredDocument<'logs'>[]> {
    const rows = this.prepare(
      `SELECT * FROM documents WHERE collection = 'logs' AND deleted = 0 AND assignment_id = ?
           AND json_extract(data, '$.date') BETWEEN ? AND ? ORDER BY seq`,
    ).all(assignmentId, start, end) as DocumentRow[];
    return rows.map(toDocument) as StoredDocument<'logs'>[];
  }

  async documentsOfAssignment(assignmentId: string): Promise<StoredDocument[]> {
    const rows = this.prepare(
      `SELECT * FROM documents WHERE collection IN ('logs', 'timesheets', 'reports') AND assignment_id = ? AND deleted = 0
           ORDER BY seq`,
    ).all(assignmentId) as DocumentRow[];
    return rows.map(toDocument);
  }

  async latestSeq(): Promise<number> {
    return (this.prepare('SELECT last_seq FROM sync_sequence WHERE id = 1').get() as { last_seq: number })
      .last_seq;
  }

  async countPeopleOfInstitution(institutionId: string): Promise<number> {
    return (
      this.prepare('SELECT COUNT(*) AS n FROM users WHERE institution_id = ?').get(institutionId) as {
        n: number;
      }
    ).n;
  }

  async recordAudit(entry: NewAuditEntry): Promise<void> {
    this.prepare(
      `INSERT INTO audit_log (at_ms, actor_id, action, subject_type, subject_id, changes)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.at.getTime(),
      entry.actorId,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      JSON.stringify(entry.changes),
    );
  }

  async writeDocument<K extends CollectionName>(write: DocumentWrite<K>): Promise<StoredDocument<K>> {
    const { last_seq: seq } = this.prepare(
      'UPDATE sync_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq',
    ).get() as { last_seq: number };
    this.prepare(
      `INSERT INTO documents (collection, id, assignment_id, data, deleted, seq, origin_device)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET assignment_id = excluded.assignment_id,
           data = excluded.data, deleted = excluded.deleted, seq = excluded.seq,
           origin_device = excluded.origin_device`,
    ).run(
      write.collection,
      write.id,
      write.assignmentId,
      JSON.stringify(write.data),
      write.deleted ? 1 : 0,
      seq,
      write.originDevice ?? null,
    );
    this.lastWrittenSeq = seq;
    return { ...write, originDevice: write.originDevice ?? null, seq };
  }

  async savepoint<T>(fn: () => Promise<T>): Promise<SavepointResult<T>> {
    const seqBefore = this.lastWrittenSeq;
    this.db.exec('SAVEPOINT step');
    try {
      const value = await fn();
      this.db.exec('RELEASE step');
      return { ok: true, value };
    } catch (error) {
      // SQLite ends the whole transaction itself on some errors (a full disk): nothing goes on.
      if (!this.db.inTransaction || isTransientSqliteError(error)) throw error;
      this.db.exec('ROLLBACK TO step');
      this.db.exec('RELEASE step');
      this.lastWrittenSeq = seqBefore;
      return { ok: false, error };
    }
  }
}

/** Errors of the database file or its locks, not of the data written: trying again may pass. */
function isTransientSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    /^SQLITE_(BUSY|LOCKED|IOERR|FULL|NOMEM|INTERRUPT|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/.test(code)
  );
}

export interface SqliteStorageOptions {
  /** Database file; its folder is created. Defaults to ./data/fieldbook.sqlite. */
  path?: string;
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly docs: SqliteDocuments;
  private readonly people: SqlitePeople;
  private readonly payments: SqlitePayments;
  private readonly push: SqlitePush;
  private queue: Promise<unknown> = Promise.resolve();
  /** One process serves an SQLite file, so its signals never leave the process. */
  private readonly signals = new EventEmitter().setMaxListeners(0);

  constructor(options: SqliteStorageOptions = {}) {
    const file = options.path ?? DEFAULT_SQLITE_PATH;
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    // Waits instead of failing if another process (a backup, an inspection) holds a lock.
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
    this.docs = new SqliteDocuments(this.db);
    this.people = new SqlitePeople(this.db);
    this.payments = new SqlitePayments(this.db);
    this.push = new SqlitePush(this.db);
  }

  /** Runs `fn` after every operation queued before it. */
  private run<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  transaction<T>(fn: (tx: DocumentTransaction) => Promise<T>): Promise<T> {
    return this.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      this.docs.lastWrittenSeq = 0;
      try {
        const result = await fn(this.docs);
        this.db.exec('COMMIT');
        const written = this.docs.lastWrittenSeq;
        if (written > 0) this.signals.emit('changes', String(written));
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  readChangesAfter(afterSeq: number, limit: number): Promise<StoredDocument[]> {
    return this.run(() =>
      (
        this.db
          .prepare('SELECT * FROM documents WHERE seq > ? ORDER BY seq LIMIT ?')
          .all(afterSeq, limit) as DocumentRow[]
      ).map(toDocument),
    );
  }

  async listen(channel: SignalChannel, onSignal: (payload: string) => void): Promise<() => Promise<void>> {
    this.signals.on(channel, onSignal);
    return async () => void this.signals.off(channel, onSignal);
  }
  async signal(channel: SignalChannel, payload: string): Promise<void> {
    this.signals.emit(channel, payload);
  }
  /** One process per SQLite file: nothing else can run `fn` at the same time. */
  exclusively<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  getDocument<K extends CollectionName>(collection: K, id: string) {
    return this.run(() => this.docs.getDocument(collection, id));
  }
  listAssignments() {
    return this.run(() => this.docs.listAssignments());
  }
  pullDocuments(query: PullQuery) {
    return this.run(() => this.docs.pullDocuments(query));
  }
  countPullable(query: Omit<PullQuery, 'limit'>) {
    return this.run(() => this.docs.countPullable(query));
  }
  findLogsOnDate(assignmentIds: readonly string[], date: string) {
    return this.run(() => this.docs.findLogsOnDate(assignmentIds, date));
  }
  findLogsBetween(assignmentId: string, start: string, end: string) {
    return this.run(() => this.docs.findLogsBetween(assignmentId, start, end));
  }
  documentsOfAssignment(assignmentId: string) {
    return this.run(() => this.docs.documentsOfAssignment(assignmentId));
  }
  countExpertLogsOnDate(query: ExpertDayQuery) {
    return this.run(() => this.docs.countExpertLogsOnDate(query));
  }
  latestSeq() {
    return this.run(() => this.docs.latestSeq());
  }

  createUser(user: StoredUser & { institutionId?: string }): Promise<void> {
    return this.run(() => {
      this.db
        .prepare(
          `INSERT INTO users (id, email, name, role, password_hash, institution_id, created_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          user.id,
          user.email,
          user.name,
          user.role,
          user.passwordHash,
          user.institutionId ?? null,
          Date.now(),
        );
    });
  }
  getUserByEmail(email: string): Promise<StoredUser | undefined> {
    return this.run(() => {
      const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
      return row && toUser(row);
    });
  }
  getUserById(id: string): Promise<StoredUser | undefined> {
    return this.run(() => {
      const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
      return row && toUser(row);
    });
  }
  setUserLanguage(id: string, language: Language): Promise<boolean> {
    return this.run(
      () => this.db.prepare('UPDATE users SET language = ? WHERE id = ?').run(language, id).changes === 1,
    );
  }
  countUsers(): Promise<number> {
    return this.run(() => (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n);
  }

  saveToken(token: StoredToken): Promise<void> {
    return this.run(() => {
      this.db
        .prepare(
          `INSERT INTO auth_tokens (token_hash, user_id, created_at_ms, expires_at_ms, revoked_at_ms)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(
          token.tokenHash,
          token.userId,
          token.createdAt.getTime(),
          token.expiresAt.getTime(),
          token.revokedAt?.getTime() ?? null,
        );
    });
  }
  getToken(tokenHash: string): Promise<StoredToken | undefined> {
    return this.run(() => {
      const row = this.db.prepare('SELECT * FROM auth_tokens WHERE token_hash = ?').get(tokenHash) as
        TokenRow | undefined;
      return row && toStoredToken(SQLITE_COLUMNS, row);
    });
  }
  revokeToken(tokenHash: string, at: Date): Promise<void> {
    return this.run(() => {
      this.db
        .prepare('UPDATE auth_tokens SET revoked_at_ms = ? WHERE token_hash = ? AND revoked_at_ms IS NULL')
        .run(at.getTime(), tokenHash);
    });
  }
  deleteExpiredTokens(before: Date): Promise<void> {
    return this.run(() => {
      this.db.prepare('DELETE FROM auth_tokens WHERE expires_at_ms < ?').run(before.getTime());
    });
  }

  reserveLoginAttempt(
    keys: readonly string[],
    at: Date,
    since: Date,
    max: number,
  ): Promise<LoginReservation> {
    return this.run(() =>
      // IMMEDIATE: the count and the insert are one step even for another process on the file.
      this.db
        .transaction((): LoginReservation => {
          for (const key of keys) {
            this.db
              .prepare('DELETE FROM login_failures WHERE key = ? AND at_ms <= ?')
              .run(key, since.getTime());
            const rows = this.db
              .prepare('SELECT at_ms FROM login_failures WHERE key = ? ORDER BY at_ms')
              .all(key) as { at_ms: number }[];
            if (rows.length >= max) return { ok: false, key, failures: rows.map((r) => new Date(r.at_ms)) };
          }
          const attemptId = randomUUID();
          const insert = this.db.prepare(
            'INSERT INTO login_failures (key, at_ms, attempt_id) VALUES (?, ?, ?)',
          );
          for (const key of keys) insert.run(key, at.getTime(), attemptId);
          return { ok: true, attemptId };
        })
        .immediate(),
    );
  }
  settleLoginAttempt(attemptId: string, succeeded: boolean): Promise<void> {
    return this.run(() => {
      if (succeeded) this.db.prepare('DELETE FROM login_failures WHERE attempt_id = ?').run(attemptId);
    });
  }
  clearLoginFailures(key: string): Promise<void> {
    return this.run(() => {
      this.db.prepare('DELETE FROM login_failures WHERE key = ?').run(key);
    });
  }

  createPerson(person: NewStoredPerson, invitation: StoredInvitation, actorId: string) {
    return this.run(() => this.people.createPerson(person, invitation, actorId));
  }
  getPerson(id: string) {
    return this.run(() => this.people.getPerson(id));
  }
  listPeople(page: { limit: number; offset: number }) {
    return this.run(() => this.people.listPeople(page));
  }
  getInvitation(codeHash: string) {
    return this.run(() => this.people.getInvitation(codeHash));
  }
  reissueInvitation(invitation: StoredInvitation, actorId: string) {
    return this.run(() => this.people.reissueInvitation(invitation, actorId));
  }
  acceptInvitation(codeHash: string, passwordHash: string, at: Date) {
    return this.run(() => this.people.acceptInvitation(codeHash, passwordHash, at));
  }
  setPersonActive(id: string, active: boolean, at: Date, actorId: string) {
    return this.run(() => this.people.setPersonActive(id, active, at, actorId));
  }
  listAudit(page: { limit: number; before?: number }) {
    return this.run(() => this.people.listAudit(page));
  }

  ping(): Promise<void> {
    return this.run(() => {
      this.db.prepare('SELECT 1').get();
    });
  }
  close(): Promise<void> {
    return this.run(() => {
      if (this.db.open) this.db.close();
    });
  }

  createPaymentBatch(batch: Omit<StoredPaymentBatch, 'paidOn' | 'paidAt' | 'paidBy'>) {
    return this.run(() => this.payments.createPaymentBatch(batch));
  }
  getPaymentBatch(id: string) {
    return this.run(() => this.payments.getPaymentBatch(id));
  }
  listPaymentBatches() {
    return this.run(() => this.payments.listPaymentBatches());
  }
  markPaymentBatchPaid(id: string, paidOn: string, at: Date, actorId: string) {
    return this.run(() => this.payments.markPaymentBatchPaid(id, paidOn, at, actorId));
  }
  batchOfTimesheet(timesheetId: string) {
    return this.run(() => this.payments.batchOfTimesheet(timesheetId));
  }

  vapidKeys(candidate: VapidKeys) {
    return this.run(() => this.push.vapidKeys(candidate));
  }
  savePushSubscription(subscription: StoredPushSubscription) {
    return this.run(() => this.push.savePushSubscription(subscription));
  }
  deletePushSubscription(endpoint: string, userId?: string) {
    return this.run(() => this.push.deletePushSubscription(endpoint, userId));
  }
  deletePushSubscriptionsOf(userId: string) {
    return this.run(() => this.push.deletePushSubscriptionsOf(userId));
  }
  pushSubscriptionsOf(userIds: readonly string[]) {
    return this.run(() => this.push.pushSubscriptionsOf(userIds));
  }
  pushRecipients() {
    return this.run(() => this.push.pushRecipients());
  }
  remindersOn(userId: string) {
    return this.run(() => this.push.remindersOn(userId));
  }
  setRemindersOn(userId: string, on: boolean) {
    return this.run(() => this.push.setRemindersOn(userId, on));
  }
  claimPushNotice(userId: string, key: string, at: Date) {
    return this.run(() => this.push.claimPushNotice(userId, key, at));
  }
}
