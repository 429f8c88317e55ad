/**
 * A month of an assignment at a glance (issue 11 §2): which days are logged, which past working
 * days have no log (missing), which are locked by a submitted or approved timesheet and which the
 * supervisor named when returning the month. Each day carries its words, so the calendar never
 * speaks by colour alone.
 */
import { addDays, type IsoDate } from '../../shared/dates';
import { assignmentMonths, isLocked, timesheetPeriod } from '../../shared/rules/timesheet-rules';
import type { Assignment, DailyLog, Timesheet } from '../../shared/schemas';
import { formatLocale } from '../../i18n/i18n';
import { formatNumber } from '../../ui/format';
import { i18n } from './screens-catalog';

export type DayState =
  /** One or more logs. */
  | 'logged'
  /** A past working day (Monday to Friday) of the assignment without a log. */
  | 'missing'
  /** In the assignment, no log, and nothing missing: a weekend, today, or a day still to come. */
  | 'open'
  /** Before the assignment started or after it ended. */
  | 'outside';

export interface CalendarDay {
  date: IsoDate;
  dayOfMonth: number;
  state: DayState;
  hours: number;
  /** The day's logs, in the order given. */
  logIds: string[];
  /** Its month is submitted or approved: the day cannot change. */
  locked: boolean;
  /** The supervisor named this day when returning the month. */
  returned: boolean;
  future: boolean;
  /** What a screen reader says: "3 November: logged, 6 h". */
  label: string;
}

export interface CalendarMonth {
  month: string;
  /** Weeks from Monday to Sunday; null pads the days of other months. */
  weeks: (CalendarDay | null)[][];
}

type CalendarLog = Pick<DailyLog, 'id' | 'date' | 'hours'>;

function weekdayIndex(date: IsoDate): number {
  // 0 Monday … 6 Sunday.
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

// Built once per locale: a month's labels make some thirty, and a cheap phone builds them slowly.
const dayNames = new Map<string, Intl.DateTimeFormat>();

/** "3 November", "٣ تشرين الثاني": the day and month in the active language and digits. */
function dayName(date: IsoDate): string {
  const locale = formatLocale();
  let format = dayNames.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    dayNames.set(locale, format);
  }
  return format.format(new Date(`${date}T00:00:00Z`));
}

/** The message of each state; an open day is "not yet" when still to come, "no log" when not. */
const DAY_LABELS = {
  logged: /*i18n*/ 'assignments.calendar.day.logged',
  missing: /*i18n*/ 'assignments.calendar.day.missing',
  outside: /*i18n*/ 'assignments.calendar.day.outside',
  future: /*i18n*/ 'assignments.calendar.day.future',
  open: /*i18n*/ 'assignments.calendar.day.open',
} as const;

function dayLabel(day: Omit<CalendarDay, 'label'>): string {
  // Whole sentences with the flags as selects, so a language can order and join the words its own way.
  return i18n._(DAY_LABELS[day.state === 'open' && day.future ? 'future' : day.state], {
    day: dayName(day.date),
    hours: formatNumber(day.hours),
    returned: day.returned ? 'yes' : 'no',
    locked: day.locked && day.state !== 'outside' ? 'yes' : 'no',
  });
}

export function monthCalendar(
  assignment: Pick<Assignment, 'startDate' | 'endDate'>,
  month: string,
  logs: readonly CalendarLog[],
  timesheet: Pick<Timesheet, 'status' | 'returned'> | undefined,
  today: IsoDate,
): CalendarMonth {
  const period = timesheetPeriod(assignment, month);
  const locked = isLocked(timesheet?.status);
  const returnedDays = new Set(
    timesheet?.status === 'returned' ? (timesheet.returned?.dayComments ?? []).map((day) => day.date) : [],
  );
  const byDate = new Map<IsoDate, CalendarLog[]>();
  for (const log of logs) {
    if (log.date.slice(0, 7) === month) byDate.set(log.date, [...(byDate.get(log.date) ?? []), log]);
  }
  const first = `${month}-01`;
  const days: CalendarDay[] = [];
  for (let date = first; date.slice(0, 7) === month; date = addDays(date, 1)) {
    const dayLogs = byDate.get(date) ?? [];
    const inPeriod = period !== null && date >= period.start && date <= period.end;
    const weekday = weekdayIndex(date) < 5;
    const state: DayState =
      dayLogs.length > 0 ? 'logged' : !inPeriod ? 'outside' : weekday && date < today ? 'missing' : 'open';
    const day = {
      date,
      dayOfMonth: Number(date.slice(8, 10)),
      state,
      hours: dayLogs.reduce((sum, log) => sum + log.hours, 0),
      logIds: dayLogs.map((log) => log.id),
      locked,
      returned: returnedDays.has(date),
      future: date > today,
    };
    days.push({ ...day, label: dayLabel(day) });
  }
  const weeks: (CalendarDay | null)[][] = [];
  let week: (CalendarDay | null)[] = Array.from({ length: weekdayIndex(first) }, () => null);
  for (const day of days) {
    week.push(day);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return { month, weeks };
}

/**
 * The months the assignment page shows, newest first: every month of the assignment up to the
 * current one, and any other month that holds a log.
 */
export function pageMonths(
  assignment: Pick<Assignment, 'startDate' | 'endDate'>,
  logs: readonly Pick<DailyLog, 'date'>[],
  today: IsoDate,
): string[] {
  const months = new Set(assignmentMonths(assignment).filter((month) => month <= today.slice(0, 7)));
  for (const log of logs) months.add(log.date.slice(0, 7));
  return [...months].sort().reverse();
}
