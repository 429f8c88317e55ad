/**
 * People, invitations and the audit on SQLite (PeopleStorage, PE-*). Synchronous on the one
 * connection; SqliteStorage queues each call. Each write is an IMMEDIATE transaction, so a check
 * (the email is free, the invitation unused, another officer active) and its write are one step
 * even for another process on the file.
 */
import type Database from 'better-sqlite3';
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
import { SQLITE_COLUMNS, toAuditEntry, toStoredInvitation, toStoredPerson, toStoredUser } from './rows';

interface PersonRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  institution_id: string | null;
  phone: string | null;
  language: Language | null;
  created_at_ms: number;
  deactivated_at_ms: number | null;
}
interface InvitationRow {
  code_hash: string;
  user_id: string;
  created_at_ms: number;
  expires_at_ms: number;
  used_at_ms: number | null;
  revoked_at_ms: number | null;
}
interface AuditRow {
  id: number;
  at_ms: number;
  actor_id: string;
  action: AuditAction;
  subject_type: 'person';
  subject_id: string;
  changes: string;
}

const toPerson = (row: PersonRow) => toStoredPerson(SQLITE_COLUMNS, row);
const toInvitation = (row: InvitationRow) => toStoredInvitation(SQLITE_COLUMNS, row);

export class SqlitePeople {
  constructor(private readonly db: Database.Database) {}

  private record(at: Date, actorId: string, action: AuditAction, subjectId: string, changes: AuditChanges) {
    this.db
      .prepare(
        `INSERT INTO audit_log (at_ms, actor_id, action, subject_type, subject_id, changes)
         VALUES (?, ?, ?, 'person', ?, ?)`,
      )
      .run(at.getTime(), actorId, action, subjectId, JSON.stringify(changes));
  }

  private institutionExists(id: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM documents WHERE collection = 'institutions' AND id = ? AND deleted = 0")
        .get(id) !== undefined
    );
  }

  private personRow(id: string): PersonRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as PersonRow | undefined;
  }

  /** Revokes the person's tokens and unused invitations; returns the hashes of the tokens. */
  private endAccess(userId: string, at: Date): string[] {
    this.db
      .prepare(
        `UPDATE invitations SET revoked_at_ms = ?
         WHERE user_id = ? AND used_at_ms IS NULL AND revoked_at_ms IS NULL`,
      )
      .run(at.getTime(), userId);
    const rows = this.db
      .prepare(
        `UPDATE auth_tokens SET revoked_at_ms = ? WHERE user_id = ? AND revoked_at_ms IS NULL
         RETURNING token_hash`,
      )
      .all(at.getTime(), userId) as { token_hash: string }[];
    return rows.map((row) => row.token_hash);
  }

  private insertInvitation(invitation: StoredInvitation): void {
    this.db
      .prepare(
        `INSERT INTO invitations (code_hash, user_id, created_at_ms, expires_at_ms, used_at_ms, revoked_at_ms)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        invitation.codeHash,
        invitation.userId,
        invitation.createdAt.getTime(),
        invitation.expiresAt.getTime(),
        invitation.usedAt?.getTime() ?? null,
        invitation.revokedAt?.getTime() ?? null,
      );
  }

  createPerson(person: NewStoredPerson, invitation: StoredInvitation, actorId: string): CreatePersonResult {
    return this.db
      .transaction((): CreatePersonResult => {
        // users.email is COLLATE NOCASE: = compares case-insensitively.
        if (this.db.prepare('SELECT 1 FROM users WHERE email = ?').get(person.email)) return 'email_taken';
        // PE-11: in the same IMMEDIATE transaction, so the institution cannot go meanwhile (IN-4).
        if (person.institutionId !== null && !this.institutionExists(person.institutionId)) {
          return 'institution_unknown';
        }
        this.db
          .prepare(
            `INSERT INTO users (id, email, name, role, password_hash, institution_id, phone, language, created_at_ms)
             VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)`,
          )
          .run(
            person.id,
            person.email,
            person.name,
            person.role,
            person.institutionId,
            person.phone,
            person.language,
            person.createdAt.getTime(),
          );
        this.insertInvitation(invitation);
        this.record(person.createdAt, actorId, 'person.created', person.id, createdChanges(person));
        return 'created';
      })
      .immediate();
  }

  getPerson(id: string): StoredPerson | undefined {
    const row = this.personRow(id);
    return row && toPerson(row);
  }

  listPeople(page: { limit: number; offset: number }): StoredPerson[] {
    const rows = this.db
      .prepare('SELECT * FROM users ORDER BY created_at_ms, id LIMIT ? OFFSET ?')
      .all(page.limit, page.offset) as PersonRow[];
    return rows.map(toPerson);
  }

  getInvitation(codeHash: string): StoredInvitation | undefined {
    const row = this.db.prepare('SELECT * FROM invitations WHERE code_hash = ?').get(codeHash) as
      InvitationRow | undefined;
    return row && toInvitation(row);
  }

  reissueInvitation(invitation: StoredInvitation, actorId: string): PersonChangeResult {
    return this.db
      .transaction((): PersonChangeResult => {
        const row = this.personRow(invitation.userId);
        if (!row) return { ok: false, reason: 'not_found' };
        const before = toPerson(row);
        if (before.deactivatedAt) return { ok: false, reason: 'deactivated' };
        const expiry = this.db
          .prepare(
            `SELECT MAX(expires_at_ms) AS expiry_ms FROM invitations
             WHERE user_id = ? AND used_at_ms IS NULL AND revoked_at_ms IS NULL`,
          )
          .get(before.id) as { expiry_ms: number | null };
        const revokedTokenHashes = this.endAccess(before.id, invitation.createdAt);
        this.db.prepare("UPDATE users SET password_hash = '' WHERE id = ?").run(before.id);
        this.insertInvitation(invitation);
        const changes = invitationChanges(
          statusOf(before),
          'invited',
          SQLITE_COLUMNS.time(expiry, 'expiry'),
          invitation.expiresAt,
        );
        this.record(invitation.createdAt, actorId, 'person.invited', before.id, changes);
        return { ok: true, person: this.getPerson(before.id)!, revokedTokenHashes };
      })
      .immediate();
  }

  acceptInvitation(codeHash: string, passwordHash: string, at: Date): AcceptInvitationResult {
    return this.db
      .transaction((): AcceptInvitationResult => {
        const invitation = this.getInvitation(codeHash);
        if (!invitation) return { ok: false, reason: 'unknown' };
        if (invitation.usedAt) return { ok: false, reason: 'used' };
        if (invitation.revokedAt) return { ok: false, reason: 'revoked' };
        if (invitation.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: 'expired' };
        const row = this.personRow(invitation.userId)!;
        this.db
          .prepare('UPDATE invitations SET used_at_ms = ? WHERE code_hash = ?')
          .run(at.getTime(), codeHash);
        this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, row.id);
        const from = statusOf(toPerson(row));
        this.record(at, row.id, 'person.invitation_accepted', row.id, statusChanges(from, 'active'));
        return { ok: true, user: toStoredUser(SQLITE_COLUMNS, { ...row, password_hash: passwordHash }) };
      })
      .immediate();
  }

  setPersonActive(id: string, active: boolean, at: Date, actorId: string): PersonChangeResult {
    return this.db
      .transaction((): PersonChangeResult => {
        const row = this.personRow(id);
        if (!row) return { ok: false, reason: 'not_found' };
        const before = toPerson(row);
        if (active === (before.deactivatedAt === null)) {
          return { ok: true, person: before, revokedTokenHashes: [] };
        }
        let revokedTokenHashes: string[] = [];
        if (active) {
          this.db.prepare('UPDATE users SET deactivated_at_ms = NULL WHERE id = ?').run(id);
        } else {
          if (statusOf(before) === 'active' && before.role === 'officer') {
            const others = this.db
              .prepare(
                `SELECT COUNT(*) AS n FROM users WHERE role = 'officer' AND id <> ?
                   AND deactivated_at_ms IS NULL AND password_hash <> ''`,
              )
              .get(id) as { n: number };
            if (others.n === 0) return { ok: false, reason: 'last_officer' };
          }
          this.db.prepare('UPDATE users SET deactivated_at_ms = ? WHERE id = ?').run(at.getTime(), id);
          revokedTokenHashes = this.endAccess(id, at);
        }
        const after = this.getPerson(id)!;
        const action = active ? 'person.reactivated' : 'person.deactivated';
        this.record(at, actorId, action, id, statusChanges(statusOf(before), statusOf(after)));
        return { ok: true, person: after, revokedTokenHashes };
      })
      .immediate();
  }

  listAudit(page: { limit: number; before?: number }): AuditEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(page.before ?? Number.MAX_SAFE_INTEGER, page.limit) as AuditRow[];
    return rows.map((row) => toAuditEntry(SQLITE_COLUMNS, row));
  }
}
