/**
 * The assignment page's daily logs, month by month, newest first: each month's calendar (logged,
 * missing, locked and returned days at a glance) and then its logs.
 */
import { useMemo } from 'react';
import type { DailyLog, Timesheet, Assignment } from '../../shared/schemas';
import { localIsoDate } from '../../shared/dates';
import { formatMonth } from '../../ui/format';
import { lockText } from '../../ui/reasons';
import type { Reason } from '../../shared/reasons';
import { LogCard } from '../logs';
import { editLogPath, logDayPath } from '../../shared/paths';
import { monthCalendar, pageMonths, type CalendarDay } from './month-calendar';
import { DAY_MARKS, MonthCalendar } from './MonthCalendar';
import { useI18n } from './screens-catalog';

export interface LogMonthsProps {
  assignment: Assignment;
  logs: readonly DailyLog[];
  byMonth: ReadonlyMap<string, Timesheet> | undefined;
  canWriteLogs: boolean;
  lockOf(date: string): Reason | null;
}

export function LogMonths({ assignment, logs, byMonth, canWriteLogs, lockOf }: LogMonthsProps) {
  const i18n = useI18n();
  const today = localIsoDate();
  const months = useMemo(() => pageMonths(assignment, logs, today), [assignment, logs, today]);
  const linkOf = (day: CalendarDay): string | null => {
    const logged = day.logIds[0];
    if (logged) return canWriteLogs ? editLogPath(logged) : `#log-${logged}`;
    if (!canWriteLogs || day.state === 'outside' || day.future || day.locked) return null;
    return logDayPath(assignment.id, day.date);
  };

  return (
    <>
      <p className="hint calendar-legend">
        {i18n._('assignments.calendar.legend', DAY_MARKS)}
        {canWriteLogs && ` ${i18n._('assignments.calendar.tapHint')}`}
      </p>
      {months.map((month) => {
        const timesheet = byMonth?.get(month);
        const monthLogs = logs.filter((log) => log.date.startsWith(month));
        const calendar = monthCalendar(assignment, month, monthLogs, timesheet, today);
        const missing = calendar.weeks.flat().filter((day) => day?.state === 'missing').length;
        const headingId = `logs-${month}`;
        const daysLogged = new Set(monthLogs.map((log) => log.date)).size;
        return (
          <section key={month} aria-labelledby={headingId} className="log-month">
            <h3 id={headingId}>
              {formatMonth(month)}
              <MonthState status={timesheet?.status} />
            </h3>
            <p className="muted">
              {missing > 0
                ? i18n._('assignments.month.loggedMissing', { count: daysLogged, missing })
                : i18n._('assignments.month.logged', { count: daysLogged })}
            </p>
            <MonthCalendar
              calendar={calendar}
              caption={i18n._('assignments.month.caption', { month: formatMonth(month) })}
              linkOf={linkOf}
            />
            {monthLogs.length > 0 && (
              <div className="card-list">
                {monthLogs.map((log) => (
                  <LogCard
                    key={log.id}
                    log={log}
                    canEdit={canWriteLogs}
                    lockedReason={canWriteLogs ? lockText(lockOf(log.date)) : null}
                  />
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}

function MonthState({ status }: { status: Timesheet['status'] | undefined }) {
  const i18n = useI18n();
  if (status === 'submitted' || status === 'approved') {
    return (
      <span className="month-state">
        {' '}
        <span aria-hidden="true">🔒</span>{' '}
        {status === 'approved' ? i18n._('assignments.month.approved') : i18n._('assignments.month.submitted')}
      </span>
    );
  }
  if (status === 'returned') {
    return (
      <span className="month-state">
        {' '}
        <span aria-hidden="true">{DAY_MARKS.returned}</span> {i18n._('assignments.month.returned')}
      </span>
    );
  }
  return null;
}
