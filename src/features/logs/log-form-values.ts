/**
 * The log form's values as typed (strings, so half-typed input survives drafts and re-renders),
 * their conversion to and from a log, and validation: input errors first, then the shared rules.
 */
import type { LogInput } from '../../db/logs';
import { checkLogRules, type LogRuleContext } from '../../shared/rules/log-rules';
import { reasonText } from '../../ui/reasons';
import {
  MAX_TEXT_LENGTH,
  type DailyLog,
  type KtActivityType,
  type WorkMode,
} from '../../shared/schemas/daily-log.schema';
import { formatNumber } from '../../ui/format';
import type { AttemptedLog } from '../refusals';
import { i18n } from './catalog';

export interface KtRowValues {
  type: KtActivityType;
  peopleReached: string;
}

export interface LogFormValues {
  date: string;
  hours: string;
  workMode: WorkMode;
  location: string;
  activities: string;
  ktActivities: KtRowValues[];
  notes: string;
}

export const MAX_LOCATION_LENGTH = 200;
export const MAX_KT_ROWS = 20;
const MAX_PEOPLE_REACHED = 100_000;

/** Field keys errors are reported under; KT rows are `kt.<index>`. */
export type FieldErrors = Partial<Record<string, string>>;

export function emptyLogValues(today: string): LogFormValues {
  return {
    date: today,
    hours: '',
    workMode: 'on_site',
    location: '',
    activities: '',
    ktActivities: [],
    notes: '',
  };
}

export function valuesFromLog(log: Omit<DailyLog, 'id' | 'assignmentId'>): LogFormValues {
  return {
    date: log.date,
    hours: String(log.hours),
    workMode: log.workMode,
    location: log.location,
    activities: log.activities,
    ktActivities: log.ktActivities.map((kt) => ({ type: kt.type, peopleReached: String(kt.peopleReached) })),
    notes: log.notes,
  };
}

export function valuesFromAttempted(attempted: AttemptedLog, today: string): LogFormValues {
  return {
    date: attempted.date || today,
    hours: attempted.hours === null ? '' : String(attempted.hours),
    workMode: attempted.workMode ?? 'on_site',
    location: attempted.location,
    activities: attempted.activities,
    ktActivities: attempted.ktActivities.map((kt) => ({
      type: kt.type,
      peopleReached: String(kt.peopleReached),
    })),
    notes: attempted.notes,
  };
}

/**
 * Accepts a decimal comma too: many phones in the programme's countries type one. A minus sign
 * (either kind) makes a number the rules refuse as negative, not text that is "not a number".
 */
export function parseHours(text: string): number | null {
  const trimmed = text
    .trim()
    .replace(',', '.')
    .replace(/^\u2212/, '-');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  return Number(trimmed);
}

function parsePeople(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

export function toLogInput(values: LogFormValues, ids: { id: string; assignmentId: string }): LogInput {
  return {
    id: ids.id,
    assignmentId: ids.assignmentId,
    date: values.date,
    hours: parseHours(values.hours) ?? Number.NaN,
    workMode: values.workMode,
    location: values.location.trim(),
    activities: values.activities,
    ktActivities: values.ktActivities.map((kt) => ({
      type: kt.type,
      peopleReached: parsePeople(kt.peopleReached) ?? 0,
    })),
    notes: values.notes,
  };
}

export function validateLog(
  values: LogFormValues,
  ids: { id: string; assignmentId: string },
  ctx: LogRuleContext,
): FieldErrors {
  const errors: FieldErrors = {};
  const hours = parseHours(values.hours);
  if (hours === null) errors.hours = i18n._('logs.form.error.hoursNotNumber');
  if (values.location.length > MAX_LOCATION_LENGTH) {
    errors.location = i18n._('logs.form.error.locationTooLong', { max: formatNumber(MAX_LOCATION_LENGTH) });
  }
  if (values.activities.length > MAX_TEXT_LENGTH) {
    errors.activities = i18n._('logs.form.error.activitiesTooLong', { max: formatNumber(MAX_TEXT_LENGTH) });
  }
  if (values.notes.length > MAX_TEXT_LENGTH) {
    errors.notes = i18n._('logs.form.error.notesTooLong', { max: formatNumber(MAX_TEXT_LENGTH) });
  }
  values.ktActivities.forEach((kt, index) => {
    const people = parsePeople(kt.peopleReached);
    if (people === null) errors[`kt.${index}`] = i18n._('logs.form.error.peopleNotNumber');
    else if (people > MAX_PEOPLE_REACHED) errors[`kt.${index}`] = i18n._('logs.form.error.tooManyPeople');
  });
  const input = toLogInput(values, ids);
  for (const violation of checkLogRules(input, ctx)) {
    // An unparseable number already has its own message; the rule's would only confuse.
    if (violation.field === 'hours' && hours === null) continue;
    errors[violation.field] ??= reasonText(violation.reason);
  }
  return errors;
}
