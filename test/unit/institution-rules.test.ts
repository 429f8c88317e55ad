/**
 * The host institution's sector (IN-2), its deletion (IN-4), a person's institution (PE-11) and the
 * supervisor's institution (AS-8), as pure rules.
 */
import { describe, expect, it } from 'vitest';
import { institutionMembershipProblem } from '../../src/shared/rules/assignment-rules';
import { checkNewPerson } from '../../src/shared/people';
import { institutionInUseProblem, institutionSectorProblem } from '../../src/shared/rules/institution-rules';
import { worded } from '../helpers/english';

describe('IN-2: the sector is one of the country’s', () => {
  it('accepts a sector of the country and names the country’s sectors otherwise', () => {
    expect(worded(institutionSectorProblem({ country: 'Somalia', sector: 'Water' }))).toBeNull();
    expect(worded(institutionSectorProblem({ country: 'Nigeria', sector: 'TVET' }))).toBe(
      'TVET is not a programme sector in Nigeria; choose one of: ICT, Health, Agriculture.',
    );
  });
});

describe('AS-8: the supervisor belongs to the assignment’s institution', () => {
  const institutions = new Map([
    ['inst-health', { name: 'Ministry of Public Health' }],
    ['inst-water', { name: 'Ministry of Rural Rehabilitation' }],
  ]);
  const supervisors = new Map([
    ['sup-health', { id: 'sup-health', name: 'Hamida Noori', institutionId: 'inst-health' }],
    ['sup-water', { id: 'sup-water', name: 'Wahid Karimi', institutionId: 'inst-water' }],
    ['sup-free', { id: 'sup-free', name: 'Abdirahman Warsame', institutionId: null }],
  ]);

  it('checks nothing for a typed institution', () => {
    expect(
      worded(institutionMembershipProblem({ supervisorIds: ['sup-water'] }, institutions, supervisors)),
    ).toBeNull();
  });

  it('needs the institution to exist', () => {
    expect(
      worded(
        institutionMembershipProblem(
          { institutionId: 'inst-gone', supervisorIds: [] },
          institutions,
          supervisors,
        ),
      ),
    ).toBe('There is no host institution inst-gone; choose one from the list.');
  });

  it('accepts supervisors of the institution or of none, and names both institutions otherwise', () => {
    expect(
      worded(
        institutionMembershipProblem(
          { institutionId: 'inst-health', supervisorIds: ['sup-health', 'sup-free'] },
          institutions,
          supervisors,
        ),
      ),
    ).toBeNull();
    expect(
      worded(
        institutionMembershipProblem(
          { institutionId: 'inst-health', supervisorIds: ['sup-health', 'sup-water'] },
          institutions,
          supervisors,
        ),
      ),
    ).toBe(
      'Wahid Karimi belongs to Ministry of Rural Rehabilitation, not to Ministry of Public Health; choose a supervisor of Ministry of Public Health or another institution.',
    );
  });
});

describe('IN-4: an institution that people or assignments belong to is not deleted', () => {
  it('allows it when nothing belongs to it, and otherwise says how many and which assignments', () => {
    expect(worded(institutionInUseProblem({ people: 0, assignmentIds: [] }))).toBeNull();
    expect(worded(institutionInUseProblem({ people: 1, assignmentIds: [] }))).toBe(
      'This host institution cannot be deleted: 1 person belongs to it. Move them to another institution first.',
    );
    expect(
      worded(institutionInUseProblem({ people: 3, assignmentIds: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] })),
    ).toBe(
      'This host institution cannot be deleted: 3 people and 6 assignments (a1, a2, a3, a4, a5 and 1 more) belong to it. Move them to another institution first.',
    );
  });
});

describe('PE-11: only a host supervisor belongs to a host institution, and must', () => {
  const person = { name: 'Hamida Noori', email: 'hamida@example.org' };
  it('requires one of a supervisor and refuses one of anyone else, at the field', () => {
    expect(checkNewPerson({ ...person, role: 'supervisor', institutionId: 'inst-1' })).toMatchObject({
      ok: true,
    });
    expect(checkNewPerson({ ...person, role: 'expert' })).toMatchObject({ ok: true });
    expect(worded(checkNewPerson({ ...person, role: 'supervisor' }))).toEqual({
      ok: false,
      field: 'institutionId',
      message: 'institutionId: choose the host institution this supervisor works for.',
    });
    for (const role of ['expert', 'officer']) {
      expect(worded(checkNewPerson({ ...person, role, institutionId: 'inst-1' }))).toEqual({
        ok: false,
        field: 'institutionId',
        message: 'institutionId: only a host supervisor belongs to a host institution; leave it empty.',
      });
    }
  });
});
