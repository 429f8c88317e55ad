/**
 * Rows of the database as the storage interface returns them, written once for both backends.
 * The two differ only in how their drivers hand columns over — a time is `<name>_ms` milliseconds
 * on SQLite and `<name>` TIMESTAMPTZ on PostgreSQL, JSON is text on SQLite and parsed on PostgreSQL,
 * a flag is 0/1 or a boolean, a BIGINT a number or a string — which each backend says in its
 * `Columns`.
 */
import type { AuditEntry, Language } from '../../../src/shared/people';
import type { CollectionName } from '../../../src/shared/schemas';
import type { Role } from '../../../src/shared/users';
import type {
  StoredDocument,
  StoredInvitation,
  StoredPaymentBatch,
  StoredPerson,
  StoredToken,
  StoredUser,
} from './types';

/** A row as a driver returns it, columns by name. */
type Row = Readonly<Record<string, unknown>>;

/** How one backend's driver returns the kinds of column the tables use. */
export interface Columns {
  /** The time column `name`, null when empty. */
  time(row: Row, name: string): Date | null;
  json(value: unknown): unknown;
  flag(value: unknown): boolean;
  integer(value: unknown): number;
}

export const SQLITE_COLUMNS: Columns = {
  time: (row, name) => {
    const ms = row[`${name}_ms`];
    return ms === null || ms === undefined ? null : new Date(ms as number);
  },
  json: (value) => JSON.parse(value as string),
  flag: (value) => value === 1,
  integer: (value) => value as number,
};

export const POSTGRES_COLUMNS: Columns = {
  time: (row, name) => (row[name] as Date | null | undefined) ?? null,
  json: (value) => value,
  flag: (value) => value === true,
  // BIGINT comes back as a string from node-postgres.
  integer: (value) => Number(value),
};

/** A time column that is never empty. */
function timeOf(columns: Columns, row: Row, name: string): Date {
  return columns.time(row, name)!;
}

export function toStoredDocument(columns: Columns, stored: object): StoredDocument {
  const row = stored as Row;
  return {
    collection: row.collection as CollectionName,
    id: row.id as string,
    assignmentId: row.assignment_id as string,
    data: columns.json(row.data),
    deleted: columns.flag(row.deleted),
    seq: columns.integer(row.seq),
    originDevice: (row.origin_device as string | null | undefined) ?? null,
  } as StoredDocument;
}

export function toStoredUser(columns: Columns, stored: object): StoredUser {
  const row = stored as Row;
  const user: StoredUser = {
    id: row.id as string,
    email: row.email as string,
    name: row.name as string,
    role: row.role as Role,
    passwordHash: row.password_hash as string,
    language: (row.language as Language | null | undefined) ?? null,
  };
  const deactivatedAt = columns.time(row, 'deactivated_at');
  if (deactivatedAt) user.deactivatedAt = deactivatedAt;
  return user;
}

/** What a session token and an invitation share: whose, issued when, valid until, revoked when. */
function secretOf(columns: Columns, row: Row): Omit<StoredToken, 'tokenHash'> {
  return {
    userId: row.user_id as string,
    createdAt: timeOf(columns, row, 'created_at'),
    expiresAt: timeOf(columns, row, 'expires_at'),
    revokedAt: columns.time(row, 'revoked_at'),
  };
}

export function toStoredToken(columns: Columns, stored: object): StoredToken {
  const row = stored as Row;
  return { tokenHash: row.token_hash as string, ...secretOf(columns, row) };
}

export function toStoredPerson(columns: Columns, stored: object): StoredPerson {
  const row = stored as Row;
  return {
    id: row.id as string,
    email: row.email as string,
    name: row.name as string,
    role: row.role as Role,
    institutionId: row.institution_id as string | null,
    phone: row.phone as string | null,
    language: row.language as Language | null,
    createdAt: timeOf(columns, row, 'created_at'),
    deactivatedAt: columns.time(row, 'deactivated_at'),
    hasPassword: row.password_hash !== '',
  };
}

export function toStoredInvitation(columns: Columns, stored: object): StoredInvitation {
  const row = stored as Row;
  return {
    codeHash: row.code_hash as string,
    ...secretOf(columns, row),
    usedAt: columns.time(row, 'used_at'),
  };
}

export function toAuditEntry(columns: Columns, stored: object): AuditEntry {
  const row = stored as Row;
  return {
    id: columns.integer(row.id),
    at: timeOf(columns, row, 'at').toISOString(),
    actorId: row.actor_id as string,
    action: row.action as AuditEntry['action'],
    subjectType: row.subject_type as AuditEntry['subjectType'],
    subjectId: row.subject_id as string,
    changes: columns.json(row.changes) as AuditEntry['changes'],
  };
}

/** A payment batch; its months (sorted) are read by another query on SQLite, aggregated on PostgreSQL. */
export function toPaymentBatch(columns: Columns, stored: object, timesheetIds: string[]): StoredPaymentBatch {
  const row = stored as Row;
  return {
    id: row.id as string,
    createdAt: timeOf(columns, row, 'created_at'),
    createdBy: row.created_by as string,
    paidOn: row.paid_on as string | null,
    paidAt: columns.time(row, 'paid_at'),
    paidBy: row.paid_by as string | null,
    timesheetIds,
  };
}
