/** Who moved the report on, when, and what they said, as the server recorded it. */
import type { Report } from '../../shared/schemas';
import { HistoryList } from '../../ui/HistoryList';
import { reportStepLabel } from './report-status';

export function ReportHistory({ history }: { history: NonNullable<Report['history']> }) {
  return (
    <HistoryList
      entries={history}
      headingId="report-history-heading"
      className="report-history"
      emptyText="No steps recorded by the server yet."
      stepLabel={reportStepLabel}
    />
  );
}
