/**
 * People, invitations and the audit on PostgreSQL (PeopleStorage, PE-*). Every write runs in a
 * transaction holding one advisory lock for the people of this schema: a check (the email is
 * free, the invitation unused, another officer active) and its write are one step even when two
 * officers on two server processes act at once — two officers deactivating each other cannot
 * both pass the last-officer check.
 */
import type pg from 'pg';
import type { AuditAction, AuditEntry, Language } from '../../../src/shared/people';
import type { Role } from '../../../src/shared/users';
import {
  createdChanges,
  invitationChanges,
  statusChanges,
  statusOf,
  type AuditChanges,
} from './people-audit';
import type {
  AcceptInvitationResult,
  CreatePersonResult,
  NewStoredPerson,
  PersonChangeResult,
  StoredInvitation,
  StoredPerson,
} from './types';
import { POSTGRES_COLUMNS, toAuditEntry, toStoredInvitation, toStoredPerson, toStoredUser } from './rows';

type Queryable = Pick<pg.Pool, 'query'>;

interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  institution_id: string | null;
  phone: string | null;
  language: Language | null;
  created_at: Date;
  deactivated_at: Date | null;
}
interface InvitationRow {
  code_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}
interface AuditRow {
  /** BIGINT comes back as a string. */
  id: string;
  at: Date;
  actor_id: string;
  action: AuditAction;
  subject_type: 'person';
  subject_id: string;
  changes: AuditChanges;
}

const toPerson = (row: PersonRow) => toStoredPerson(POSTGRES_COLUMNS, row);
const toInvitation = (row: InvitationRow) => toStoredInvitation(POSTGRES_COLUMNS, row);

async function record(
  db: Queryable,
  at: Date,
  actorId: string,
  action: AuditAction,
  subjectId: string,
  changes: AuditChanges,
): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, action, subject_type, subject_id, changes)
     VALUES ($1, $2, $3, 'person', $4, $5::jsonb)`,
    [at, actorId, action, subjectId, JSON.stringify(changes)],
  );
}

async function personRow(db: Queryable, id: string): Promise<PersonRow | undefined> {
  return (await db.query<PersonRow>('SELECT * FROM users WHERE id = $1', [id])).rows[0];
}

async function insertInvitation(db: Queryable, invitation: StoredInvitation): Promise<void> {
  await db.query(
    `INSERT INTO invitations (code_hash, user_id, created_at, expires_at, used_at, revoked_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      invitation.codeHash,
      invitation.userId,
      invitation.createdAt,
      invitation.expiresAt,
      invitation.usedAt,
      invitation.revokedAt,
    ],
  );
}

/** Revokes the person's tokens and unused invitations; returns the hashes of the tokens. */
async function endAccess(db: Queryable, userId: string, at: Date): Promise<string[]> {
  await db.query(
    `UPDATE invitations SET revoked_at = $1 WHERE user_id = $2 AND used_at IS NULL AND revoked_at IS NULL`,
    [at, userId],
  );
  const { rows } = await db.query<{ token_hash: string }>(
    `UPDATE auth_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL RETURNING token_hash`,
    [at, userId],
  );
  return rows.map((row) => row.token_hash);
}

export class PostgresPeople {
  constructor(
    private readonly pool: pg.Pool,
    private readonly namespace: string,
  ) {}

  /** Runs `fn` in a transaction that holds the people lock of this schema. */
  private async locked<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${this.namespace}:people`,
      ]);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  createPerson(
    person: NewStoredPerson,
    invitation: StoredInvitation,
    actorId: string,
  ): Promise<CreatePersonResult> {
    return this.locked(async (db) => {
      const taken = await db.query('SELECT 1 FROM users WHERE lower(email) = lower($1)', [person.email]);
      if (taken.rows.length > 0) return 'email_taken';
      if (person.institutionId !== null) {
        // PE-11, IN-4: the institution's scope lock, as a push deleting it holds (lockScopes), so
        // the institution cannot be deleted between this check and the commit.
        await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
          `${this.namespace}:scope:institution:${person.institutionId}`,
        ]);
        const found = await db.query(
          "SELECT 1 FROM documents WHERE collection = 'institutions' AND id = $1 AND NOT deleted",
          [person.institutionId],
        );
        if (found.rows.length === 0) return 'institution_unknown';
      }
      await db.query(
        `INSERT INTO users (id, email, name, role, password_hash, institution_id, phone, language, created_at)
         VALUES ($1, $2, $3, $4, '', $5, $6, $7, $8)`,
        [
          person.id,
          person.email,
          person.name,
          person.role,
          person.institutionId,
          person.phone,
          person.language,
          person.createdAt,
        ],
      );
      await insertInvitation(db, invitation);
      await record(db, person.createdAt, actorId, 'person.created', person.id, createdChanges(person));
      return 'created';
    });
  }

  async getPerson(id: string): Promise<StoredPerson | undefined> {
    const row = await personRow(this.pool, id);
    return row && toPerson(row);
  }

  async listPeople(page: { limit: number; offset: number }): Promise<StoredPerson[]> {
    const { rows } = await this.pool.query<PersonRow>(
      'SELECT * FROM users ORDER BY created_at, id LIMIT $1 OFFSET $2',
      [page.limit, page.offset],
    );
    return rows.map(toPerson);
  }

  async getInvitation(codeHash: string): Promise<StoredInvitation | undefined> {
    const { rows } = await this.pool.query<InvitationRow>('SELECT * FROM invitations WHERE code_hash = $1', [
      codeHash,
    ]);
    return rows[0] && toInvitation(rows[0]);
  }

  reissueInvitation(invitation: StoredInvitation, actorId: string): Promise<PersonChangeResult> {
    return this.locked(async (db): Promise<PersonChangeResult> => {
      const row = await personRow(db, invitation.userId);
      if (!row) return { ok: false, reason: 'not_found' };
      const before = toPerson(row);
      if (before.deactivatedAt) return { ok: false, reason: 'deactivated' };
      const { rows } = await db.query<{ expiry: Date | null }>(
        `SELECT MAX(expires_at) AS expiry FROM invitations
         WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
        [before.id],
      );
      const revokedTokenHashes = await endAccess(db, before.id, invitation.createdAt);
      await db.query("UPDATE users SET password_hash = '' WHERE id = $1", [before.id]);
      await insertInvitation(db, invitation);
      const changes = invitationChanges(
        statusOf(before),
        'invited',
        rows[0]?.expiry ?? null,
        invitation.expiresAt,
      );
      await record(db, invitation.createdAt, actorId, 'person.invited', before.id, changes);
      return { ok: true, person: toPerson((await personRow(db, before.id))!), revokedTokenHashes };
    });
  }

  acceptInvitation(codeHash: string, passwordHash: string, at: Date): Promise<AcceptInvitationResult> {
    return this.locked(async (db): Promise<AcceptInvitationResult> => {
      const { rows } = await db.query<InvitationRow>('SELECT * FROM invitations WHERE code_hash = $1', [
        codeHash,
      ]);
      const invitation = rows[0] && toInvitation(rows[0]);
      if (!invitation) return { ok: false, reason: 'unknown' };
      if (invitation.usedAt) return { ok: false, reason: 'used' };
      if (invitation.revokedAt) return { ok: false, reason: 'revoked' };
      if (invitation.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: 'expired' };
      const row = (await personRow(db, invitation.userId))!;
      await db.query('UPDATE invitations SET used_at = $1 WHERE code_hash = $2', [at, codeHash]);
      await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, row.id]);
      const from = statusOf(toPerson(row));
      await record(db, at, row.id, 'person.invitation_accepted', row.id, statusChanges(from, 'active'));
      return {
        ok: true,
        user: toStoredUser(POSTGRES_COLUMNS, { ...row, password_hash: passwordHash }),
      };
    });
  }

  setPersonActive(id: string, active: boolean, at: Date, actorId: string): Promise<PersonChangeResult> {
    return this.locked(async (db): Promise<PersonChangeResult> => {
      const row = await personRow(db, id);
      if (!row) return { ok: false, reason: 'not_found' };
      const before = toPerson(row);
      if (active === (before.deactivatedAt === null)) {
        return { ok: true, person: before, revokedTokenHashes: [] };
      }
      let revokedTokenHashes: string[] = [];
      if (active) {
        await db.query('UPDATE users SET deactivated_at = NULL WHERE id = $1', [id]);
      } else {
        if (statusOf(before) === 'active' && before.role === 'officer') {
          const { rows } = await db.query<{ n: number }>(
            `SELECT COUNT(*)::int AS n FROM users WHERE role = 'officer' AND id <> $1
               AND deactivated_at IS NULL AND password_hash <> ''`,
            [id],
          );
          if (rows[0]!.n === 0) return { ok: false, reason: 'last_officer' };
        }
        await db.query('UPDATE users SET deactivated_at = $1 WHERE id = $2', [at, id]);
        revokedTokenHashes = await endAccess(db, id, at);
      }
      const after = toPerson((await personRow(db, id))!);
      const action = active ? 'person.reactivated' : 'person.deactivated';
      await record(db, at, actorId, action, id, statusChanges(statusOf(before), statusOf(after)));
      return { ok: true, person: after, revokedTokenHashes };
    });
  }

  async listAudit(page: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      'SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2',
      [page.before ?? Number.MAX_SAFE_INTEGER, page.limit],
    );
    return rows.map((row) => toAuditEntry(POSTGRES_COLUMNS, row));
  }
}
