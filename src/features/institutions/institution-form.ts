/**
 * The institution form's values as typed, their conversion to and from an institution, and
 * validation. The server checks the sector again (IN-2); this only says it sooner.
 */
import type { Country } from '../../shared/reference-data';
import { institutionSectorProblem } from '../../shared/rules/institution-rules';
import type { Institution } from '../../shared/schemas';
import { i18n } from './catalog';
import { reasonText } from '../../ui/reasons';

export interface InstitutionFormValues {
  name: string;
  country: Country | '';
  sector: string;
  city: string;
  focalName: string;
  focalEmail: string;
  focalPhone: string;
}

/** Whether a stored draft holds institution form values (useDraft ignores one that does not). */
export function isInstitutionValues(values: unknown): values is InstitutionFormValues {
  return typeof (values as Partial<InstitutionFormValues> | null)?.name === 'string';
}

export type InstitutionErrors = Partial<Record<keyof InstitutionFormValues, string>>;

/** The schema's limits (institution.schema.ts), said before the server has to. */
export const INSTITUTION_LIMITS = { name: 200, city: 100, focalName: 200, focalEmail: 254, focalPhone: 40 };

export const EMPTY_INSTITUTION_VALUES: InstitutionFormValues = {
  name: '',
  country: '',
  sector: '',
  city: '',
  focalName: '',
  focalEmail: '',
  focalPhone: '',
};

export function valuesFromInstitution(institution: Institution): InstitutionFormValues {
  return {
    name: institution.name,
    country: institution.country as Country,
    sector: institution.sector,
    city: institution.city ?? '',
    focalName: institution.focalPoint?.name ?? '',
    focalEmail: institution.focalPoint?.email ?? '',
    focalPhone: institution.focalPoint?.phone ?? '',
  };
}

/** The institution to write, once valid; empty optional fields are left out. */
export function toInstitution(values: InstitutionFormValues, id: string): Institution {
  const city = values.city.trim();
  const focal = {
    ...(values.focalName.trim() ? { name: values.focalName.trim() } : {}),
    ...(values.focalEmail.trim() ? { email: values.focalEmail.trim() } : {}),
    ...(values.focalPhone.trim() ? { phone: values.focalPhone.trim() } : {}),
  };
  return {
    id,
    name: values.name.trim(),
    country: values.country as Country,
    sector: values.sector as Institution['sector'],
    ...(city ? { city } : {}),
    ...(Object.keys(focal).length > 0 ? { focalPoint: focal } : {}),
  };
}

/** One sentence per field (`{max}` characters), so each language words it whole. */
const TOO_LONG: Record<keyof typeof INSTITUTION_LIMITS, string> = {
  name: /*i18n*/ 'institutions.form.tooLong.name',
  city: /*i18n*/ 'institutions.form.tooLong.city',
  focalName: /*i18n*/ 'institutions.form.tooLong.focalName',
  focalEmail: /*i18n*/ 'institutions.form.tooLong.focalEmail',
  focalPhone: /*i18n*/ 'institutions.form.tooLong.focalPhone',
};

/**
 * Every reason the form cannot be saved as it is, by field; empty when it can. The sector rule's
 * message comes from src/shared and is English for now (issue 13).
 */
export function validateInstitution(values: InstitutionFormValues): InstitutionErrors {
  const errors: InstitutionErrors = {};
  if (!values.name.trim()) errors.name = i18n._('institutions.form.error.name');
  for (const field of Object.keys(INSTITUTION_LIMITS) as (keyof typeof INSTITUTION_LIMITS)[]) {
    if (values[field].trim().length > INSTITUTION_LIMITS[field]) {
      errors[field] ??= i18n._(TOO_LONG[field], { max: INSTITUTION_LIMITS[field] });
    }
  }
  if (!values.country) errors.country = i18n._('institutions.form.error.country');
  if (!values.sector) errors.sector = i18n._('institutions.form.error.sector');
  else if (values.country) {
    const problem = institutionSectorProblem({
      country: values.country,
      sector: values.sector as Institution['sector'],
    });
    if (problem) errors.sector = reasonText(problem);
  }
  const email = values.focalEmail.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email))
    errors.focalEmail ??= i18n._('institutions.form.error.email');
  return errors;
}
