/** The expert's home: a card for each thing waiting on them (work-waiting.ts). */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { allReports$, allTimesheets$, loggedMonths$ } from '../../db/inbox';
import { localIsoDate } from '../../shared/dates';
import type { Assignment } from '../../shared/schemas';
import { reportKindLabel } from '../../i18n/labels';
import { formatDay, formatMonth } from '../../ui/format';
import { useObservable } from '../../ui/useObservable';
import { logDayPath, reportPath, timesheetPath } from '../../shared/paths';
import { dueText, expertWaiting, type ExpertWaiting } from './work-waiting';
import { useI18n } from './catalog';

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
  const i18n = useI18n();
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
      <h2 id="waiting-heading">{i18n._('assignments.waiting.heading')}</h2>
      {items.length === 0 ? (
        <p>{i18n._('assignments.waiting.empty')}</p>
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
  const i18n = useI18n();
  const place = (
    <p className="muted" dir="auto">
      {item.assignment.institution.name}
    </p>
  );
  if (item.kind === 'returned') {
    return (
      <>
        <h3 className="card-title">
          <Link to={timesheetPath(item.assignment.id, item.month)}>
            <span className="waiting-mark" aria-hidden="true">
              ↩{' '}
            </span>
            {item.by === 'reopen'
              ? i18n._('assignments.waiting.reopened', { month: formatMonth(item.month) })
              : i18n._('assignments.waiting.returned', { month: formatMonth(item.month) })}
          </Link>
        </h3>
        {place}
        <p dir="auto">
          {item.by === 'reopen'
            ? i18n._('assignments.waiting.reason', { comment: item.comment })
            : i18n._('assignments.waiting.supervisorWrote', { comment: item.comment })}
        </p>
        {item.days.length > 0 && (
          <ul className="fix-days">
            {item.days.map((day) => (
              <li key={day.date}>
                <Link to={logDayPath(item.assignment.id, day.date)}>
                  {i18n._('assignments.waiting.fixDay', { day: formatDay(day.date) })}
                </Link>{' '}
                <span className="prewrap" dir="auto">
                  {i18n._('assignments.waiting.dayComment', { comment: day.comment })}
                </span>
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
            {item.changesRequested !== null
              ? i18n._('assignments.waiting.report.changes', { report: reportKindLabel(item.reportKind) })
              : i18n._('assignments.waiting.report.due', {
                  report: reportKindLabel(item.reportKind),
                  due: dueText(item.daysLeft),
                })}
          </Link>
        </h3>
        {place}
        {item.changesRequested ? (
          <p dir="auto">
            {i18n._('assignments.waiting.supervisorWrote', { comment: item.changesRequested })}
          </p>
        ) : (
          <p>
            {item.changesRequested === null && overdue
              ? i18n._('assignments.waiting.dueOverdue', { date: formatDay(item.due) })
              : i18n._('assignments.waiting.due', { date: formatDay(item.due) })}
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
          {i18n._('assignments.waiting.submit', { month: formatMonth(item.month) })}
        </Link>
      </h3>
      {place}
      <p>{i18n._('assignments.waiting.unsubmitted', { date: formatDay(item.ended) })}</p>
    </>
  );
}
