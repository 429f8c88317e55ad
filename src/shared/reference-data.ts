/**
 * CD4D reference data: the countries the programme works in and the sectors of each.
 * Both the PWA (pickers, validation) and the server (validation, seed) read it from here.
 */
export const COUNTRY_SECTORS = {
  Afghanistan: ['Health', 'Rural Development/Water', 'TVET'],
  Iraq: ['Migration Governance'],
  Nigeria: ['ICT', 'Health', 'Agriculture'],
  Somalia: ['Local Governance', 'Rule of Law', 'Water', 'Private Sector Development'],
} as const;

export type Country = keyof typeof COUNTRY_SECTORS;
export const COUNTRIES = Object.keys(COUNTRY_SECTORS) as Country[];
export const ALL_SECTORS = [...new Set(Object.values(COUNTRY_SECTORS).flat())];

export function isSectorOfCountry(country: string, sector: string): boolean {
  const sectors = (COUNTRY_SECTORS as Record<string, readonly string[]>)[country];
  return sectors !== undefined && sectors.includes(sector);
}

/** Assignments are short by design: at most three months. */
export const MAX_ASSIGNMENT_DAYS = 92;
