/** How the People screen names roles, languages, statuses and institutions, and words a refusal at its field. */
import type { Language, PersonStatus } from '../../shared/people';
import type { Institution } from '../../shared/schemas';
import type { Role } from '../../shared/users';
import { i18n } from './catalog';

const ROLES: Record<Role, string> = {
  expert: /*i18n*/ 'people.role.expert',
  supervisor: /*i18n*/ 'people.role.supervisor',
  officer: /*i18n*/ 'people.role.officer',
};

export const roleLabel = (role: Role): string => i18n._(ROLES[role]);

/** Each language in its own words, as the person reading the list would look for it: never translated. */
export const LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  ar: 'العربية',
  prs: 'دری',
  ps: 'پښتو',
  so: 'Soomaali',
};

const STATUSES: Record<PersonStatus, string> = {
  active: /*i18n*/ 'people.status.active',
  invited: /*i18n*/ 'people.status.invited',
  deactivated: /*i18n*/ 'people.status.deactivated',
};

export const PERSON_STATUSES = Object.keys(STATUSES) as PersonStatus[];
export const statusLabel = (status: PersonStatus): string => i18n._(STATUSES[status]);

/**
 * A refusal shown beside its field: the shared checks and the server start it with the field's
 * name (`email: …`, PE-1), which the label beside it already says. Those rule messages are
 * English for now (issue 13).
 */
export function fieldMessage(field: string, message: string): string {
  const rest = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  // "enter an email…" becomes a sentence; "a@b.org already has…" keeps the address as typed.
  return /^[a-z]+[\s,]/.test(rest) ? rest.charAt(0).toUpperCase() + rest.slice(1) : rest;
}

/**
 * A person's host institution by its name on this device; the id only when the institution is not
 * on the device (not synced yet, or deleted), said so. Undefined while the device's list loads.
 */
export function institutionLabel(
  institutionId: string,
  institutions: readonly Institution[] | undefined,
): string | undefined {
  if (!institutions) return undefined;
  const found = institutions.find((institution) => institution.id === institutionId);
  return found ? found.name : i18n._('people.institution.notOnDevice', { id: institutionId });
}
