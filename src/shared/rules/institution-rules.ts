/**
 * Rules for a host institution (docs/sync-protocol.md IN-2), run by the server on every pushed
 * institution and by the officer's form before it writes.
 */
import { COUNTRY_SECTORS, isSectorOfCountry } from '../reference-data';
import type { Institution } from '../schemas/institution.schema';

/** Why the institution's sector cannot be, or null: the sector must be one of its country's. */
export function institutionSectorProblem(
  institution: Pick<Institution, 'country' | 'sector'>,
): string | null {
  if (isSectorOfCountry(institution.country, institution.sector)) return null;
  const sectors = (COUNTRY_SECTORS as Record<string, readonly string[]>)[institution.country] ?? [];
  return `${institution.sector} is not a programme sector in ${institution.country}; choose one of: ${sectors.join(', ')}.`;
}

/** An institution named by assignments is still needed by them: deleting it would leave them pointing nowhere. */
export function institutionInUseMessage(assignmentIds: readonly string[]): string {
  return `This host institution is named by assignment${assignmentIds.length === 1 ? '' : 's'} ${assignmentIds.join(', ')}, so it cannot be deleted.`;
}
