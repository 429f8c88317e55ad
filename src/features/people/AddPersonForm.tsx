/**
 * "Add a person" (PE-1): checked first with the server's own checkNewPerson, so a mistyped email
 * is shown before a round trip; a refusal from the server is shown at the field it names.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { checkNewPerson, LANGUAGES, type InvitedPersonResponse, type Language } from '../../shared/people';
import type { Institution } from '../../shared/schemas';
import { ROLES, type Role } from '../../shared/users';
import { NEW_INSTITUTION_PATH } from '../../shared/paths';
import { addPerson, PeopleApiError } from './people-api';
import { failureMessage } from './failure-message';
import { fieldMessage, LANGUAGE_LABELS, roleLabel } from './people-labels';
import { FormError } from '../../ui/form/FormError';
import { countryLabel } from '../../i18n/labels';
import { useI18n } from './catalog';
import { slots, withParts } from '../../ui/sentence-parts';
import { errorText, reasonText } from '../../ui/reasons';

type FieldName = 'name' | 'email' | 'role' | 'phone' | 'language' | 'institutionId';
const FIELDS: readonly string[] = ['name', 'email', 'role', 'phone', 'language', 'institutionId'];

interface Values {
  name: string;
  email: string;
  role: Role;
  phone: string;
  language: Language;
  institutionId: string;
}

const EMPTY: Values = { name: '', email: '', role: 'expert', phone: '', language: 'en', institutionId: '' };

/** A refusal at a field, or (field null) about the whole form. */
type Problem = { field: FieldName | null; message: string };

/** What the form sends: optional fields only when filled, the institution only for a supervisor (PE-11). */
function requestOf(values: Values): Record<string, unknown> {
  const phone = values.phone.trim();
  const institutionId = values.institutionId.trim();
  return {
    name: values.name,
    email: values.email,
    role: values.role,
    language: values.language,
    ...(phone ? { phone } : {}),
    ...(values.role === 'supervisor' && institutionId ? { institutionId } : {}),
  };
}

function problemOf(field: string | null, message: string): Problem {
  return field && FIELDS.includes(field)
    ? { field: field as FieldName, message: fieldMessage(field, message) }
    : { field: null, message };
}

export function AddPersonForm({
  token,
  institutions,
  onAdded,
  onCancel,
}: {
  token: string;
  /**
   * The device's host institutions, undefined while they load: a supervisor's is chosen from them
   * (PE-11, AS-8); the server checks that it still exists.
   */
  institutions: readonly Institution[] | undefined;
  onAdded(result: InvitedPersonResponse): void;
  onCancel(): void;
}) {
  const i18n = useI18n();
  const [values, setValues] = useState<Values>(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (field: keyof Values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  // The field in question takes focus, and with it its message (aria-describedby) is read out.
  useEffect(() => {
    if (problem?.field) formRef.current?.querySelector<HTMLElement>(`#person-${problem.field}`)?.focus();
  }, [problem]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkNewPerson(requestOf(values));
    if (!checked.ok) return setProblem(problemOf(checked.field, reasonText(checked.reason)));
    setBusy(true);
    setProblem(null);
    try {
      const result = await addPerson(token, checked.value);
      setValues(EMPTY);
      onAdded(result);
    } catch (error) {
      setProblem(
        error instanceof PeopleApiError && error.field
          ? problemOf(error.field, errorText(error))
          : { field: null, message: failureMessage(error) },
      );
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: FieldName, hint?: string) =>
    [hint, problem?.field === field ? `person-${field}-error` : undefined].filter(Boolean).join(' ') ||
    undefined;
  const invalid = (field: FieldName) => problem?.field === field || undefined;
  const error = (field: FieldName) =>
    problem?.field === field ? (
      <p id={`person-${field}-error`} className="field-error">
        {problem.message}
      </p>
    ) : null;

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="stack add-person"
      aria-labelledby="add-person-heading"
    >
      <h2 id="add-person-heading">{i18n._('people.add.heading')}</h2>
      <div className="field">
        <label htmlFor="person-name">{i18n._('people.add.name')}</label>
        <input
          id="person-name"
          type="text"
          dir="auto"
          autoComplete="off"
          value={values.name}
          onChange={set('name')}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name')}
        />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor="person-email">{i18n._('people.add.email')}</label>
        <input
          id="person-email"
          type="email"
          dir="auto"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
          aria-invalid={invalid('email')}
          aria-describedby={describedBy('email')}
        />
        {error('email')}
      </div>
      <div className="field">
        <label htmlFor="person-role">{i18n._('people.add.role')}</label>
        <select
          id="person-role"
          value={values.role}
          onChange={set('role')}
          aria-invalid={invalid('role')}
          aria-describedby={describedBy('role')}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
        {error('role')}
      </div>
      {values.role === 'supervisor' && (
        <div className="field">
          <label htmlFor="person-institutionId">{i18n._('people.add.institution')}</label>
          <p id="person-institutionId-hint" className="hint">
            {i18n._('people.add.institutionHint')}
          </p>
          {institutions === undefined ? (
            <p role="status">{i18n._('people.add.institutionsLoading')}</p>
          ) : institutions.length === 0 ? (
            <p id="person-institutionId" className="notice" tabIndex={-1}>
              {i18n._('people.add.noInstitution')}{' '}
              {withParts(i18n._('people.add.addInstitutionFirst', slots('link')), {
                link: <Link to={NEW_INSTITUTION_PATH}>{i18n._('people.add.addInstitutionLink')}</Link>,
              })}
            </p>
          ) : (
            <select
              id="person-institutionId"
              value={values.institutionId}
              onChange={set('institutionId')}
              aria-invalid={invalid('institutionId')}
              aria-describedby={describedBy('institutionId', 'person-institutionId-hint')}
            >
              <option value="">{i18n._('people.add.chooseInstitution')}</option>
              {institutions.map((institution) => (
                <option key={institution.id} value={institution.id}>
                  {i18n._('people.add.institutionOption', {
                    name: institution.name,
                    country: countryLabel(institution.country),
                  })}
                </option>
              ))}
            </select>
          )}
          {error('institutionId')}
        </div>
      )}
      <div className="field">
        <label htmlFor="person-phone">{i18n._('people.add.phone')}</label>
        <p id="person-phone-hint" className="hint">
          {i18n._('people.add.phoneHint')}
        </p>
        <input
          id="person-phone"
          type="tel"
          autoComplete="off"
          value={values.phone}
          onChange={set('phone')}
          aria-invalid={invalid('phone')}
          aria-describedby={describedBy('phone', 'person-phone-hint')}
        />
        {error('phone')}
      </div>
      <div className="field">
        <label htmlFor="person-language">{i18n._('people.add.language')}</label>
        <select
          id="person-language"
          value={values.language}
          onChange={set('language')}
          aria-invalid={invalid('language')}
          aria-describedby={describedBy('language')}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {LANGUAGE_LABELS[language]}
            </option>
          ))}
        </select>
        {error('language')}
      </div>
      <FormError message={problem && !problem.field ? problem.message : null} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? i18n._('people.add.busy') : i18n._('people.add.submit')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {i18n._('people.add.cancel')}
        </button>
      </div>
    </form>
  );
}
