/**
 * Display formats shared by the screens, in the active language with its digits (issue 13): the
 * browser's Intl does the work. Files for other systems (payment CSVs) do not use these: they keep
 * Latin digits and ISO dates.
 */
import type { IsoDate } from '../shared/dates';
import { formatLocale } from '../i18n/i18n';
import { i18n } from '../i18n/catalog';

/** One Intl formatter per locale and options: building them is slow on a cheap phone. */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(
  kind: string,
  options: object,
  make: (locale: string) => F,
): F {
  const key = `${kind}|${formatLocale()}|${JSON.stringify(options)}`;
  let format = cache.get(key) as F | undefined;
  if (!format) {
    format = make(formatLocale());
    cache.set(key, format);
  }
  return format;
}
const dateFormat = (options: Intl.DateTimeFormatOptions) =>
  cached('date', options, (locale) => new Intl.DateTimeFormat(locale, options));
const numberFormat = (options: Intl.NumberFormatOptions = {}) =>
  cached('number', options, (locale) => new Intl.NumberFormat(locale, options));

// An ISO date is a calendar day, not an instant: format it in UTC so no zone shifts it.
const DAY = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;

export function formatDay(date: IsoDate): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat(DAY).format(parsed);
}

/** A number in the active language's digits: "12", "١٢", "۱۲". */
export function formatNumber(value: number): string {
  return numberFormat({ maximumFractionDigits: 2 }).format(value);
}

export function formatHours(hours: number): string {
  return i18n._('core.format.hours', { count: hours, hours: formatNumber(hours) });
}

export function formatDateTime(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime())
    ? iso
    : dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(parsed);
}

/** The calendar date of an instant, in the device's zone: "12 Jun 2026". */
export function formatDate(iso: string): string {
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : dateFormat({ dateStyle: 'medium' }).format(parsed);
}

/** "2026-06" → "June 2026". */
export function formatMonth(month: string): string {
  const parsed = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(parsed.getTime())
    ? month
    : dateFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(parsed);
}

/** Euros as the programme pays them, with the currency's code: "EUR 1,250", "EUR ١٬٢٥٠". */
export function formatEur(amount: number): string {
  return `EUR ${formatNumber(amount)}`;
}
