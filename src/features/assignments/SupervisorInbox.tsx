/**
 * A supervisor's one inbox (issue 11 §2): timesheets to sign and reports to endorse, the
 * longest-waiting first, each with how long it has waited. On the home and at /to-sign.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { toEndorse$ } from '../../db/reports';
import { toSign$ } from '../../db/timesheets';
import { localIsoDate } from '../../shared/dates';
import type { Assignment } from '../../shared/schemas';
import { formatDate, formatMonth } from '../../ui/format';
import { useObservable } from '../../ui/useObservable';
import { reportPath, timesheetPath } from '../../shared/paths';
import { supervisorInbox, waitingText, type InboxItem } from './work-waiting';
import type { I18n } from '../../i18n/i18n';
import { useI18n } from './catalog';

export interface SupervisorInboxProps {
  device: DeviceDatabase;
  assignments: readonly Assignment[];
  /** 2 on the home (under its h1), 1 less nesting on the inbox's own page. */
  titleLevel: 2 | 3;
}

export function SupervisorInbox({ device, assignments, titleLevel }: SupervisorInboxProps) {
  const timesheets = useObservable(useMemo(() => toSign$(device), [device]));
  const reports = useObservable(useMemo(() => toEndorse$(device), [device]));
  const i18n = useI18n();
  // Not memoized: the titles are worded in the active language, and the list is short.
  const items =
    timesheets && reports
      ? supervisorInbox({ timesheets, reports, assignments, monthName: formatMonth, today: localIsoDate() })
      : undefined;
  if (!items) return null;
  if (items.length === 0) return <p>{i18n._('assignments.inbox.empty')}</p>;
  const Title = titleLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="card-list inbox">
      {items.map((item) => (
        <li key={item.id} className={`card inbox-card inbox-${item.kind}`}>
          <Title className="card-title">
            <Link to={pathOf(item)}>{item.title}</Link>
          </Title>
          {item.institution ? (
            <p dir="auto">{item.institution}</p>
          ) : (
            <p>{i18n._('assignments.inbox.notOnDevice')}</p>
          )}
          <p className="muted">{detailOf(item, i18n)}</p>
          <p className="waited">
            <strong>{waitingText(item.waitedDays)}</strong>
            {item.since && (
              <span className="muted">
                {' '}
                · {i18n._('assignments.inbox.submitted', { date: formatDate(item.since) })}
              </span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

function pathOf(item: InboxItem): string {
  return item.report
    ? reportPath(item.assignmentId, item.report.kind)
    : timesheetPath(item.assignmentId, item.timesheet?.month ?? '');
}

function detailOf(item: InboxItem, i18n: I18n): string {
  if (item.report) return i18n._('assignments.inbox.reportToEndorse');
  const snapshot = item.timesheet?.submission?.snapshot.logs ?? [];
  const days = new Set(snapshot.filter((log) => log.hours > 0).map((log) => log.date)).size;
  const hours = snapshot.reduce((sum, log) => sum + log.hours, 0);
  return i18n._('assignments.inbox.timesheetToSign', { days, hours });
}
