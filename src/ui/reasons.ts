/**
 * The rules' reasons in the reader's language (issue 13, src/shared/reasons.ts). A rule, the
 * device's write or the server refuses with a reason: a message id and its values. This is where
 * a screen turns one into words: the catalog (src/shared/locales) in the active language, with the
 * dates and months it names formatted as every other date on the screen.
 */
import { messages } from '../shared/locales/en.po';
import { i18n, registerCatalog } from '../i18n/i18n';
import { isIsoDate, isIsoMonth } from '../shared/dates';
import { RefusedError, isReason, type Reason } from '../shared/reasons';
import { formatDay, formatMonth } from './format';

registerCatalog(
  'reasons',
  messages,
  import.meta.glob(['../shared/locales/*.po', '!../shared/locales/en.po']),
);

export { useI18n } from '../i18n/useI18n';

function shown(value: string | number): string | number {
  if (typeof value !== 'string') return value;
  if (isIsoDate(value)) return formatDay(value);
  return isIsoMonth(value) ? formatMonth(value) : value;
}

/** Whether this app knows the reason: a newer server may send one it does not. */
export function knowsReason(reason: Reason): boolean {
  return i18n.messages[reason.id] !== undefined;
}

export function reasonText(reason: Reason): string {
  const values = reason.values
    ? Object.fromEntries(Object.entries(reason.values).map(([name, value]) => [name, shown(value)]))
    : undefined;
  return i18n._(reason.id, values);
}

/**
 * The reasons as one text, or `english` (the server's words for them) when there are none or this
 * app does not know one of them.
 */
export function reasonsText(reasons: readonly Reason[] | undefined, english: string): string {
  return reasons && reasons.length > 0 && reasons.every(knowsReason)
    ? reasons.map(reasonText).join(' ')
    : english;
}

/** Why a change was refused, as kept with it: its reasons, or the server's English for old ones. */
export function refusalText(refusal: { reasons?: readonly unknown[]; message: string }): string {
  return reasonsText((refusal.reasons ?? []).filter(isReason), refusal.message);
}

/** The words of a reason that may be absent (a lock that may not hold). */
export function lockText(reason: Reason | null | undefined): string | null {
  return reason ? reasonText(reason) : null;
}

/** A form's messages by field, from the reasons a rule gave by field. */
export function fieldTexts(reasons: Partial<Record<string, Reason>>): Partial<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(reasons).flatMap(([field, reason]) => (reason ? [[field, reasonText(reason)]] : [])),
  );
}

/** What to tell a person about a failed action: the rule's reasons when it has them, else its message. */
export function errorText(error: unknown): string {
  if (error instanceof RefusedError) return reasonsText(error.reasons, error.message);
  if (!(error instanceof Error)) return String(error);
  const { reason } = error as { reason?: unknown };
  return isReason(reason) ? reasonsText([reason], error.message) : error.message;
}
