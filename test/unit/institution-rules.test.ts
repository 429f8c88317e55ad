/** The host institution's sector (IN-2) and the supervisor's institution (AS-8), as pure rules. */
import { describe, expect, it } from 'vitest';
import { institutionMembershipProblem } from '../../src/shared/rules/assignment-rules';
import { institutionSectorProblem } from '../../src/shared/rules/institution-rules';

describe('IN-2: the sector is one of the country’s', () => {
  it('accepts a sector of the country and names the country’s sectors otherwise', () => {
    expect(institutionSectorProblem({ country: 'Somalia', sector: 'Water' })).toBeNull();
    expect(institutionSectorProblem({ country: 'Nigeria', sector: 'TVET' })).toBe(
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
      institutionMembershipProblem({ supervisorIds: ['sup-water'] }, institutions, supervisors),
    ).toBeNull();
  });

  it('needs the institution to exist', () => {
    expect(
      institutionMembershipProblem(
        { institutionId: 'inst-gone', supervisorIds: [] },
        institutions,
        supervisors,
      ),
    ).toBe('There is no host institution inst-gone; choose one from the list.');
  });

  it('accepts supervisors of the institution or of none, and names both institutions otherwise', () => {
    expect(
      institutionMembershipProblem(
        { institutionId: 'inst-health', supervisorIds: ['sup-health', 'sup-free'] },
        institutions,
        supervisors,
      ),
    ).toBeNull();
    expect(
      institutionMembershipProblem(
        { institutionId: 'inst-health', supervisorIds: ['sup-health', 'sup-water'] },
        institutions,
        supervisors,
      ),
    ).toBe(
      'Wahid Karimi belongs to Ministry of Rural Rehabilitation, not to Ministry of Public Health; choose a supervisor of Ministry of Public Health or another institution.',
    );
  });
});
