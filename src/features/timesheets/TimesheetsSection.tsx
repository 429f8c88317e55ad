/** The assignment page's months: each with its timesheet status, totals and a link to it. */
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { assignmentMonths, timesheetPeriod, timesheetTotals } from '../../shared/rules/timesheet-rules';
import type { Assignment, DailyLog, Timesheet } from '../../shared/schemas';
import { formatMonth, formatEur } from '../../ui/format';
import { PendingMarker } from '../device-status';
import { timesheetPath } from '../../shared/paths';
import { statusText } from './timesheet-status';
import { useI18n } from './screens-catalog';

export interface TimesheetsSectionProps {
  /** No longer read (each month's marker finds the device itself); the assignment page still passes it. */
  device?: DeviceDatabase;
  assignment: Assignment;
  logs: readonly DailyLog[];
  byMonth: ReadonlyMap<string, Timesheet>;
}

export function TimesheetsSection({ assignment, logs, byMonth }: TimesheetsSectionProps) {
  const i18n = useI18n();
  const months = assignmentMonths(assignment);

  return (
    <section aria-labelledby="timesheets-heading">
      <h2 id="timesheets-heading">{i18n._('timesheets.section.heading')}</h2>
      <ul className="card-list">
        {months.map((month) => {
          const period = timesheetPeriod(assignment, month);
          const monthLogs = period
            ? logs.filter((log) => log.date >= period.start && log.date <= period.end)
            : [];
          const totals = timesheetTotals(monthLogs, assignment);
          const timesheet = byMonth.get(month);
          const status = statusText(timesheet);
          return (
            <li key={month} className={`card timesheet-card status-${timesheet?.status ?? 'none'}`}>
              <h3 className="card-title">
                <Link
                  to={timesheetPath(assignment.id, month)}
                  aria-label={i18n._('timesheets.section.monthLabel', { month: formatMonth(month), status })}
                >
                  {formatMonth(month)}
                </Link>
              </h3>
              <p className="timesheet-status">
                <strong>{status}</strong>
                <PendingMarker collection="timesheets" id={timesheet?.id} />
              </p>
              <p className="muted">
                {i18n._('timesheets.section.totals', {
                  days: totals.daysWorked,
                  hours: totals.hours,
                  allowance: formatEur(totals.allowanceEur),
                })}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
