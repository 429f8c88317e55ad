/** The month's days as a table (stacked on narrow screens), with the supervisor's day comments. */
import type { DailyLog } from '../../shared/schemas';
import { ktActivityLabel, workModeLabel } from '../../i18n/labels';
import { formatDay, formatNumber } from '../../ui/format';
import { useI18n } from './screens-catalog';

export interface TimesheetDaysProps {
  /** Oldest first. */
  logs: readonly DailyLog[];
  dayComments?: readonly { date: string; comment: string }[];
}

export function TimesheetDays({ logs, dayComments = [] }: TimesheetDaysProps) {
  const i18n = useI18n();
  if (logs.length === 0) return <p>{i18n._('timesheets.days.none')}</p>;
  const labels = {
    date: i18n._('timesheets.days.date'),
    hours: i18n._('timesheets.days.hours'),
    mode: i18n._('timesheets.days.mode'),
    activities: i18n._('timesheets.days.activities'),
  };
  const commentsByDate = new Map<string, string[]>();
  for (const { date, comment } of dayComments)
    commentsByDate.set(date, [...(commentsByDate.get(date) ?? []), comment]);
  return (
    <table className="day-table">
      <caption className="visually-hidden">{i18n._('timesheets.days.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{labels.date}</th>
          <th scope="col">{labels.hours}</th>
          <th scope="col">{labels.mode}</th>
          <th scope="col">{labels.activities}</th>
        </tr>
      </thead>
      <tbody>
        {logs.map((log, index) => {
          const firstOfDay = logs[index - 1]?.date !== log.date;
          const comments = firstOfDay ? (commentsByDate.get(log.date) ?? []) : [];
          return (
            <tr key={log.id} className={comments.length > 0 ? 'has-day-comment' : undefined}>
              <th scope="row" data-label={labels.date}>
                {formatDay(log.date)}
              </th>
              <td data-label={labels.hours}>{formatNumber(log.hours)}</td>
              <td data-label={labels.mode}>{workModeLabel(log.workMode)}</td>
              <td data-label={labels.activities}>
                <span className="prewrap" dir="auto">
                  {log.activities || '—'}
                </span>
                {log.ktActivities.length > 0 && (
                  <ul className="kt-summary">
                    {log.ktActivities.map((kt, ktIndex) => (
                      <li key={ktIndex}>
                        {i18n._('timesheets.days.ktPeople', {
                          activity: ktActivityLabel(kt.type),
                          count: kt.peopleReached,
                        })}
                      </li>
                    ))}
                  </ul>
                )}
                {comments.map((comment, commentIndex) => (
                  <p key={commentIndex} className="day-comment">
                    <strong>{i18n._('timesheets.days.supervisorComment')}</strong>{' '}
                    <span dir="auto">{comment}</span>
                  </p>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
