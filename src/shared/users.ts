/** Who can sign in, and the public view of a user that the server hands to devices. */
import type { Language } from './languages';
import { reason, type Reason } from './reasons';

export const ROLES = ['expert', 'supervisor', 'officer'] as const;
export type Role = (typeof ROLES)[number];

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The language they chose (issue 13), which follows them to a new phone; null until chosen. */
  language?: Language | null;
}

/** Why a sign-in or a session was refused (SP-11), said on the sign-in screen in its language. */
export const SIGN_IN_REASONS = {
  failed: reason(/*i18n*/ 'rules.signIn.failed'),
  sessionEnded: reason(/*i18n*/ 'rules.signIn.sessionEnded'),
} as const;

/** Too many failed sign-ins from this email or place; `seconds` until the next try (SP-11). */
export function tooManySignInsReason(seconds: number): Reason {
  return reason(/*i18n*/ 'rules.signIn.tooMany', { seconds });
}

/** Too many requests of any kind (SP-11's per-IP limit); `seconds` until the next one. */
export function tooManyRequestsReason(seconds: number): Reason {
  return reason(/*i18n*/ 'rules.tooManyRequests', { seconds });
}
