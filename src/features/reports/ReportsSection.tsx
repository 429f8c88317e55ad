/** The assignment page's reports: each one due, with its due date, status, and overdue ones marked. */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { reportKindLabel } from '../../i18n/labels';
import { reportsOfAssignment$ } from '../../db/reports';
import { localIsoDate } from '../../shared/dates';
import { isOverdue, reportsDue } from '../../shared/rules/report-rules';
import type { Assignment } from '../../shared/schemas';
import { formatDay } from '../../ui/format';
import { useObservable } from '../../ui/useObservable';
import { PendingMarker } from '../device-status';
import { reportPath } from '../../shared/paths';
import { useI18n } from './catalog';
import { reportStatusText } from './report-status';

export function ReportsSection({ device, assignment }: { device: DeviceDatabase; assignment: Assignment }) {
  const source = useMemo(() => reportsOfAssignment$(device, assignment.id), [device, assignment.id]);
  const reports = useObservable(source);
  const byKind = useMemo(() => new Map((reports ?? []).map((report) => [report.kind, report])), [reports]);
  const today = localIsoDate();
  const i18n = useI18n();

  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">{i18n._('reports.list.heading')}</h2>
      <ul className="card-list">
        {reportsDue(assignment).map(({ kind, due }) => {
          const report = byKind.get(kind);
          const status = reportStatusText(report);
          const overdue = isOverdue(due, report?.status, today);
          const label = reportKindLabel(kind);
          return (
            <li
              key={kind}
              className={`card report-card status-${report?.status ?? 'none'}${overdue ? ' overdue' : ''}`}
            >
              <h3 className="card-title">
                <Link
                  to={reportPath(assignment.id, kind)}
                  aria-label={
                    overdue
                      ? i18n._('reports.list.linkOverdue', { report: label, status })
                      : i18n._('reports.list.link', { report: label, status })
                  }
                >
                  {label}
                </Link>
              </h3>
              <p>
                {i18n._('reports.due', { date: formatDay(due) })}
                {overdue && <span className="overdue-badge">{i18n._('reports.overdue')}</span>}
              </p>
              <p className="report-status">
                <strong>{status}</strong>
                <PendingMarker collection="reports" id={report?.id} />
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
