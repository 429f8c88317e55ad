/** Who moved the report on, when, and what they said, as the server recorded it. */
import type { Report } from '../../shared/schemas';
import { formatDateTime } from '../../ui/format';
import { REPORT_STATUS_WORD } from './report-status';

const ROLE_NAMES: Record<string, string> = {
  expert: 'Expert',
  supervisor: 'Host supervisor',
  officer: 'Programme officer',
};

export function ReportHistory({ history }: { history: NonNullable<Report['history']> }) {
  return (
    <section aria-labelledby="report-history-heading" className="report-history">
      <h2 id="report-history-heading">History</h2>
      {history.length === 0 ? (
        <p>No steps recorded by the server yet.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry, index) => (
            <li key={index}>
              <p>
                <strong>{entry.byName}</strong> ({ROLE_NAMES[entry.role] ?? entry.role}),{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>:{' '}
                {REPORT_STATUS_WORD[entry.from] ?? entry.from} → {REPORT_STATUS_WORD[entry.to] ?? entry.to}
              </p>
              {entry.comment && <p className="prewrap">“{entry.comment}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
