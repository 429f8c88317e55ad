/** The officer's work queues, each item a link to the document's own screen. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { monthName } from '../../shared/rules/timesheet-rules';
import { REPORT_KIND_LABELS } from '../../shared/schemas/report.schema';
import { formatDay, plural } from '../../ui/format';
import { ENDING_SOON_DAYS, type WorkQueues } from './work-queues';

function expertOf(item: { assignment: { expertName?: string } }): string {
  return item.assignment.expertName || 'Expert';
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
  title: string;
  empty: string;
  items: readonly Item[];
  link: (item: Item) => string;
  detail: (item: Item) => ReactNode;
}) {
  return (
    <section className="work-queue" aria-labelledby={id}>
      <h3 id={id}>
        {title} ({items.length})
      </h3>
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
  return (
    <>
      <Queue
        id="queue-timesheets"
        title="Timesheets waiting for sign-off"
        empty="No timesheet is waiting for sign-off."
        items={queues.timesheetsWaiting}
        link={(item) => `${expertOf(item)} — ${monthName(item.month)}`}
        detail={(item) =>
          `${item.assignment.institution.name} · ${
            item.daysWaiting === null
              ? 'submitted, date not known yet'
              : `waiting ${plural(item.daysWaiting, 'day', 'days')}`
          }`
        }
      />
      <Queue
        id="queue-review"
        title="Reports to review"
        empty="No endorsed report is waiting for your review."
        items={queues.reportsToReview}
        link={(item) => `${REPORT_KIND_LABELS[item.kind]} — ${expertOf(item)}`}
        detail={(item) => item.assignment.institution.name}
      />
      <Queue
        id="queue-overdue"
        title="Overdue reports"
        empty="No report is overdue."
        items={queues.overdueReports}
        link={(item) => `${REPORT_KIND_LABELS[item.kind]} — ${expertOf(item)}`}
        detail={(item) =>
          `Due ${formatDay(item.due)}, ${plural(item.daysOverdue, 'day', 'days')} overdue · ${item.assignment.institution.name}`
        }
      />
      <Queue
        id="queue-ending"
        title={`Assignments ending within ${ENDING_SOON_DAYS} days`}
        empty={`No assignment ends within ${ENDING_SOON_DAYS} days.`}
        items={queues.endingSoon}
        link={(item) => item.assignment.institution.name}
        detail={(item) =>
          `${expertOf(item)} · ends ${formatDay(item.endDate)} (${
            item.daysLeft === 0 ? 'today' : `in ${plural(item.daysLeft, 'day', 'days')}`
          })`
        }
      />
    </>
  );
}
