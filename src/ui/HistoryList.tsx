/** An audit trail as the server recorded it: who, in which role, when, which step, and what they said. */
import { formatDateTime } from './format';

export interface HistoryEntryView {
  at: string;
  byName: string;
  role: string;
  from: string;
  to: string;
  comment?: string;
}

const ROLE_NAMES: Record<string, string> = {
  expert: 'Expert',
  supervisor: 'Host supervisor',
  officer: 'Programme officer',
};

interface HistoryListProps {
  entries: readonly HistoryEntryView[];
  headingId: string;
  className: string;
  emptyText: string;
  /**
   * The step an entry records, in words ("Submitted", "Returned for changes"): a person reads
   * what was done, not the states it moved between.
   */
  stepLabel: (from: string, to: string) => string;
}

export function HistoryList({ entries, headingId, className, emptyText, stepLabel }: HistoryListProps) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId}>History</h2>
      {entries.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <ol className="history-list">
          {entries.map((entry, index) => (
            <li key={index}>
              <p>
                <strong>{entry.byName}</strong> ({ROLE_NAMES[entry.role] ?? entry.role}),{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>:{' '}
                <span className="history-step">{stepLabel(entry.from, entry.to)}</span>
              </p>
              {entry.comment && <p className="prewrap">“{entry.comment}”</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
