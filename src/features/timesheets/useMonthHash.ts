/** The snapshot hash of a month as this device holds its logs; undefined while it computes. */
import { useEffect, useState } from 'react';
import { monthSnapshot } from '../../db/timesheets';
import type { Assignment, DailyLog } from '../../shared/schemas';

export function useMonthHash(
  logs: readonly DailyLog[] | undefined,
  assignment: Assignment | null | undefined,
  month: string,
): string | undefined {
  const [computed, setComputed] = useState<{ logs: readonly DailyLog[]; hash: string } | null>(null);
  useEffect(() => {
    if (!logs || !assignment) return;
    let current = true;
    void monthSnapshot(logs, assignment, month).then(({ hash }) => {
      if (current) setComputed({ logs, hash });
    });
    return () => {
      current = false;
    };
  }, [logs, assignment, month]);
  // A hash of older logs would claim a match the current ones may not have.
  return computed && computed.logs === logs ? computed.hash : undefined;
}
