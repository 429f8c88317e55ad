/**
 * The signed-in session, kept in localStorage so the app opens signed in with no network. The
 * token is long-lived on purpose (field workers stay offline for weeks); sign-out revokes it.
 */
import type { LoginResponse } from '../shared/sync/protocol';

export type Session = LoginResponse;

const SESSION_KEY = 'fieldbook.session';
const DRAFT_PREFIX = 'fieldbook.draft.';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
}

/** Key of a form draft of this user: drafts survive reloads and go with sign-out. */
export function draftKey(userId: string, form: string): string {
  return `${DRAFT_PREFIX}${userId}.${form}`;
}

export function clearDrafts(userId: string): void {
  const prefix = `${DRAFT_PREFIX}${userId}.`;
  for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
}

/** Key of something kept for this user to work offline (not typed by them): goes with sign-out. */
export function userCacheKey(userId: string, name: string): string {
  return `fieldbook.cache.${userId}.${name}`;
}

/** When this user's device last finished a sync (ISO): shown after an offline start. */
export function loadLastSync(userId: string): string | null {
  return localStorage.getItem(userCacheKey(userId, 'last-sync'));
}

export function saveLastSync(userId: string, at: string): void {
  localStorage.setItem(userCacheKey(userId, 'last-sync'), at);
}

export function clearUserCaches(userId: string): void {
  const prefix = userCacheKey(userId, '');
  for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
}

/** How many forms of this user hold unsaved input on this device. */
export function draftCount(userId: string): number {
  const prefix = `${DRAFT_PREFIX}${userId}.`;
  return Object.keys(localStorage).filter((key) => key.startsWith(prefix)).length;
}
