/**
 * The officer's screens to add and edit a host institution (IN-*): every control labelled, errors
 * beside their fields, typed input kept as a draft until saved. Saving (or deleting, IN-4) writes
 * to the device; sync takes it to the server, which checks again. Anyone else who opens the
 * address is told plainly; the server refuses them too.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NotFound } from '../../ui/NotFound';
import { useFieldbook } from '../../session/FieldbookProvider';
import type { DeviceDatabase } from '../../db/database';
import { institution$, saveInstitution } from '../../db/institutions';
import { newDocumentId } from '../../db/logs';
import { isSectorOfCountry } from '../../shared/reference-data';
import { writeRefusal } from '../../shared/rules/access';
import type { Institution } from '../../shared/schemas';
import { DeleteInstitution } from './DeleteInstitution';
import { Loading } from '../../ui/Loading';
import { FormError } from '../../ui/form/FormError';
import { CountrySelect } from '../../ui/form/CountrySelect';
import { SectorSelect } from '../../ui/form/SectorSelect';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useObservable } from '../../ui/useObservable';
import {
  EMPTY_INSTITUTION_VALUES,
  INSTITUTION_LIMITS,
  isInstitutionValues,
  toInstitution,
  validateInstitution,
  valuesFromInstitution,
  type InstitutionErrors,
  type InstitutionFormValues,
} from './institution-form';
import { INSTITUTIONS_PATH } from '../../shared/paths';
import { useDraft } from '../../session/useDraft';
import { useI18n } from './catalog';
import { errorText, lockText } from '../../ui/reasons';

type Field = keyof InstitutionFormValues;
const FIELD_ORDER: Field[] = ['name', 'country', 'sector', 'city', 'focalName', 'focalEmail', 'focalPhone'];
const controlId = (field: Field) => `institution-${field}`;
const errorId = (field: Field) => `institution-${field}-error`;

/** The refusal is the shared access rule's message: English for now (issue 13). */
function OfficersOnly({ title }: { title: string }) {
  const { session } = useFieldbook();
  return (
    <>
      <h1>{title}</h1>
      <p className="notice" role="alert">
        {session ? lockText(writeRefusal(session.user, 'institutions', undefined)) : null}
      </p>
    </>
  );
}

export function NewInstitutionPage() {
  const { session, device } = useFieldbook();
  const i18n = useI18n();
  const title = i18n._('institutions.new.title');
  useDocumentTitle(title);
  if (session?.user.role !== 'officer') return <OfficersOnly title={title} />;
  if (!device) return <Loading />;
  return (
    <>
      <h1>{title}</h1>
      <InstitutionForm device={device} base={null} />
    </>
  );
}

export function EditInstitutionPage() {
  const { session, device } = useFieldbook();
  const { id } = useParams();
  const i18n = useI18n();
  const title = i18n._('institutions.edit.title');
  useDocumentTitle(title);
  const source = useMemo(() => (device && id ? institution$(device, id) : null), [device, id]);
  const loaded = useObservable(source);
  // The form starts from the institution as it was when the screen opened (saveInstitution).
  const [base, setBase] = useState<Institution | null>(null);
  if (loaded && base === null) setBase(loaded);
  if (session?.user.role !== 'officer') return <OfficersOnly title={title} />;
  if (!device || loaded === undefined) return <Loading />;
  if (loaded === null && base === null) return <NotFound message={i18n._('institutions.edit.notFound')} />;
  if (!base) return <Loading />;
  return (
    <>
      <h1>{title}</h1>
      <InstitutionForm device={device} base={base} />
    </>
  );
}

function InstitutionForm({ device, base }: { device: DeviceDatabase; base: Institution | null }) {
  const i18n = useI18n();
  const navigate = useNavigate();
  const initial = useMemo(() => (base ? valuesFromInstitution(base) : EMPTY_INSTITUTION_VALUES), [base]);
  const { id, values, setValues, settle, draftRestored, discard } = useDraft({
    userId: device.userId,
    name: base ? `institution:${base.id}` : 'institution:new',
    id: base?.id ?? null,
    initial,
    newId: newDocumentId,
    isValues: isInstitutionValues,
  });
  const change = useCallback(
    (patch: Partial<InstitutionFormValues>) => setValues((previous) => ({ ...previous, ...patch })),
    [setValues],
  );
  // Errors show once a save was tried, then follow the typing.
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const errors: InstitutionErrors = tried ? validateInstitution(values) : {};
  const set = change;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setSaveError(null);
    const found = validateInstitution(values);
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) {
      document.getElementById(controlId(first))?.focus();
      return;
    }
    setSaving(true);
    try {
      await saveInstitution(device, base, toInstitution(values, id));
      settle();
      void navigate(INSTITUTIONS_PATH);
    } catch (error) {
      setSaveError(i18n._('institutions.form.saveFailed', { reason: errorText(error) }));
    } finally {
      setSaving(false);
    }
  }

  const described = (field: Field, hint?: string) => {
    const ids = [hint, errors[field] ? errorId(field) : undefined].filter(Boolean);
    return {
      'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
      'aria-invalid': errors[field] ? (true as const) : undefined,
    };
  };
  const fieldError = (field: Field) =>
    errors[field] ? (
      <p id={errorId(field)} className="field-error" role="alert">
        {errors[field]}
      </p>
    ) : null;
  const text = (field: Field, label: string, type = 'text', autoComplete?: string) => (
    <div className="field">
      <label htmlFor={controlId(field)}>{label}</label>
      <input
        id={controlId(field)}
        type={type}
        dir="auto"
        autoComplete={autoComplete}
        maxLength={INSTITUTION_LIMITS[field as keyof typeof INSTITUTION_LIMITS]}
        value={values[field]}
        onChange={(event) => set({ [field]: event.target.value })}
        {...described(field)}
      />
      {fieldError(field)}
    </div>
  );

  return (
    <>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        {draftRestored && (
          <div className="notice">
            <p>{i18n._('institutions.form.draftRestored')}</p>
            <button type="button" onClick={discard}>
              {i18n._('institutions.form.discard')}
            </button>
          </div>
        )}
        {text('name', i18n._('institutions.form.name'), 'text', 'organization')}
        <CountrySelect
          id={controlId('country')}
          value={values.country}
          onChange={(country) =>
            set({ country, sector: isSectorOfCountry(country, values.sector) ? values.sector : '' })
          }
          error={errors.country}
        />
        <SectorSelect
          id={controlId('sector')}
          country={values.country}
          value={values.sector}
          onChange={(sector) => set({ sector })}
          error={errors.sector}
        />
        {text('city', i18n._('institutions.form.city'), 'text', 'address-level2')}
        <fieldset className="field">
          <legend>{i18n._('institutions.form.focalPoint')}</legend>
          {text('focalName', i18n._('institutions.form.focalName'), 'text', 'off')}
          {text('focalEmail', i18n._('institutions.form.focalEmail'), 'email', 'off')}
          {text('focalPhone', i18n._('institutions.form.focalPhone'), 'tel', 'off')}
        </fieldset>
        <FormError message={saveError} />
        <div className="form-actions">
          <button type="submit" className="primary wide" disabled={saving}>
            {i18n._('institutions.form.save')}
          </button>
          <Link to={INSTITUTIONS_PATH} className="button">
            {i18n._('institutions.form.cancel')}
          </Link>
        </div>
      </form>
      {base && <DeleteInstitution device={device} institution={base} onDeleted={settle} />}
    </>
  );
}
