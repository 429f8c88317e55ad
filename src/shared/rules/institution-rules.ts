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

/** What still names an institution (IN-4): its host supervisors' accounts and its assignments. */
export interface InstitutionUse {
  /** People whose account belongs to the institution, deactivated ones included. */
  people: number;
  /** Ids of the assignments that name it, cancelled ones included: they keep their data. */
  assignmentIds: readonly string[];
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * IN-4: why the institution cannot be deleted, or null when nothing names it. Deleting it would
 * leave those people and assignments pointing nowhere, so they must be moved first.
 */
export function institutionInUseProblem(use: InstitutionUse): string | null {
  const { people, assignmentIds } = use;
  if (people === 0 && assignmentIds.length === 0) return null;
  const parts = [
    ...(people > 0 ? [count(people, 'person', 'people')] : []),
    ...(assignmentIds.length > 0
      ? [`${count(assignmentIds.length, 'assignment', 'assignments')} (${namedIds(assignmentIds)})`]
      : []),
  ];
  const verb = people + assignmentIds.length === 1 ? 'belongs' : 'belong';
  return `This host institution cannot be deleted: ${parts.join(' and ')} ${verb} to it. Move them to another institution first.`;
}

/** The first five ids and how many more. */
function namedIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}
