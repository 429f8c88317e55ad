/**
 * The experts and host supervisors an officer can put on an assignment. Accounts live on the
 * server (GET /api/people, PE-6), so the last list fetched is kept in localStorage for this user:
 * the form then works offline like every other write, and only a device that was never online
 * with this form lacks the list.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Person } from '../../shared/people';
import type { Role } from '../../shared/users';
import { userCacheKey } from '../../session/session';
import { listPeople } from '../people';

/** What the form needs of a person, and all that is kept on the device. */
export interface PersonChoice {
  id: string;
  name: string;
  role: Role;
  status: Person['status'];
  /** A supervisor's host institution (AS-8); absent in lists cached before institutions. */
  institutionId?: string | null;
}

function cacheKey(userId: string): string {
  return userCacheKey(userId, 'people-choices');
}

function readCache(userId: string): PersonChoice[] | null {
  try {
    const raw = localStorage.getItem(cacheKey(userId));
    const list = raw ? (JSON.parse(raw) as unknown) : null;
    return Array.isArray(list) ? (list as PersonChoice[]) : null;
  } catch {
    return null;
  }
}

/** Every page of the list: an officer must be able to choose anyone, not the first 50. */
async function fetchAll(token: string): Promise<PersonChoice[]> {
  const people: PersonChoice[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page = await listPeople(token, offset);
    for (const { id, name, role, status, institutionId } of page.people) {
      people.push({ id, name, role, status, institutionId });
    }
    offset = page.nextOffset;
  }
  return people;
}

export interface PeopleChoices {
  /** Null when no list was ever fetched on this device. */
  people: PersonChoice[] | null;
  loading: boolean;
}

export function usePeopleChoices(userId: string, token: string): PeopleChoices {
  const [people, setPeople] = useState(() => readCache(userId));
  const [loading, setLoading] = useState(false);

  const refresh = useCallback(async () => {
    if (navigator.onLine === false) return;
    setLoading(true);
    try {
      const fresh = await fetchAll(token);
      setPeople(fresh);
      try {
        localStorage.setItem(cacheKey(userId), JSON.stringify(fresh));
      } catch {
        // Storage full: the list still serves this visit, only the offline copy is stale.
      }
    } catch {
      // Offline or refused: the kept list (or the connection notice) stays.
    } finally {
      setLoading(false);
    }
  }, [userId, token]);

  useEffect(() => {
    void refresh();
    const retry = () => void refresh();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [refresh]);

  return { people, loading };
}
