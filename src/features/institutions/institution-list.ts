/** The officer's search, filters and sort of the institution list (issue 10 §4), without React. */
import type { Institution } from '../../shared/schemas';

export type InstitutionSort = 'name' | 'country';

export interface InstitutionFilters {
  /** Matched in name, city and focal point, any case. */
  text: string;
  country: string;
  sector: string;
  sort: InstitutionSort;
}

export const NO_INSTITUTION_FILTERS: InstitutionFilters = { text: '', country: '', sector: '', sort: 'name' };

function searchable(institution: Institution): string {
  const focal = institution.focalPoint;
  return [institution.name, institution.city, focal?.name, focal?.email].filter(Boolean).join('\n');
}

export function filterInstitutions(
  institutions: readonly Institution[],
  filters: InstitutionFilters,
): Institution[] {
  const text = filters.text.trim().toLocaleLowerCase();
  const byName = (a: Institution, b: Institution) => a.name.localeCompare(b.name);
  return institutions
    .filter(
      (institution) =>
        (filters.country === '' || institution.country === filters.country) &&
        (filters.sector === '' || institution.sector === filters.sector) &&
        (text === '' || searchable(institution).toLocaleLowerCase().includes(text)),
    )
    .sort((a, b) =>
      filters.sort === 'country' ? a.country.localeCompare(b.country) || byName(a, b) : byName(a, b),
    );
}
