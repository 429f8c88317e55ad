/**
 * `/log-today`, the home-screen shortcut: today's log on the assignment that runs today (else the
 * most recent one) — the one already kept for today if there is one, not a blank duplicate — or
 * the assignment list when there is none.
 */
import { useMemo } from 'react';
import { Navigate } from 'react-router';
import { useFieldbook } from '../../session/FieldbookProvider';
import { assignments$ } from '../../db/logs';
import { localIsoDate } from '../../shared/dates';
import { Loading } from '../../ui/Loading';
import { useObservable } from '../../ui/useObservable';
import { logDayPath } from '../../shared/paths';

export function LogTodayRedirect() {
  const { device, session } = useFieldbook();
  const source = useMemo(() => (device ? assignments$(device) : null), [device]);
  const assignments = useObservable(source);
  if (!assignments) return <Loading />;
  const today = localIsoDate();
  const own = assignments.filter((assignment) => assignment.expertId === session?.user.id);
  const current =
    own.find((assignment) => assignment.startDate <= today && today <= assignment.endDate) ?? own[0];
  // The day's form opens the log already kept for today (NewLogPage).
  return <Navigate to={current ? logDayPath(current.id, today) : '/'} replace />;
}
