/** The snapshot hash of a month as this device holds its logs; undefined while it computes. */
import { useEffect, useState } from 'react';
import { monthSnapshot } from '../../db/timesheets';
import type { SnapshotBasis } from '../../shared/rules/timesheet-rules';
import type { Assignment, DailyLog } from '../../shared/schemas';

/** `basis` is the one of the hash it is compared with: a month signed before TS-4 changed it. */
export function useMonthHash(
  logs: readonly DailyLog[] | undefined,
  assignment: Assignment | null | undefined,
  month: string,
  basis: SnapshotBasis = 'content',
): string | undefined {
  const [computed, setComputed] = useState<{
    logs: readonly DailyLog[];
    basis: SnapshotBasis;
    hash: string;
  } | null>(null);
  useEffect(() => {
    if (!logs || !assignment) return;
    let current = true;
    void monthSnapshot(logs, assignment, month, basis).then(({ hash }) => {
      if (current) setComputed({ logs, basis, hash });
    });
    return () => {
      current = false;
    };
  }, [logs, assignment, month, basis]);
  // A hash of older logs would claim a match the current ones may not have.
  return computed && computed.logs === logs && computed.basis === basis ? computed.hash : undefined;
}
