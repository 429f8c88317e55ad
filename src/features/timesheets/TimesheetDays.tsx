/** The month's days as a table (stacked on narrow screens), with the supervisor's day comments. */
import type { DailyLog } from '../../shared/schemas';
import { KT_ACTIVITY_LABELS, WORK_MODE_LABELS } from '../../shared/schemas/daily-log.schema';
import { formatDay } from '../../ui/format';

export interface TimesheetDaysProps {
  /** Oldest first. */
  logs: readonly DailyLog[];
  dayComments?: readonly { date: string; comment: string }[];
}

export function TimesheetDays({ logs, dayComments = [] }: TimesheetDaysProps) {
  if (logs.length === 0) return <p>No days logged in this month.</p>;
  const commentsByDate = new Map<string, string[]>();
  for (const { date, comment } of dayComments)
    commentsByDate.set(date, [...(commentsByDate.get(date) ?? []), comment]);
  return (
    <table className="day-table">
      <caption className="visually-hidden">Days worked</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Hours</th>
          <th scope="col">Mode</th>
          <th scope="col">Activities</th>
        </tr>
      </thead>
      <tbody>
        {logs.map((log, index) => {
          const firstOfDay = logs[index - 1]?.date !== log.date;
          const comments = firstOfDay ? (commentsByDate.get(log.date) ?? []) : [];
          return (
            <tr key={log.id} className={comments.length > 0 ? 'has-day-comment' : undefined}>
              <th scope="row" data-label="Date">
                {formatDay(log.date)}
              </th>
              <td data-label="Hours">{log.hours}</td>
              <td data-label="Mode">{WORK_MODE_LABELS[log.workMode]}</td>
              <td data-label="Activities">
                <span className="prewrap">{log.activities || '—'}</span>
                {log.ktActivities.length > 0 && (
                  <ul className="kt-summary">
                    {log.ktActivities.map((kt, ktIndex) => (
                      <li key={ktIndex}>
                        {KT_ACTIVITY_LABELS[kt.type]}: {kt.peopleReached} people reached
                      </li>
                    ))}
                  </ul>
                )}
                {comments.map((comment, commentIndex) => (
                  <p key={commentIndex} className="day-comment">
                    <strong>Supervisor’s comment on this day:</strong> {comment}
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
