/** How the People screen names roles, languages, statuses and institutions, and words a refusal at its field. */
import type { Language, PersonStatus } from '../../shared/people';
import type { Institution } from '../../shared/schemas';
import type { Role } from '../../shared/users';

export const ROLE_LABELS: Record<Role, string> = {
  expert: 'Expert',
  supervisor: 'Host supervisor',
  officer: 'Programme officer',
};

/** Each language in its own words, as the person reading the list would look for it. */
export const LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  ar: 'العربية',
  prs: 'دری',
  ps: 'پښتو',
  so: 'Soomaali',
};

export const STATUS_LABELS: Record<PersonStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
};

/**
 * A refusal shown beside its field: the shared checks and the server start it with the field's
 * name (`email: …`, PE-1), which the label beside it already says.
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
  return found ? found.name : `${institutionId} (not on this device)`;
}
