/** Display formats shared by the screens. */
import type { IsoDate } from '../shared/dates';

const DAY_FORMAT = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  // The ISO date is a calendar day, not an instant: format it in UTC so no zone shifts it.
  timeZone: 'UTC',
});

export function formatDay(date: IsoDate): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : DAY_FORMAT.format(parsed);
}

export function formatHours(hours: number): string {
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

export function formatDateTime(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime())
    ? iso
    : parsed.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The calendar date of an instant, in the device's zone: "12 Jun 2026". */
export function formatDate(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : parsed.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-06" → "June 2026". */
export function formatMonth(month: string): string {
  const parsed = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? month : MONTH_FORMAT.format(parsed);
}

/** Whole euros as the programme pays them: "EUR 1,250". */
export function formatEur(amount: number): string {
  return `EUR ${amount.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
}
