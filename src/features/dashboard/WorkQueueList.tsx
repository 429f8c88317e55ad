/** The officer's work queues, each item a link to the document's own screen. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { reportKindLabel } from '../../i18n/labels';
import { formatDay, formatMonth } from '../../ui/format';
import { i18n, useI18n } from './catalog';
import { ENDING_SOON_DAYS, type WorkQueues } from './work-queues';

function expertOf(item: { assignment: { expertName?: string } }): string {
  return item.assignment.expertName || i18n._('dashboard.queues.expert');
}

function Queue<Item extends { id: string; path: string }>({
  id,
  title,
  empty,
  items,
  link,
  detail,
}: {
  id: string;
  /** The heading, with the number of items. */
  title: (count: number) => string;
  empty: string;
  items: readonly Item[];
  link: (item: Item) => ReactNode;
  detail: (item: Item) => ReactNode;
}) {
  return (
    <section className="work-queue" aria-labelledby={id}>
      <h3 id={id}>{title(items.length)}</h3>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="queue-list">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={item.path}>{link(item)}</Link>
              <p className="muted">{detail(item)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function WorkQueueList({ queues }: { queues: WorkQueues }) {
  const i18n = useI18n();
  // Names and institutions are as people typed them, in whichever script: each reads in its own direction.
  const expert = (item: { assignment: { expertName?: string } }) => <bdi>{expertOf(item)}</bdi>;
  const institution = (item: { assignment: { institution: { name: string } } }) => (
    <bdi>{item.assignment.institution.name}</bdi>
  );
  return (
    <>
      <Queue
        id="queue-timesheets"
        title={(count) => i18n._('dashboard.queues.timesheets.title', { count })}
        empty={i18n._('dashboard.queues.timesheets.empty')}
        items={queues.timesheetsWaiting}
        link={(item) => (
          <>
            {expert(item)} — {formatMonth(item.month)}
          </>
        )}
        detail={(item) => (
          <>
            {institution(item)} ·{' '}
            {item.daysWaiting === null
              ? i18n._('dashboard.queues.timesheets.dateUnknown')
              : i18n._('dashboard.queues.timesheets.waiting', { count: item.daysWaiting })}
          </>
        )}
      />
      <Queue
        id="queue-review"
        title={(count) => i18n._('dashboard.queues.review.title', { count })}
        empty={i18n._('dashboard.queues.review.empty')}
        items={queues.reportsToReview}
        link={(item) => (
          <>
            {reportKindLabel(item.kind)} — {expert(item)}
          </>
        )}
        detail={institution}
      />
      <Queue
        id="queue-overdue"
        title={(count) => i18n._('dashboard.queues.overdue.title', { count })}
        empty={i18n._('dashboard.queues.overdue.empty')}
        items={queues.overdueReports}
        link={(item) => (
          <>
            {reportKindLabel(item.kind)} — {expert(item)}
          </>
        )}
        detail={(item) => (
          <>
            {i18n._('dashboard.queues.overdue.detail', {
              due: formatDay(item.due),
              count: item.daysOverdue,
            })}{' '}
            · {institution(item)}
          </>
        )}
      />
      <Queue
        id="queue-ending"
        title={(count) => i18n._('dashboard.queues.ending.title', { count, days: ENDING_SOON_DAYS })}
        empty={i18n._('dashboard.queues.ending.empty', { days: ENDING_SOON_DAYS })}
        items={queues.endingSoon}
        link={institution}
        detail={(item) => (
          <>
            {expert(item)} ·{' '}
            {item.daysLeft === 0
              ? i18n._('dashboard.queues.ending.today', { end: formatDay(item.endDate) })
              : i18n._('dashboard.queues.ending.inDays', {
                  end: formatDay(item.endDate),
                  count: item.daysLeft,
                })}
          </>
        )}
      />
    </>
  );
}
