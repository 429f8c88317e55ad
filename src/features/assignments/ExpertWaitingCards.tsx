/** The expert's home: a card for each thing waiting on them (work-waiting.ts). */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { allReports$, allTimesheets$, loggedMonths$ } from '../../db/inbox';
import { localIsoDate } from '../../shared/dates';
import type { Assignment } from '../../shared/schemas';
import { REPORT_KIND_LABELS } from '../../shared/schemas/report.schema';
import { formatDay, formatMonth } from '../../ui/format';
import { useObservable } from '../../ui/useObservable';
import { logDayPath, reportPath, timesheetPath } from '../../shared/paths';
import { dueText, expertWaiting, type ExpertWaiting } from './work-waiting';

export function ExpertWaitingCards({
  device,
  userId,
  assignments,
}: {
  device: DeviceDatabase;
  userId: string;
  assignments: readonly Assignment[];
}) {
  const timesheets = useObservable(useMemo(() => allTimesheets$(device), [device]));
  const reports = useObservable(useMemo(() => allReports$(device), [device]));
  const loggedMonths = useObservable(useMemo(() => loggedMonths$(device), [device]));
  const items = useMemo(
    () =>
      timesheets && reports && loggedMonths
        ? expertWaiting({ userId, assignments, timesheets, reports, loggedMonths, today: localIsoDate() })
        : undefined,
    [userId, assignments, timesheets, reports, loggedMonths],
  );
  if (!items) return null;

  return (
    <section aria-labelledby="waiting-heading" className="waiting">
      <h2 id="waiting-heading">Waiting for you</h2>
      {items.length === 0 ? (
        <p>Nothing is waiting for you: no month sent back, no report due this week.</p>
      ) : (
        <ul className="card-list">
          {items.map((item) => (
            <li
              key={keyOf(item)}
              className={`card waiting-card waiting-${item.kind}${item.kind === 'report' && item.daysLeft < 0 ? ' waiting-overdue' : ''}`}
            >
              <WaitingCard item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function keyOf(item: ExpertWaiting): string {
  return `${item.kind}:${item.assignment.id}:${item.kind === 'report' ? item.reportKind : item.month}`;
}

function WaitingCard({ item }: { item: ExpertWaiting }) {
  const place = <p className="muted">{item.assignment.institution.name}</p>;
  if (item.kind === 'returned') {
    return (
      <>
        <h3 className="card-title">
          <Link to={timesheetPath(item.assignment.id, item.month)}>
            <span className="waiting-mark" aria-hidden="true">
              ↩{' '}
            </span>
            {formatMonth(item.month)} {item.by === 'reopen' ? 'was reopened' : 'was returned'}
          </Link>
        </h3>
        {place}
        <p>
          {item.by === 'reopen' ? 'Reason' : 'Your supervisor wrote'}: “{item.comment}”
        </p>
        {item.days.length > 0 && (
          <ul className="fix-days">
            {item.days.map((day) => (
              <li key={day.date}>
                <Link to={logDayPath(item.assignment.id, day.date)}>Fix {formatDay(day.date)}</Link>
                <span className="prewrap"> — “{day.comment}”</span>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }
  if (item.kind === 'report') {
    const overdue = item.daysLeft < 0;
    return (
      <>
        <h3 className="card-title">
          <Link to={reportPath(item.assignment.id, item.reportKind)}>
            <span className="waiting-mark" aria-hidden="true">
              {overdue ? '! ' : '◷ '}
            </span>
            {REPORT_KIND_LABELS[item.reportKind]}{' '}
            {item.changesRequested !== null ? '— changes requested' : dueText(item.daysLeft)}
          </Link>
        </h3>
        {place}
        {item.changesRequested ? (
          <p>Your supervisor wrote: “{item.changesRequested}”</p>
        ) : (
          <p>
            Due {formatDay(item.due)}
            {item.changesRequested === null && overdue && ' — overdue'}
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <h3 className="card-title">
        <Link to={timesheetPath(item.assignment.id, item.month)}>
          <span className="waiting-mark" aria-hidden="true">
            ✎{' '}
          </span>
          Submit {formatMonth(item.month)}
        </Link>
      </h3>
      {place}
      <p>The month ended on {formatDay(item.ended)} and is not submitted for sign-off yet.</p>
    </>
  );
}
