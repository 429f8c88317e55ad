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
import { addPerson, failureMessage, PeopleApiError } from './people-api';
import { fieldMessage, LANGUAGE_LABELS, ROLE_LABELS } from './people-labels';
import { FormError } from '../../ui/form/FormError';

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
    if (!checked.ok) return setProblem(problemOf(checked.field, checked.message));
    setBusy(true);
    setProblem(null);
    try {
      const result = await addPerson(token, checked.value);
      setValues(EMPTY);
      onAdded(result);
    } catch (error) {
      setProblem(
        error instanceof PeopleApiError && error.field
          ? problemOf(error.field, error.message)
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
      <h2 id="add-person-heading">Add a person</h2>
      <div className="field">
        <label htmlFor="person-name">Name</label>
        <input
          id="person-name"
          type="text"
          autoComplete="off"
          value={values.name}
          onChange={set('name')}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name')}
        />
        {error('name')}
      </div>
      <div className="field">
        <label htmlFor="person-email">Email</label>
        <input
          id="person-email"
          type="email"
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
        <label htmlFor="person-role">Role</label>
        <select
          id="person-role"
          value={values.role}
          onChange={set('role')}
          aria-invalid={invalid('role')}
          aria-describedby={describedBy('role')}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {error('role')}
      </div>
      {values.role === 'supervisor' && (
        <div className="field">
          <label htmlFor="person-institutionId">Host institution</label>
          <p id="person-institutionId-hint" className="hint">
            The host institution this supervisor works for: they can then supervise its assignments only.
          </p>
          {institutions === undefined ? (
            <p role="status">Loading the host institutions on this device…</p>
          ) : institutions.length === 0 ? (
            <p id="person-institutionId" className="notice" tabIndex={-1}>
              There is no host institution on this device yet.{' '}
              <Link to={NEW_INSTITUTION_PATH}>Add the supervisor’s institution</Link> first, then add the
              supervisor.
            </p>
          ) : (
            <select
              id="person-institutionId"
              value={values.institutionId}
              onChange={set('institutionId')}
              aria-invalid={invalid('institutionId')}
              aria-describedby={describedBy('institutionId', 'person-institutionId-hint')}
            >
              <option value="">Choose the host institution</option>
              {institutions.map((institution) => (
                <option key={institution.id} value={institution.id}>
                  {institution.name} ({institution.country})
                </option>
              ))}
            </select>
          )}
          {error('institutionId')}
        </div>
      )}
      <div className="field">
        <label htmlFor="person-phone">Phone (optional)</label>
        <p id="person-phone-hint" className="hint">
          With the country code, such as +252 61 234 5678.
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
        <label htmlFor="person-language">Preferred language</label>
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
          {busy ? 'Adding…' : 'Add and invite'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
