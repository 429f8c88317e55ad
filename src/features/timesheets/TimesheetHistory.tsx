/** Who decided what and when, as the server recorded it. */
import type { TimesheetHistoryEntry } from '../../shared/schemas/timesheet.schema';
import { HistoryList } from '../../ui/HistoryList';
import { timesheetStepLabel } from './timesheet-status';
import { useI18n } from './screens-catalog';

export function TimesheetHistory({ history }: { history: readonly TimesheetHistoryEntry[] }) {
  const i18n = useI18n();
  return (
    <HistoryList
      entries={history}
      headingId="history-heading"
      className="timesheet-history"
      emptyText={i18n._('timesheets.history.empty')}
      stepLabel={timesheetStepLabel}
    />
  );
}
