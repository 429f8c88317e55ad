/** The officer's search and filters of the people list (issue 10 §4), without React. */
import type { Person } from '../../shared/people';

export interface PeopleFilters {
  /** Matched in name and email, any case. */
  text: string;
  role: string;
  status: string;
}

export const NO_PEOPLE_FILTERS: PeopleFilters = { text: '', role: '', status: '' };

export function filterPeople(people: readonly Person[], filters: PeopleFilters): Person[] {
  const text = filters.text.trim().toLocaleLowerCase();
  return people.filter(
    (person) =>
      (filters.role === '' || person.role === filters.role) &&
      (filters.status === '' || person.status === filters.status) &&
      (text === '' || `${person.name}\n${person.email}`.toLocaleLowerCase().includes(text)),
  );
}
