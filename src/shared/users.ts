/** Who can sign in, and the public view of a user that the server hands to devices. */
import type { Language } from './languages';

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
