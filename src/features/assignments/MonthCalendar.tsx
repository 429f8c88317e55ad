/**
 * One month of an assignment as a calendar (month-calendar.ts): each day says its state with a
 * symbol and in its accessible name ("3 November: logged, 6 h"), never by colour alone. Tapping a
 * day opens its log, or starts one for that day.
 */
import { Link } from 'react-router';
import type { CalendarDay, CalendarMonth } from './month-calendar';
import { useI18n } from './screens-catalog';

/** Monday first, as the weeks of month-calendar.ts: each day's short name and its full one. */
const WEEKDAYS = [
  [/*i18n*/ 'assignments.weekday.mon.short', /*i18n*/ 'assignments.weekday.mon'],
  [/*i18n*/ 'assignments.weekday.tue.short', /*i18n*/ 'assignments.weekday.tue'],
  [/*i18n*/ 'assignments.weekday.wed.short', /*i18n*/ 'assignments.weekday.wed'],
  [/*i18n*/ 'assignments.weekday.thu.short', /*i18n*/ 'assignments.weekday.thu'],
  [/*i18n*/ 'assignments.weekday.fri.short', /*i18n*/ 'assignments.weekday.fri'],
  [/*i18n*/ 'assignments.weekday.sat.short', /*i18n*/ 'assignments.weekday.sat'],
  [/*i18n*/ 'assignments.weekday.sun.short', /*i18n*/ 'assignments.weekday.sun'],
] as const;

export const DAY_MARKS = { logged: '✓', missing: '!', returned: '↩' } as const;

export interface MonthCalendarProps {
  calendar: CalendarMonth;
  caption: string;
  /** Where tapping the day goes, or null when it goes nowhere. */
  linkOf(day: CalendarDay): string | null;
}

export function MonthCalendar({ calendar, caption, linkOf }: MonthCalendarProps) {
  const i18n = useI18n();
  return (
    <table className="month-calendar">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <th key={short} scope="col">
              <abbr title={i18n._(long)}>{i18n._(short)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {calendar.weeks.map((week, index) => (
          <tr key={index}>
            {week.map((day, column) =>
              day ? <DayCell key={day.date} day={day} to={linkOf(day)} /> : <td key={`pad-${column}`} />,
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayCell({ day, to }: { day: CalendarDay; to: string | null }) {
  const className = [
    'cal-day',
    `cal-${day.state}`,
    day.locked && day.state !== 'outside' ? 'cal-locked' : '',
    day.returned ? 'cal-returned' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const mark = day.returned
    ? DAY_MARKS.returned
    : day.state === 'logged' || day.state === 'missing'
      ? DAY_MARKS[day.state]
      : '';
  const face = (
    <>
      <span className="cal-number">{day.dayOfMonth}</span>
      <span className="cal-mark">{mark}</span>
    </>
  );
  return (
    <td>
      {to?.startsWith('#') ? (
        // A place on this page (a log's card): the browser's own jump, which a router link would not make.
        <a href={to} className={className} aria-label={day.label}>
          <span aria-hidden="true">{face}</span>
        </a>
      ) : to ? (
        <Link to={to} className={className} aria-label={day.label}>
          <span aria-hidden="true">{face}</span>
        </Link>
      ) : (
        <span className={className}>
          <span className="visually-hidden">{day.label}</span>
          <span aria-hidden="true">{face}</span>
        </span>
      )}
    </td>
  );
}
