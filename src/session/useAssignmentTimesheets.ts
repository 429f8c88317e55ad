/** The timesheets of one assignment by month, and the lock they put on the month's days. */
import { useCallback, useMemo } from 'react';
import type { DeviceDatabase } from '../db/database';
import { timesheetsOfAssignment$ } from '../db/timesheets';
import type { Reason } from '../shared/reasons';
import { logLockReason } from '../shared/rules/timesheet-rules';
import type { Timesheet } from '../shared/schemas';
import { useObservable } from '../ui/useObservable';

export interface AssignmentTimesheets {
  /** Undefined while loading. */
  byMonth: ReadonlyMap<string, Timesheet> | undefined;
  /** Why a log of `date` cannot be written or deleted now, or null. */
  lockOf(date: string): Reason | null;
}

export function useAssignmentTimesheets(
  device: DeviceDatabase | null,
  assignmentId: string | undefined,
): AssignmentTimesheets {
  const source = useMemo(
    () => (device && assignmentId ? timesheetsOfAssignment$(device, assignmentId) : null),
    [device, assignmentId],
  );
  const timesheets = useObservable(source);
  const byMonth = useMemo(
    () => (timesheets ? new Map(timesheets.map((timesheet) => [timesheet.month, timesheet])) : undefined),
    [timesheets],
  );
  const lockOf = useCallback(
    (date: string) => {
      const timesheet = byMonth?.get(date.slice(0, 7));
      return timesheet ? logLockReason(timesheet) : null;
    },
    [byMonth],
  );
  return { byMonth, lockOf };
}
