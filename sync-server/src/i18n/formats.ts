/**
 * Dates in the server's words, in the reader's language (issue 13): Intl does the work, in the
 * locale the language's messages were set up with (serverMessages), Gregorian calendar and UTC —
 * the server cannot know the reader's time zone, so it says which one it means.
 */
import type { I18n } from '@lingui/core';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(i18n: I18n, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locales = i18n.locales ?? i18n.locale;
  const key = `${String(locales)}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locales, { ...options, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
}

/** "2026-11" → "November 2026", "تشرين الثاني ٢٠٢٦", "Nofeembar 2026"; the text itself if no month. */
export function formatMonth(i18n: I18n, month: string): string {
  const start = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(start.getTime())
    ? month
    : formatIn(i18n, { month: 'long', year: 'numeric' }).format(start);
}

/** An instant, with its month named (03/04 reads two ways), in UTC: "16 March 2026 at 09:30". */
export function formatUtcDateTime(i18n: I18n, instant: Date): string {
  return formatIn(i18n, { dateStyle: 'long', timeStyle: 'short' }).format(instant);
}
