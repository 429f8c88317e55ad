/** Who moved the report on, when, and what they said, as the server recorded it. */
import type { Report } from '../../shared/schemas';
import { HistoryList } from '../../ui/HistoryList';
import { useI18n } from './catalog';
import { reportStepLabel } from './report-status';

export function ReportHistory({ history }: { history: NonNullable<Report['history']> }) {
  const i18n = useI18n();
  return (
    <HistoryList
      entries={history}
      headingId="report-history-heading"
      className="report-history"
      emptyText={i18n._('reports.history.empty')}
      stepLabel={reportStepLabel}
    />
  );
}
