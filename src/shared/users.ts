/** Who can sign in, and the public view of a user that the server hands to devices. */
export const ROLES = ['expert', 'supervisor', 'officer'] as const;
export type Role = (typeof ROLES)[number];

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
