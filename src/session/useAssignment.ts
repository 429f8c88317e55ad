/** One assignment as this user may see it on this device, and whether they may log on it: the screens of logs, timesheets and reports all open on one. */
import { useMemo } from 'react';
import { useFieldbook } from './FieldbookProvider';
import { assignment$ } from '../db/logs';
import { canReadAssignment, writeRefusal } from '../shared/rules/access';
import type { Assignment } from '../shared/schemas';
import { useObservable } from '../ui/useObservable';

export interface AssignmentAccess {
  /** Undefined while loading, null when not on this device or not readable by this user. */
  assignment: Assignment | null | undefined;
  /** Whether this user may write logs of it: experts on their own assignments only. */
  canWriteLogs: boolean;
}

export function useAssignment(id: string | undefined): AssignmentAccess {
  const { session, device } = useFieldbook();
  const source = useMemo(() => (device && id ? assignment$(device, id) : null), [device, id]);
  const loaded = useObservable(source);
  const user = session?.user;
  if (loaded === undefined || !user) return { assignment: undefined, canWriteLogs: false };
  if (loaded === null || !canReadAssignment(user, loaded)) return { assignment: null, canWriteLogs: false };
  return { assignment: loaded, canWriteLogs: writeRefusal(user, 'logs', loaded) === null };
}
