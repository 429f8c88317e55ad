/**
 * The home's assignment list as the device database last had it, kept for this user in
 * localStorage, so a repeat visit shows the list at once instead of after the database has loaded
 * and opened (issue 9: the database and its code are about half of a signed-in start on a slow
 * phone). The list is read-only until the database is open, which takes over within a second or
 * two. Kept in step on every screen (useHomeSnapshotKeeper), so it never shows an assignment the
 * user has lost meanwhile; it goes with sign-out like every user cache.
 */
import { userCacheKey } from '../../session/session';
import { canReadAssignment } from '../../shared/rules/access';
import type { Assignment } from '../../shared/schemas';
import type { PublicUser } from '../../shared/users';
import { filterAssignments, NO_ASSIGNMENT_FILTERS } from './assignment-filters';

/** The part of an assignment its home card shows. */
export type HomeCard = Pick<Assignment, 'id' | 'expertName' | 'status' | 'startDate' | 'endDate'> & {
  institution: Pick<Assignment['institution'], 'name' | 'country' | 'sector'>;
};

/** A different shape after an update is ignored, not misread. */
const VERSION = 1;

const keyOf = (userId: string) => userCacheKey(userId, 'home');

export function toHomeCard(assignment: Assignment): HomeCard {
  const { id, expertName, status, startDate, endDate, institution } = assignment;
  const { name, country, sector } = institution;
  return { id, expertName, status, startDate, endDate, institution: { name, country, sector } };
}

/** The list as the home first shows it: what the user may read, an officer's in the default order. */
export function homeCardsOf(all: readonly Assignment[], user: PublicUser): HomeCard[] {
  const readable = all.filter((assignment) => canReadAssignment(user, assignment));
  return (user.role === 'officer' ? filterAssignments(readable, NO_ASSIGNMENT_FILTERS) : readable).map(
    toHomeCard,
  );
}

export function readHomeSnapshot(userId: string): HomeCard[] | null {
  try {
    const stored = JSON.parse(localStorage.getItem(keyOf(userId)) ?? 'null') as {
      version?: number;
      cards?: unknown;
    } | null;
    return stored?.version === VERSION && Array.isArray(stored.cards) ? (stored.cards as HomeCard[]) : null;
  } catch {
    return null;
  }
}

/** Writes only when the cards changed: the list re-renders on every sync. */
export function writeHomeSnapshot(userId: string, cards: readonly HomeCard[]): void {
  const text = JSON.stringify({ version: VERSION, cards });
  try {
    if (localStorage.getItem(keyOf(userId)) !== text) localStorage.setItem(keyOf(userId), text);
  } catch {
    // A full localStorage costs the next visit its head start, nothing else.
  }
}
