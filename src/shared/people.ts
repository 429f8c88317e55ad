/**
 * People and invitations (docs/sync-protocol.md PE-*): the request and response shapes of the
 * officers' account API, and the checks of what may be sent — read by the server now and by the
 * welcome and people screens later, so a refusal is worded once.
 */
import { reason, type Reason } from './reasons';
import { COMMON_PASSWORDS } from './common-passwords';
import { unstorableTextRefusal } from './rules/text-rules';
import { LANGUAGES, type Language } from './languages';
import { ROLES, type PublicUser, type Role } from './users';

export { LANGUAGES, type Language } from './languages';

/** PE-2: an invitation can be used once, within this time. */
export const INVITATION_TTL_MS = 14 * 86_400_000;
/** PE-3. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1000;
/** PE-6: the most people or audit entries one request returns. */
export const MAX_PEOPLE_PAGE = 200;
export const DEFAULT_PEOPLE_PAGE = 50;

export const PEOPLE_API_PATHS = {
  people: '/api/people',
  invitation: (personId: string) => `/api/people/${encodeURIComponent(personId)}/invitation`,
  deactivate: (personId: string) => `/api/people/${encodeURIComponent(personId)}/deactivate`,
  reactivate: (personId: string) => `/api/people/${encodeURIComponent(personId)}/reactivate`,
  import: '/api/people/import',
  acceptInvitation: '/api/invitations/accept',
  audit: '/api/audit',
} as const;

/** PE-5: what a deactivated person is told when signing in. */
export const DEACTIVATED_SIGN_IN_REASON = reason(/*i18n*/ 'rules.signIn.deactivated');

/** PE-2: why an invitation cannot be accepted, and whom to ask — said plainly, once. */
export const INVITATION_REFUSALS = {
  unknown: reason(/*i18n*/ 'rules.invitation.unknown'),
  used: reason(/*i18n*/ 'rules.invitation.used'),
  expired: reason(/*i18n*/ 'rules.invitation.expired'),
  revoked: reason(/*i18n*/ 'rules.invitation.revoked'),
} as const;
export type InvitationRefusal = keyof typeof INVITATION_REFUSALS;

/** invited: has not set a password yet; deactivated: may not sign in (PE-5). */
export type PersonStatus = 'active' | 'deactivated' | 'invited';

export interface NewPersonRequest {
  name: string;
  email: string;
  role: Role;
  institutionId?: string;
  phone?: string;
  language?: Language;
}

/**
 * PE-9: the columns of a people CSV, as on the add-person form; the header row names them in any
 * order (case and spaces ignored). name, email and role are required.
 */
export const IMPORT_COLUMNS = ['name', 'email', 'role', 'phone', 'language', 'institution_id'] as const;
export const REQUIRED_IMPORT_COLUMNS = ['name', 'email', 'role'] as const;
/** Rows one import may hold: a country's 50 experts with their supervisors, several times over. */
export const MAX_IMPORT_ROWS = 500;

/** The outcome of one row: created with its invitation, or refused with the field and reason. */
export type ImportRowResult =
  | {
      line: number;
      email: string;
      ok: true;
      person: Person;
      invitation: InvitationLink;
      /** PE-10: present when the server emails invitations (`email` is the row's address). */
      invitationEmail?: InvitationEmail;
    }
  /** `reason`: said in the officer's language; `message`: its English. */
  | { line: number; email: string; ok: false; field: string; message: string; reason?: Reason };

export interface PeopleImportResponse {
  created: number;
  refused: number;
  /** One per data row, in file order. */
  results: ImportRowResult[];
}

export interface Person extends PublicUser {
  institutionId: string | null;
  phone: string | null;
  language: Language | null;
  status: PersonStatus;
  /** ISO timestamps. */
  createdAt: string;
  deactivatedAt: string | null;
}

export interface InvitationLink {
  /** Shown once: the server keeps only its hash. */
  code: string;
  /** `<public URL>/welcome/<code>`. */
  url: string;
  expiresAt: string;
}

/**
 * PE-10: whether the invitation was also emailed to the person. Not sent, the officer shares the
 * link or QR code themselves; the account exists either way.
 */
export type InvitationEmail = { sent: true } | { sent: false; reason: string };

/** Answer of POST /api/people and POST /api/people/:id/invitation. */
export interface InvitedPersonResponse {
  person: Person;
  invitation: InvitationLink;
  /** PE-10: present when the server emails invitations (SMTP_URL is set). */
  email?: InvitationEmail;
}

export interface PersonResponse {
  person: Person;
}

export interface PeopleListResponse {
  people: Person[];
  /** The `offset` of the next page; null on the last. */
  nextOffset: number | null;
}

export interface AcceptInvitationRequest {
  code: string;
  password: string;
}

export type AuditAction =
  | 'person.created'
  | 'person.invited'
  | 'person.invitation_accepted'
  | 'person.deactivated'
  | 'person.reactivated'
  /** AS-6: assignments are written through the sync push; the push records what changed. */
  | 'assignment.created'
  | 'assignment.changed'
  | 'assignment.deleted'
  /** IN-3: host institutions likewise. */
  | 'institution.created'
  | 'institution.changed'
  | 'institution.deleted';

/** One recorded change (PE-6): who, when, what. */
export interface AuditEntry {
  id: number;
  at: string;
  /** Who did it: the officer, or the person themselves when accepting an invitation. */
  actorId: string;
  action: AuditAction;
  subjectType: 'person' | 'assignment' | 'institution';
  subjectId: string;
  /** Field by field, what it was and what it became; no secrets (no codes, no hashes). */
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface AuditListResponse {
  entries: AuditEntry[];
  /** The `before` of the next (older) page; null on the last. */
  nextBefore: number | null;
}

/** Why a password may not be used (PE-3), or null. Written for the person choosing it. */
export function passwordProblem(password: string): Reason | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return reason(/*i18n*/ 'rules.password.tooShort', { min: MIN_PASSWORD_LENGTH });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return reason(/*i18n*/ 'rules.password.tooLong', { max: MAX_PASSWORD_LENGTH });
  }
  if (COMMON_PASSWORDS_SET.has(password.trim().toLowerCase())) {
    return reason(/*i18n*/ 'rules.password.common');
  }
  return null;
}

const COMMON_PASSWORDS_SET: ReadonlySet<string> = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

// Shapes, not truths: the invitation proves the address works.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,29}$/;
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 320;

/** A value as sent, or the field it fails on and why (a reason: said in the reader's language). */
export type FieldCheck<T> = { ok: true; value: T } | { ok: false; field: string; reason: Reason };

const refuse = (field: string, why: Reason): FieldCheck<never> => ({ ok: false, field, reason: why });

/** Checks a new person as sent; the value is trimmed, its email lower-cased (PE-1). */
export function checkNewPerson(body: unknown): FieldCheck<NewPersonRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse('body', reason(/*i18n*/ 'rules.person.body'));
  }
  const unstorable = unstorableTextRefusal(body);
  if (unstorable) return refuse('body', unstorable);
  const { name, email, role, institutionId, phone, language } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') {
    return refuse('name', reason(/*i18n*/ 'rules.person.nameBlank'));
  }
  if (name.trim().length > MAX_NAME_LENGTH) {
    return refuse('name', reason(/*i18n*/ 'rules.person.nameTooLong', { max: MAX_NAME_LENGTH }));
  }
  if (typeof email !== 'string' || email.length > MAX_EMAIL_LENGTH || !EMAIL.test(email.trim())) {
    return refuse('email', reason(/*i18n*/ 'rules.person.email'));
  }
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    return refuse('role', reason(/*i18n*/ 'rules.person.role', { roles: ROLES.join(', ') }));
  }
  if (institutionId !== undefined && (typeof institutionId !== 'string' || !ID.test(institutionId))) {
    return refuse('institutionId', reason(/*i18n*/ 'rules.person.institutionId'));
  }
  const membership = institutionMembershipRefusal(role as Role, institutionId as string | undefined);
  if (membership) return membership;
  if (phone !== undefined && (typeof phone !== 'string' || !PHONE.test(phone.trim()))) {
    return refuse('phone', reason(/*i18n*/ 'rules.person.phone'));
  }
  if (language !== undefined && !(LANGUAGES as readonly unknown[]).includes(language)) {
    return refuse('language', reason(/*i18n*/ 'rules.person.language', { languages: LANGUAGES.join(', ') }));
  }
  return {
    ok: true,
    value: {
      name: name.trim(),
      email: email.trim().toLowerCase(),
      role: role as Role,
      ...(institutionId !== undefined ? { institutionId } : {}),
      ...(typeof phone === 'string' ? { phone: phone.trim() } : {}),
      ...(language !== undefined ? { language: language as Language } : {}),
    },
  };
}

/**
 * PE-11: a host supervisor belongs to one host institution (AS-8 reads it); experts and officers
 * belong to none, so an institution given for them is a mistake rather than something to drop.
 */
function institutionMembershipRefusal(
  role: Role,
  institutionId: string | undefined,
): FieldCheck<never> | null {
  if (role === 'supervisor' && institutionId === undefined) {
    return refuse('institutionId', reason(/*i18n*/ 'rules.person.supervisorNeedsInstitution'));
  }
  if (role !== 'supervisor' && institutionId !== undefined) {
    return refuse('institutionId', reason(/*i18n*/ 'rules.person.onlySupervisorsHaveInstitution'));
  }
  return null;
}

/** PE-11: the refusal of an institution id that names no host institution on the server. */
export function unknownInstitutionReason(institutionId: string): Reason {
  return reason(/*i18n*/ 'rules.person.unknownInstitution', { id: institutionId });
}

/** PE-1: the refusal of an email that another account has. */
export function emailTakenReason(email: string): Reason {
  return reason(/*i18n*/ 'rules.person.emailTaken', { email });
}

/** Checks an invitation's acceptance as sent; the password's strength is checked apart (PE-3). */
export function checkAcceptInvitation(body: unknown): FieldCheck<AcceptInvitationRequest> {
  const { code, password } = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  if (typeof code !== 'string' || code.length === 0 || code.length > 200) {
    return refuse('code', reason(/*i18n*/ 'rules.invitation.code'));
  }
  if (typeof password !== 'string') return refuse('password', reason(/*i18n*/ 'rules.invitation.password'));
  const unstorable = unstorableTextRefusal({ code, password });
  if (unstorable) return refuse('password', unstorable);
  return { ok: true, value: { code, password } };
}

/** A person's status as officers see it (PE-6). */
export function personStatus(person: { deactivated: boolean; hasPassword: boolean }): PersonStatus {
  if (person.deactivated) return 'deactivated';
  return person.hasPassword ? 'active' : 'invited';
}
