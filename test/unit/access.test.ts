/** Who may read and write what (docs/sync-protocol.md SP-7). */
import { describe, expect, it } from 'vitest';
import { canReadAssignment, writeRefusal } from '../../src/shared/rules/access';
import type { PublicUser, Role } from '../../src/shared/users';
import { worded } from '../helpers/english';

const user = (id: string, role: Role): PublicUser => ({ id, role, email: `${id}@demo.test`, name: id });
const expert1 = user('user-expert1', 'expert');
const expert2 = user('user-expert2', 'expert');
const supervisor1 = user('user-supervisor1', 'supervisor');
const supervisor2 = user('user-supervisor2', 'supervisor');
const officer = user('user-officer', 'officer');
const asg1 = { expertId: 'user-expert1', supervisorIds: ['user-supervisor1', 'user-supervisor3'] };

describe('canReadAssignment', () => {
  it('SP-7: the expert reads their own assignment only', () => {
    expect(canReadAssignment(expert1, asg1)).toBe(true);
    expect(canReadAssignment(expert2, asg1)).toBe(false);
  });

  it('SP-7: a supervisor reads the assignments they supervise only', () => {
    expect(canReadAssignment(supervisor1, asg1)).toBe(true);
    expect(canReadAssignment(supervisor2, asg1)).toBe(false);
  });

  it('SP-7: a supervisor does not read an assignment just because their id is the expert id', () => {
    expect(canReadAssignment(user('user-expert1', 'supervisor'), asg1)).toBe(false);
  });

  it('SP-7: a programme officer reads everything', () => {
    expect(canReadAssignment(officer, { expertId: 'anyone', supervisorIds: [] })).toBe(true);
  });
});

describe('writeRefusal', () => {
  it('SP-7: only officers change assignments', () => {
    expect(worded(writeRefusal(officer, 'assignments', asg1))).toBeNull();
    for (const someone of [expert1, supervisor1])
      expect(worded(writeRefusal(someone, 'assignments', asg1))).toMatch(/officers/);
  });

  it('SP-7: only the expert on the assignment writes its logs', () => {
    expect(worded(writeRefusal(expert1, 'logs', asg1))).toBeNull();
    expect(worded(writeRefusal(expert2, 'logs', asg1))).toMatch(/your own/);
    expect(worded(writeRefusal(supervisor1, 'logs', asg1))).toMatch(/Only the expert/);
    expect(worded(writeRefusal(officer, 'logs', asg1))).toMatch(/Only the expert/);
  });

  it('SP-7: a log of an assignment that does not exist is refused', () => {
    expect(worded(writeRefusal(expert1, 'logs', undefined))).toMatch(/does not exist/);
  });
});
