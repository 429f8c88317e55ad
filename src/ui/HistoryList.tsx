/** An audit trail as the server recorded it: who, in which role, when, which step, and what they said. */
import { formatDateTime } from './format';
import { slots, withParts } from './sentence-parts';
import { useI18n } from '../i18n/catalog';

export interface HistoryEntryView {
  at: string;
  byName: string;
  role: string;
  from: string;
  to: string;
  comment?: string;
}

const ROLE_NAMES: Record<string, string> = {
  expert: /*i18n*/ 'core.history.role.expert',
  supervisor: /*i18n*/ 'core.history.role.supervisor',
  officer: /*i18n*/ 'core.history.role.officer',
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
  const i18n = useI18n();
  const roleName = (role: string) => {
    const id = ROLE_NAMES[role];
    return id ? i18n._(id) : role;
  };
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId}>{i18n._('core.history.heading')}</h2>
      {entries.length === 0 ? (
        <p>{emptyText}</p>
      ) : (
        <ol className="history-list">
          {entries.map((entry, index) => (
            <li key={index}>
              <p>
                {withParts(
                  i18n._('core.history.entry', {
                    ...slots('name', 'time', 'step'),
                    role: roleName(entry.role),
                  }),
                  {
                    name: <strong dir="auto">{entry.byName}</strong>,
                    time: <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>,
                    step: <span className="history-step">{stepLabel(entry.from, entry.to)}</span>,
                  },
                )}
              </p>
              {entry.comment && (
                <p className="prewrap">
                  {withParts(i18n._('core.history.comment', slots('comment')), {
                    comment: <span dir="auto">{entry.comment}</span>,
                  })}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
