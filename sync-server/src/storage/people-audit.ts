/**
 * What the audit records of each change to a person (PE-6), worked out once for every backend:
 * field by field, what it was and what it became. Never a password, hash or invitation code.
 */
import { personStatus, type AuditEntry, type PersonStatus } from '../../../src/shared/people';
import type { NewStoredPerson, StoredPerson } from './types';

export type AuditChanges = AuditEntry['changes'];

export function createdChanges(person: NewStoredPerson): AuditChanges {
  const fields = {
    name: person.name,
    email: person.email,
    role: person.role,
    institutionId: person.institutionId,
    phone: person.phone,
    language: person.language,
    status: 'invited' satisfies PersonStatus,
  };
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, value]) => value !== null)
      .map(([field, value]) => [field, { from: null, to: value }]),
  );
}

export function statusOf(person: Pick<StoredPerson, 'deactivatedAt' | 'hasPassword'>): PersonStatus {
  return personStatus({ deactivated: person.deactivatedAt !== null, hasPassword: person.hasPassword });
}

export function statusChanges(from: PersonStatus, to: PersonStatus): AuditChanges {
  return { status: { from, to } };
}

/** A new invitation replaces the unused ones: their expiry, and the new one's. */
export function invitationChanges(
  from: PersonStatus,
  to: PersonStatus,
  previousExpiry: Date | null,
  expiresAt: Date,
): AuditChanges {
  return {
    ...(from !== to ? statusChanges(from, to) : {}),
    invitationExpiresAt: { from: previousExpiry?.toISOString() ?? null, to: expiresAt.toISOString() },
  };
}
