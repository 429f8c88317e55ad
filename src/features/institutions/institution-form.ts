/**
 * The institution form's values as typed, their conversion to and from an institution, and
 * validation. The server checks the sector again (IN-2); this only says it sooner.
 */
import type { Country } from '../../shared/reference-data';
import { institutionSectorProblem } from '../../shared/rules/institution-rules';
import type { Institution } from '../../shared/schemas';

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

const LABELS: Record<keyof typeof INSTITUTION_LIMITS, string> = {
  name: 'the name',
  city: 'the city',
  focalName: 'the focal point’s name',
  focalEmail: 'the focal point’s email',
  focalPhone: 'the focal point’s phone',
};

/** Every reason the form cannot be saved as it is, by field; empty when it can. */
export function validateInstitution(values: InstitutionFormValues): InstitutionErrors {
  const errors: InstitutionErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the institution’s name.';
  for (const field of Object.keys(INSTITUTION_LIMITS) as (keyof typeof INSTITUTION_LIMITS)[]) {
    if (values[field].trim().length > INSTITUTION_LIMITS[field]) {
      errors[field] ??= `Keep ${LABELS[field]} under ${INSTITUTION_LIMITS[field]} characters.`;
    }
  }
  if (!values.country) errors.country = 'Choose the country.';
  if (!values.sector) errors.sector = 'Choose the sector.';
  else if (values.country) {
    const problem = institutionSectorProblem({
      country: values.country,
      sector: values.sector as Institution['sector'],
    });
    if (problem) errors.sector = problem;
  }
  const email = values.focalEmail.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email))
    errors.focalEmail ??= 'Enter an email address like name@example.org.';
  return errors;
}
