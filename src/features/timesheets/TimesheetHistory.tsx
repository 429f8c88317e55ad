/** Who decided what and when, as the server recorded it. */
import type { TimesheetHistoryEntry } from '../../shared/schemas/timesheet.schema';
import { HistoryList } from '../../ui/HistoryList';
import { timesheetStepLabel } from './timesheet-status';

export function TimesheetHistory({ history }: { history: readonly TimesheetHistoryEntry[] }) {
  return (
    <HistoryList
      entries={history}
      headingId="history-heading"
      className="timesheet-history"
      emptyText="No decisions recorded by the server yet."
      stepLabel={timesheetStepLabel}
    />
  );
}
