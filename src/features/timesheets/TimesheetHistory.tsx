/** Who decided what and when, as the server recorded it. */
import type { TimesheetHistoryEntry } from '../../shared/schemas/timesheet.schema';
import { formatDateTime } from '../../ui/format';

const ROLE_NAMES: Record<string, string> = {
  expert: 'Expert',
  supervisor: 'Host supervisor',
  officer: 'Programme officer',
};

export function TimesheetHistory({ history }: { history: readonly TimesheetHistoryEntry[] }) {
  return (
    <section aria-labelledby="history-heading" className="timesheet-history">
      <h2 id="history-heading">History</h2>
      {history.length === 0 ? (
        <p>No decisions recorded by the server yet.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry, index) => (
            <li key={index}>
              <p>
                <strong>{entry.byName}</strong> ({ROLE_NAMES[entry.role] ?? entry.role}),{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>: {entry.from} → {entry.to}
              </p>
              {entry.comment && <p className="prewrap">“{entry.comment}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
