/**
 * Rules for a host institution (docs/sync-protocol.md IN-2), run by the server on every pushed
 * institution and by the officer's form before it writes.
 */
import { COUNTRY_SECTORS, isSectorOfCountry } from '../reference-data';
import { reason, type Reason } from '../reasons';
import type { Institution } from '../schemas/institution.schema';

/** Why the institution's sector cannot be, or null: the sector must be one of its country's. */
export function institutionSectorProblem(
  institution: Pick<Institution, 'country' | 'sector'>,
): Reason | null {
  if (isSectorOfCountry(institution.country, institution.sector)) return null;
  const sectors = (COUNTRY_SECTORS as Record<string, readonly string[]>)[institution.country] ?? [];
  return reason(/*i18n*/ 'rules.institution.sector', {
    sector: institution.sector,
    country: institution.country,
    sectors: sectors.join(', '),
  });
}

/** What still names an institution (IN-4): its host supervisors' accounts and its assignments. */
export interface InstitutionUse {
  /** People whose account belongs to the institution, deactivated ones included. */
  people: number;
  /** Ids of the assignments that name it, cancelled ones included: they keep their data. */
  assignmentIds: readonly string[];
}

/**
 * IN-4: why the institution cannot be deleted, or null when nothing names it. Deleting it would
 * leave those people and assignments pointing nowhere, so they must be moved first.
 */
export function institutionInUseProblem(use: InstitutionUse): Reason | null {
  const { people, assignmentIds } = use;
  if (people === 0 && assignmentIds.length === 0) return null;
  return reason(/*i18n*/ 'rules.institution.inUse', {
    people,
    assignments: assignmentIds.length,
    // The first five ids, and how many more.
    ids: assignmentIds.slice(0, 5).join(', '),
    more: Math.max(0, assignmentIds.length - 5),
    total: people + assignmentIds.length,
  });
}
