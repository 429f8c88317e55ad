/**
 * The programme officer's assignment form (issue 10 §3), new or edit: one column for 360 px,
 * every control labelled, errors beside their fields. Saving writes to the device; sync takes it
 * to the server, which checks it again with the people's accounts.
 */
import { useMemo, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { DeviceDatabase } from '../../db/database';
import { institutions$ } from '../../db/institutions';
import { useObservable } from '../../ui/useObservable';
import { errorId, FieldError } from '../../ui/form/FieldError';
import { FormError } from '../../ui/form/FormError';
import { CountrySelect } from '../../ui/form/CountrySelect';
import { SectorSelect } from '../../ui/form/SectorSelect';
import { ALLOWANCE_CONFIG } from '../../shared/allowance';
import { ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '../../shared/schemas/assignment.schema';
import type { Assignment } from '../../shared/schemas';
import type { Role } from '../../shared/users';
import { assignmentPath } from '../../shared/paths';
import { countryLabel, sectorLabel } from '../../i18n/labels';
import { formatEur } from '../../ui/format';
import {
  MAX_NAME_LENGTH,
  withCountry,
  withInstitution,
  type AssignmentErrors,
  type AssignmentFormValues,
} from './assignment-form';
import type { PeopleChoices } from './usePeopleChoices';
import { useAssignmentForm } from './useAssignmentForm';
import { modeChoice, statusChoice } from './assignment-words';
import { useI18n } from './screens-catalog';

type Field = keyof AssignmentErrors;

/** The control an error belongs to, to focus it after a refused save. */
const CONTROL_IDS: Record<Field, string> = {
  expertId: 'assignment-expert',
  institutionId: 'assignment-institution-choice',
  institutionName: 'assignment-institution',
  country: 'assignment-country',
  sector: 'assignment-sector',
  supervisorIds: 'assignment-supervisors',
  mode: 'assignment-mode-physical',
  startDate: 'assignment-start',
  endDate: 'assignment-end',
  dates: 'assignment-start',
  objectives: 'assignment-objectives',
  status: 'assignment-status',
  dailyRate: 'assignment-daily-rate',
};

/** The id an error message of the form is named by (FieldError makes it `${id}-error`). */
const fieldId = (field: Field) => `assignment-${field}`;

/** aria props of a control: its hint and the errors it is described by. */
function describedBy(errors: AssignmentErrors, fields: Field[], hint?: string) {
  const ids = [
    hint,
    ...fields.filter((field) => errors[field]).map((field) => errorId(fieldId(field))),
  ].filter(Boolean);
  return {
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
    'aria-invalid': fields.some((field) => errors[field]) ? (true as const) : undefined,
  };
}

interface Choice {
  id: string;
  name: string;
}

/**
 * The people of `role` to choose from: the list from the server (without deactivated accounts,
 * which the server refuses), plus whoever is chosen already, named from the assignment when the
 * list lacks them, so an existing assignment stays editable without the list.
 */
function choicesOf(
  role: Role,
  people: PeopleChoices['people'],
  chosen: string[],
  known: ReadonlyMap<string, string>,
): Choice[] {
  const listed = (people ?? []).filter((person) => person.role === role && person.status !== 'deactivated');
  const ids = new Set(listed.map((person) => person.id));
  const kept = chosen.filter((id) => id && !ids.has(id)).map((id) => ({ id, name: known.get(id) || id }));
  return [...listed.map(({ id, name }) => ({ id, name })), ...kept];
}

/** Names already on the assignment, by id. */
function namesOn(assignment: Assignment | null): Map<string, string> {
  const names = new Map<string, string>();
  if (!assignment) return names;
  if (assignment.expertName) names.set(assignment.expertId, assignment.expertName);
  assignment.supervisorIds.forEach((id, index) => {
    const name = assignment.supervisorNames?.[index];
    if (name) names.set(id, name);
  });
  return names;
}

export interface AssignmentFormProps {
  device: DeviceDatabase;
  /** The assignment as it was when editing began; null for a new one. */
  base: Assignment | null;
  initial: AssignmentFormValues;
  people: PeopleChoices;
  onSaved(assignmentId: string): void;
}

export function AssignmentForm({ device, base, initial, people, onSaved }: AssignmentFormProps) {
  const names = useMemo(() => {
    const all = namesOn(base);
    for (const person of people.people ?? []) all.set(person.id, person.name);
    return all;
  }, [base, people.people]);
  const memberships = useMemo(
    () =>
      people.people
        ? new Map(
            people.people.map((person) => [
              person.id,
              { id: person.id, name: person.name, institutionId: person.institutionId ?? null },
            ]),
          )
        : undefined,
    [people.people],
  );
  const institutionsSource = useMemo(() => institutions$(device), [device]);
  const institutions = useObservable(institutionsSource) ?? [];
  const form = useAssignmentForm({ device, base, initial, names, memberships, onSaved });
  const { values, errors, change } = form;
  const experts = choicesOf('expert', people.people, [values.expertId], names);
  const supervisors = choicesOf('supervisor', people.people, values.supervisorIds, names);
  const i18n = useI18n();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = await form.submit();
    const first = (Object.keys(CONTROL_IDS) as Field[]).find((field) => found[field]);
    if (first) document.getElementById(CONTROL_IDS[first])?.focus();
  }

  function toggleSupervisor(id: string, checked: boolean) {
    change((previous) => ({
      ...previous,
      supervisorIds: checked
        ? [...previous.supervisorIds, id]
        : previous.supervisorIds.filter((other) => other !== id),
    }));
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      {form.draftRestored && (
        <div className="notice">
          <p>{i18n._('assignments.form.draftRestored')}</p>
          <button type="button" onClick={form.discardDraft}>
            {i18n._('assignments.form.discardDraft')}
          </button>
        </div>
      )}
      {people.people === null && (
        <p className="notice" role="status">
          {people.loading
            ? i18n._('assignments.form.peopleLoading')
            : i18n._('assignments.form.peopleNeedConnection')}
        </p>
      )}

      <div className="field">
        <label htmlFor="assignment-expert">{i18n._('assignments.form.expert')}</label>
        <select
          id="assignment-expert"
          value={values.expertId}
          onChange={(event) => change((previous) => ({ ...previous, expertId: event.target.value }))}
          {...describedBy(errors, ['expertId'])}
        >
          <option value="">{i18n._('assignments.form.chooseExpert')}</option>
          {experts.map((expert) => (
            <option key={expert.id} value={expert.id} dir="auto">
              {expert.name}
            </option>
          ))}
        </select>
        <FieldError errors={errors} field="expertId" id={fieldId('expertId')} alert />
      </div>

      {(institutions.length > 0 || values.institutionId) && (
        <div className="field">
          <label htmlFor="assignment-institution-choice">
            {i18n._('assignments.form.institutionChoice')}
          </label>
          <select
            id="assignment-institution-choice"
            value={values.institutionId}
            onChange={(event) =>
              change((previous) =>
                withInstitution(
                  previous,
                  institutions.find((institution) => institution.id === event.target.value) ?? null,
                ),
              )
            }
            {...describedBy(errors, ['institutionId'], 'assignment-institution-choice-hint')}
          >
            <option value="">{i18n._('assignments.form.institutionNone')}</option>
            {institutions.map((institution) => (
              <option key={institution.id} value={institution.id} dir="auto">
                {i18n._('assignments.form.institutionOption', {
                  name: institution.name,
                  country: countryLabel(institution.country),
                  sector: sectorLabel(institution.sector),
                })}
              </option>
            ))}
            {values.institutionId &&
              !institutions.some((institution) => institution.id === values.institutionId) && (
                <option value={values.institutionId} dir="auto">
                  {values.institutionName}
                </option>
              )}
          </select>
          <p id="assignment-institution-choice-hint" className="hint">
            {i18n._('assignments.form.institutionChoiceHint')}
          </p>
          <FieldError errors={errors} field="institutionId" id={fieldId('institutionId')} alert />
        </div>
      )}

      <div className="field">
        <label htmlFor="assignment-institution">{i18n._('assignments.form.institution')}</label>
        <input
          id="assignment-institution"
          type="text"
          dir="auto"
          autoComplete="organization"
          maxLength={MAX_NAME_LENGTH}
          readOnly={values.institutionId !== ''}
          value={values.institutionName}
          onChange={(event) => change((previous) => ({ ...previous, institutionName: event.target.value }))}
          {...describedBy(errors, ['institutionName'])}
        />
        <FieldError errors={errors} field="institutionName" id={fieldId('institutionName')} alert />
      </div>

      <CountrySelect
        id="assignment-country"
        value={values.country}
        disabled={values.institutionId !== ''}
        onChange={(country) => change((previous) => withCountry(previous, country))}
        error={errors.country}
      />

      <SectorSelect
        id="assignment-sector"
        country={values.country}
        value={values.sector}
        disabled={values.institutionId !== ''}
        onChange={(sector) => change((previous) => ({ ...previous, sector }))}
        error={errors.sector}
      />

      <fieldset
        className="field"
        id="assignment-supervisors"
        tabIndex={-1}
        {...describedBy(errors, ['supervisorIds'])}
      >
        <legend>{i18n._('assignments.form.supervisors')}</legend>
        {supervisors.length === 0 && <p className="hint">{i18n._('assignments.form.noSupervisors')}</p>}
        {supervisors.map((supervisor) => (
          <div key={supervisor.id} className="choice">
            <input
              id={`assignment-supervisor-${supervisor.id}`}
              type="checkbox"
              checked={values.supervisorIds.includes(supervisor.id)}
              onChange={(event) => toggleSupervisor(supervisor.id, event.target.checked)}
            />
            <label htmlFor={`assignment-supervisor-${supervisor.id}`} dir="auto">
              {supervisor.name}
            </label>
          </div>
        ))}
        <FieldError errors={errors} field="supervisorIds" id={fieldId('supervisorIds')} alert />
      </fieldset>

      <fieldset className="field">
        <legend>{i18n._('assignments.form.mode')}</legend>
        {ASSIGNMENT_MODES.map((mode) => (
          <div key={mode} className="choice">
            <input
              id={`assignment-mode-${mode}`}
              type="radio"
              name="assignment-mode"
              value={mode}
              checked={values.mode === mode}
              onChange={() => change((previous) => ({ ...previous, mode }))}
            />
            <label htmlFor={`assignment-mode-${mode}`}>{modeChoice(mode)}</label>
          </div>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor="assignment-daily-rate">{i18n._('assignments.form.dailyRate')}</label>
        <input
          id="assignment-daily-rate"
          inputMode="numeric"
          value={values.dailyRate}
          onChange={(event) => change((previous) => ({ ...previous, dailyRate: event.target.value }))}
          {...describedBy(errors, ['dailyRate'], 'assignment-daily-rate-hint')}
        />
        <p id="assignment-daily-rate-hint" className="hint">
          {values.country
            ? i18n._('assignments.form.dailyRateHint.country', {
                country: countryLabel(values.country),
                rate: formatEur(ALLOWANCE_CONFIG.dailyRateEur[values.country]),
              })
            : i18n._('assignments.form.dailyRateHint.noCountry')}{' '}
          {i18n._('assignments.form.dailyRateHint.paidFor')}
        </p>
        <FieldError errors={errors} field="dailyRate" id={fieldId('dailyRate')} alert />
      </div>

      <fieldset className="field">
        <legend>{i18n._('assignments.form.dates')}</legend>
        <div className="field">
          <label htmlFor="assignment-start">{i18n._('assignments.form.startDate')}</label>
          <input
            id="assignment-start"
            type="date"
            value={values.startDate}
            onChange={(event) => change((previous) => ({ ...previous, startDate: event.target.value }))}
            {...describedBy(errors, ['startDate', 'dates'])}
          />
          <FieldError errors={errors} field="startDate" id={fieldId('startDate')} alert />
        </div>
        <div className="field">
          <label htmlFor="assignment-end">{i18n._('assignments.form.endDate')}</label>
          <input
            id="assignment-end"
            type="date"
            value={values.endDate}
            min={values.startDate || undefined}
            onChange={(event) => change((previous) => ({ ...previous, endDate: event.target.value }))}
            {...describedBy(errors, ['endDate', 'dates'])}
          />
          <FieldError errors={errors} field="endDate" id={fieldId('endDate')} alert />
        </div>
        <FieldError errors={errors} field="dates" id={fieldId('dates')} alert />
      </fieldset>

      <div className="field">
        <label htmlFor="assignment-objectives">{i18n._('assignments.form.objectives')}</label>
        <textarea
          id="assignment-objectives"
          dir="auto"
          rows={5}
          value={values.objectives}
          onChange={(event) => change((previous) => ({ ...previous, objectives: event.target.value }))}
          {...describedBy(errors, ['objectives'], 'assignment-objectives-hint')}
        />
        <p id="assignment-objectives-hint" className="hint">
          {i18n._('assignments.form.objectivesHint')}
        </p>
        <FieldError errors={errors} field="objectives" id={fieldId('objectives')} alert />
      </div>

      <div className="field">
        <label htmlFor="assignment-status">{i18n._('assignments.form.status')}</label>
        <select
          id="assignment-status"
          value={values.status}
          onChange={(event) =>
            change((previous) => ({ ...previous, status: event.target.value as Assignment['status'] }))
          }
        >
          {ASSIGNMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusChoice(status)}
            </option>
          ))}
        </select>
      </div>

      <FormError message={form.saveError} />
      <div className="form-actions">
        <button type="submit" className="primary wide" disabled={form.saving}>
          {i18n._('assignments.form.save')}
        </button>
        <Link to={base ? assignmentPath(base.id) : '/'} className="button">
          {i18n._('assignments.form.cancel')}
        </Link>
      </div>
    </form>
  );
}
