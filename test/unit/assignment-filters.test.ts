/** The officer's search, filters and sorts of the assignments list (issue 10 §4). */
import { describe, expect, it } from 'vitest';
import { filterAssignments, NO_ASSIGNMENT_FILTERS } from '../../src/features/assignments/assignment-filters';
import type { Assignment } from '../../src/shared/schemas';

function assignment(id: string, patch: Partial<Assignment>): Assignment {
  return {
    id,
    expertId: `e-${id}`,
    expertName: 'Someone',
    institution: { name: 'Institution', country: 'Somalia', sector: 'Water' },
    supervisorIds: [],
    mode: 'physical',
    startDate: '2026-01-01',
    endDate: '2026-02-01',
    objectives: ['x'],
    status: 'active',
    ...patch,
  };
}

const list = [
  assignment('a', {
    expertName: 'Amina Yusuf',
    institution: { name: 'Ministry of Water', country: 'Somalia', sector: 'Water' },
    startDate: '2026-03-01',
    endDate: '2026-05-01',
  }),
  assignment('b', {
    expertName: 'Chidi Okafor',
    institution: { name: 'NITDA Abuja', country: 'Nigeria', sector: 'ICT' },
    startDate: '2026-06-01',
    endDate: '2026-07-01',
    status: 'planned',
  }),
  assignment('c', {
    expertName: 'Zahra Karimi',
    institution: { name: 'Kabul Medical University', country: 'Afghanistan', sector: 'Health' },
    startDate: '2026-01-01',
    endDate: '2026-03-15',
    status: 'completed',
  }),
];
const ids = (found: Assignment[]) => found.map((a) => a.id);

describe('filterAssignments', () => {
  it('sorts by start (latest first), end, institution or expert', () => {
    expect(ids(filterAssignments(list, NO_ASSIGNMENT_FILTERS))).toEqual(['b', 'a', 'c']);
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, sort: 'end' }))).toEqual(['c', 'a', 'b']);
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, sort: 'institution' }))).toEqual([
      'c',
      'a',
      'b',
    ]);
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, sort: 'expert' }))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('searches institution and expert names in any case, and filters by country and status', () => {
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, text: ' okafor' }))).toEqual(['b']);
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, text: 'MINISTRY' }))).toEqual(['a']);
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, country: 'Afghanistan' }))).toEqual(['c']);
    expect(ids(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, status: 'planned' }))).toEqual(['b']);
    expect(filterAssignments(list, { ...NO_ASSIGNMENT_FILTERS, country: 'Iraq' })).toEqual([]);
  });
});
