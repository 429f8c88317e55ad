/**
 * The daily log form, built for one thumb at 360 px: big controls, quick hour buttons, errors
 * next to their fields. Saving writes to the device; sync takes it from there.
 */
import { type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import type { LogInput } from '../../db/logs';
import { localIsoDate } from '../../shared/dates';
import { HOURS_STEP, MAX_HOURS_PER_DAY } from '../../shared/rules/log-rules';
import { zeroHourLogMeaning } from '../../i18n/labels';
import type { Assignment } from '../../shared/schemas';
import {
  KT_ACTIVITY_TYPES,
  MAX_TEXT_LENGTH,
  WORK_MODES,
  type KtActivityType,
  type WorkMode,
} from '../../shared/schemas/daily-log.schema';
import { CharacterCount, isNearLimit } from '../../ui/CharacterCount';
import { errorId, FieldError } from '../../ui/form/FieldError';
import { FormError } from '../../ui/form/FormError';
import { useAssignmentTimesheets } from '../../session/useAssignmentTimesheets';
import { assignmentPath } from '../../shared/paths';
import { ktActivityLabel, workModeLabel } from '../../i18n/labels';
import { formatNumber } from '../../ui/format';
import {
  MAX_KT_ROWS,
  MAX_LOCATION_LENGTH,
  parseHours,
  type FieldErrors,
  type LogFormValues,
} from './log-form-values';
import { useLogForm } from './useLogForm';
import { useI18n } from './catalog';

const QUICK_HOURS = [4, 6, 8] as const;

export interface LogFormProps {
  device: DeviceDatabase;
  assignment: Assignment;
  logId: string | null;
  draftName: string;
  initial: LogFormValues;
  /** The log as it was when editing began (useLogForm). */
  base?: LogInput | null;
  onSaved(logId: string): void;
  /** Extra actions under the form, e.g. delete. */
  children?: ReactNode;
}

/** The id of the control an error belongs to, to focus it and to describe it. */
function controlId(field: string): string {
  if (field.startsWith('kt.')) return `kt-people-${field.slice(3)}`;
  if (field === 'workMode') return 'log-workMode-on_site';
  return `log-${field}`;
}

/** The field's error state and what describes it: its hint or count (when shown) and its error. */
function errorProps(errors: FieldErrors, field: string, described: (string | false)[] = []) {
  const ids = [...described, Boolean(errors[field]) && errorId(controlId(field))].filter(Boolean);
  return {
    'aria-invalid': errors[field] ? (true as const) : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

/** A text's count, shown near its limit: `maxLength` cuts typing and pasting without a word. */
function textCount(field: string, value: string, max: number) {
  const id = `${controlId(field)}-count`;
  return {
    describedBy: isNearLimit(value.length, max) && id,
    count: <CharacterCount id={id} length={value.length} max={max} onlyNearLimit />,
  };
}

export function LogForm({
  device,
  assignment,
  logId,
  draftName,
  initial,
  base,
  onSaved,
  children,
}: LogFormProps) {
  const i18n = useI18n();
  const { lockOf } = useAssignmentTimesheets(device, assignment.id);
  const form = useLogForm({ device, assignment, logId, draftName, initial, base, onSaved, lockOf });
  const { values, errors, change } = form;
  const today = localIsoDate();
  const zeroHours = parseHours(values.hours) === 0;
  const location = textCount('location', values.location, MAX_LOCATION_LENGTH);
  const activities = textCount('activities', values.activities, MAX_TEXT_LENGTH);
  const notes = textCount('notes', values.notes, MAX_TEXT_LENGTH);
  const maxDate = assignment.endDate < today ? assignment.endDate : today;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = await form.submit();
    const first = Object.keys(found).find((field) => field !== 'form');
    if (first) document.getElementById(controlId(first))?.focus();
  }

  function stepHours(delta: number) {
    const current = parseHours(values.hours) ?? 0;
    const next = Math.min(
      MAX_HOURS_PER_DAY,
      Math.max(0, Math.round((current + delta) / HOURS_STEP) * HOURS_STEP),
    );
    change('hours', { hours: String(next) });
  }

  return (
    <>
      <form className="log-form stack" onSubmit={(event) => void submit(event)} noValidate>
        {form.draftRestored && (
          <div className="notice">
            <p>{i18n._('logs.form.draftRestored')}</p>
            <button type="button" onClick={form.discardDraft}>
              {i18n._('logs.form.discardDraft')}
            </button>
          </div>
        )}
        {errors.assignmentId && <p className="form-error">{errors.assignmentId}</p>}

        <div className="field">
          <label htmlFor="log-date">{i18n._('logs.form.date')}</label>
          <input
            id="log-date"
            type="date"
            value={values.date}
            min={assignment.startDate}
            max={maxDate}
            required
            onChange={(event) => change('date', { date: event.target.value })}
            {...errorProps(errors, 'date')}
          />
          <FieldError errors={errors} field="date" id={controlId('date')} />
        </div>

        <div className="field">
          <label htmlFor="log-hours">{i18n._('logs.form.hours')}</label>
          <div className="hours-row">
            <button
              type="button"
              className="stepper"
              aria-label={i18n._('logs.form.quarterHourLess')}
              onClick={() => stepHours(-HOURS_STEP)}
            >
              −
            </button>
            <input
              id="log-hours"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values.hours}
              onChange={(event) => change('hours', { hours: event.target.value })}
              {...errorProps(errors, 'hours', ['log-hours-hint', zeroHours && 'log-hours-zero'])}
            />
            <button
              type="button"
              className="stepper"
              aria-label={i18n._('logs.form.quarterHourMore')}
              onClick={() => stepHours(HOURS_STEP)}
            >
              +
            </button>
          </div>
          <p id="log-hours-hint" className="hint">
            {i18n._('logs.form.hoursHint', { example: formatNumber(7.5) })}
          </p>
          {zeroHours && (
            <p id="log-hours-zero" className="hint">
              {zeroHourLogMeaning()}
            </p>
          )}
          <div className="button-row quick-hours">
            {QUICK_HOURS.map((hours) => (
              <button
                key={hours}
                type="button"
                aria-pressed={parseHours(values.hours) === hours}
                onClick={() => change('hours', { hours: String(hours) })}
              >
                {i18n._('logs.form.quickHours', { count: hours })}
              </button>
            ))}
          </div>
          <FieldError errors={errors} field="hours" id={controlId('hours')} />
        </div>

        <fieldset className="field">
          <legend>{i18n._('logs.form.workMode')}</legend>
          {WORK_MODES.map((mode: WorkMode) => (
            <div key={mode} className="choice">
              <input
                id={`log-workMode-${mode}`}
                type="radio"
                name="workMode"
                value={mode}
                checked={values.workMode === mode}
                onChange={() => change('workMode', { workMode: mode })}
              />
              <label htmlFor={`log-workMode-${mode}`}>{workModeLabel(mode)}</label>
            </div>
          ))}
          <FieldError errors={errors} field="workMode" id={controlId('workMode')} />
        </fieldset>

        <div className="field">
          <label htmlFor="log-location">{i18n._('logs.form.location')}</label>
          <input
            id="log-location"
            type="text"
            dir="auto"
            value={values.location}
            maxLength={MAX_LOCATION_LENGTH}
            autoComplete="off"
            onChange={(event) => change('location', { location: event.target.value })}
            {...errorProps(errors, 'location', [location.describedBy])}
          />
          {location.count}
          <FieldError errors={errors} field="location" id={controlId('location')} />
        </div>

        <div className="field">
          <label htmlFor="log-activities">{i18n._('logs.form.activities')}</label>
          <textarea
            id="log-activities"
            rows={5}
            dir="auto"
            value={values.activities}
            maxLength={MAX_TEXT_LENGTH}
            onChange={(event) => change('activities', { activities: event.target.value })}
            {...errorProps(errors, 'activities', [activities.describedBy])}
          />
          {activities.count}
          <FieldError errors={errors} field="activities" id={controlId('activities')} />
        </div>

        <fieldset className="field">
          <legend>{i18n._('logs.form.ktActivities')}</legend>
          {values.ktActivities.length === 0 && <p className="hint">{i18n._('logs.form.ktNone')}</p>}
          {values.ktActivities.map((row, index) => (
            <div key={index} className="kt-row">
              <div className="field">
                <label htmlFor={`kt-type-${index}`}>
                  {i18n._('logs.form.ktType')}
                  <span className="visually-hidden"> {formatNumber(index + 1)}</span>
                </label>
                <select
                  id={`kt-type-${index}`}
                  value={row.type}
                  onChange={(event) =>
                    form.changeKtRow(index, { type: event.target.value as KtActivityType })
                  }
                >
                  {KT_ACTIVITY_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {ktActivityLabel(type)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`kt-people-${index}`}>
                  {i18n._('logs.form.peopleReached')}
                  <span className="visually-hidden"> {formatNumber(index + 1)}</span>
                </label>
                <input
                  id={`kt-people-${index}`}
                  type="text"
                  inputMode="numeric"
                  value={row.peopleReached}
                  onChange={(event) => form.changeKtRow(index, { peopleReached: event.target.value })}
                  {...errorProps(errors, `kt.${index}`)}
                />
                <FieldError errors={errors} field={`kt.${index}`} id={controlId(`kt.${index}`)} />
              </div>
              <button type="button" onClick={() => form.removeKtRow(index)}>
                {i18n._('logs.form.removeKt')}
                <span className="visually-hidden"> {formatNumber(index + 1)}</span>
              </button>
            </div>
          ))}
          {values.ktActivities.length < MAX_KT_ROWS && (
            <button type="button" onClick={form.addKtRow}>
              {i18n._('logs.form.addKt')}
            </button>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor="log-notes">{i18n._('logs.form.notes')}</label>
          <textarea
            id="log-notes"
            rows={3}
            dir="auto"
            value={values.notes}
            maxLength={MAX_TEXT_LENGTH}
            onChange={(event) => change('notes', { notes: event.target.value })}
            {...errorProps(errors, 'notes', [notes.describedBy])}
          />
          {notes.count}
          <FieldError errors={errors} field="notes" id={controlId('notes')} />
        </div>

        <FormError message={form.saveError} />
        <div className="form-actions">
          <button type="submit" className="primary wide" disabled={form.saving}>
            {i18n._('logs.form.save')}
          </button>
          <Link to={assignmentPath(assignment.id)} className="button">
            {i18n._('logs.form.cancel')}
          </Link>
        </div>
      </form>
      {children}
    </>
  );
}
