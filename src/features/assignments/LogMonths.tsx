/**
 * The assignment page's daily logs, month by month, newest first: each month's calendar (logged,
 * missing, locked and returned days at a glance) and then its logs.
 */
import { useMemo } from 'react';
import type { DailyLog, Timesheet, Assignment } from '../../shared/schemas';
import { localIsoDate } from '../../shared/dates';
import { plural, formatMonth } from '../../ui/format';
import { LogCard } from '../logs';
import { editLogPath, logDayPath } from '../../shared/paths';
import { monthCalendar, pageMonths, type CalendarDay } from './month-calendar';
import { DAY_MARKS, MonthCalendar } from './MonthCalendar';

export interface LogMonthsProps {
  assignment: Assignment;
  logs: readonly DailyLog[];
  byMonth: ReadonlyMap<string, Timesheet> | undefined;
  canWriteLogs: boolean;
  lockOf(date: string): string | null;
}

export function LogMonths({ assignment, logs, byMonth, canWriteLogs, lockOf }: LogMonthsProps) {
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
        In the calendars: {DAY_MARKS.logged} logged · {DAY_MARKS.missing} missing (a past working day without
        a log) · {DAY_MARKS.returned} named in a return · 🔒 a locked month.
        {canWriteLogs && ' Tap a day to open its log or start one.'}
      </p>
      {months.map((month) => {
        const timesheet = byMonth?.get(month);
        const monthLogs = logs.filter((log) => log.date.startsWith(month));
        const calendar = monthCalendar(assignment, month, monthLogs, timesheet, today);
        const missing = calendar.weeks.flat().filter((day) => day?.state === 'missing').length;
        const headingId = `logs-${month}`;
        return (
          <section key={month} aria-labelledby={headingId} className="log-month">
            <h3 id={headingId}>
              {formatMonth(month)}
              <MonthState status={timesheet?.status} />
            </h3>
            <p className="muted">
              {plural(new Set(monthLogs.map((log) => log.date)).size, 'day', 'days')} logged
              {missing > 0 && ` · ${plural(missing, 'working day', 'working days')} missing`}
            </p>
            <MonthCalendar
              calendar={calendar}
              caption={`${formatMonth(month)}, day by day`}
              linkOf={linkOf}
            />
            {monthLogs.length > 0 && (
              <div className="card-list">
                {monthLogs.map((log) => (
                  <LogCard
                    key={log.id}
                    log={log}
                    canEdit={canWriteLogs}
                    lockedReason={canWriteLogs ? lockOf(log.date) : null}
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
  if (status === 'submitted' || status === 'approved') {
    return (
      <span className="month-state">
        {' '}
        <span aria-hidden="true">🔒</span> {status === 'approved' ? 'approved' : 'submitted'}, locked
      </span>
    );
  }
  if (status === 'returned') {
    return (
      <span className="month-state">
        {' '}
        <span aria-hidden="true">{DAY_MARKS.returned}</span> returned
      </span>
    );
  }
  return null;
}
