/**
 * Adding a person with a single-use invitation (PE-1, PE-2): shared by the people API and the
 * command that sets up a programme's first officer (add-officer.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { INVITATION_TTL_MS, type InvitationLink, type NewPersonRequest } from '../../../src/shared/people';
import { welcomePath } from '../../../src/shared/paths';
import type { NewStoredPerson, Storage, StoredInvitation } from '../storage/types';
import { hashToken } from './tokens';

/** A new invitation: its code goes to the officer once, only its hash is stored (PE-2). */
export function newInvitation(userId: string, origin: string, now: Date) {
  const code = randomBytes(24).toString('base64url');
  const stored: StoredInvitation = {
    codeHash: hashToken(code),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    usedAt: null,
    revokedAt: null,
  };
  const link: InvitationLink = {
    code,
    url: `${origin}${welcomePath(code)}`,
    expiresAt: stored.expiresAt.toISOString(),
  };
  return { stored, link };
}

export type AddPersonResult =
  | { ok: true; person: NewStoredPerson; invitation: InvitationLink }
  | { ok: false; reason: 'email_taken' | 'institution_unknown' };

/**
 * Creates the person, their invitation and the audit entry in one step; nothing when the email is
 * taken or the host institution does not exist (PE-11).
 */
export async function addPerson(
  storage: Pick<Storage, 'createPerson'>,
  input: NewPersonRequest,
  actorId: string,
  origin: string,
  now: Date,
): Promise<AddPersonResult> {
  const id = randomUUID();
  const { stored, link } = newInvitation(id, origin, now);
  const person: NewStoredPerson = {
    id,
    name: input.name,
    email: input.email,
    role: input.role,
    institutionId: input.institutionId ?? null,
    phone: input.phone ?? null,
    language: input.language ?? null,
    createdAt: stored.createdAt,
  };
  const created = await storage.createPerson(person, stored, actorId);
  if (created !== 'created') return { ok: false, reason: created };
  return { ok: true, person, invitation: link };
}
