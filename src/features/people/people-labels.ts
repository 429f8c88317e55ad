/** How the People screen names roles, languages and statuses, and words a refusal at its field. */
import type { Language, PersonStatus } from '../../shared/people';
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
