/** Programme targets as pure rules (TG-1, TG-2) and the earlier version's targets (TG-3). */
import { describe, expect, it } from 'vitest';
import { mayEverRead, mayEverWrite, writeRefusal } from '../../src/shared/rules/access';
import {
  DEFAULT_MATCHED_EXPERTS_TARGET,
  programmeTarget,
  targetProblem,
  targetValueProblem,
} from '../../src/shared/rules/target-rules';
import { earlierTargetsOffer } from '../../src/features/dashboard/earlier-targets';
import type { PublicUser } from '../../src/shared/users';
import { worded } from '../helpers/english';

const person = (role: PublicUser['role']): PublicUser => ({
  id: role,
  email: `${role}@x.test`,
  name: role,
  role,
});

describe('TG-1: officers only', () => {
  it('lets officers read and write targets, and nobody else', () => {
    expect(worded(writeRefusal(person('officer'), 'targets', undefined))).toBeNull();
    for (const role of ['expert', 'supervisor'] as const) {
      expect(worded(writeRefusal(person(role), 'targets', undefined))).toBe(
        "Only programme officers can change the programme's targets.",
      );
      expect(mayEverRead(role, 'targets')).toBe(false);
      expect(mayEverWrite(role, 'targets')).toBe(false);
    }
    expect(mayEverRead('officer', 'targets')).toBe(true);
  });
});

describe('TG-2: a programme country and a whole number within bounds', () => {
  it('accepts 1 to 1000 experts and says so otherwise', () => {
    expect(worded(targetProblem(programmeTarget('Iraq', 1)))).toBeNull();
    expect(worded(targetProblem(programmeTarget('Iraq', 1000)))).toBeNull();
    const message = 'The target for Iraq must be a whole number of experts from 1 to 1,000.';
    for (const bad of [0, -5, 1001, 12.5, Number.NaN]) {
      expect(worded(targetProblem(programmeTarget('Iraq', bad))), String(bad)).toBe(message);
    }
    expect(worded(targetValueProblem('Somalia', 40))).toBeNull();
  });

  it('needs a programme country, kept under its own name', () => {
    expect(worded(targetProblem(programmeTarget('France', 10)))).toBe(
      'France is not a programme country; choose one of: Afghanistan, Iraq, Nigeria, Somalia.',
    );
    expect(worded(targetProblem({ id: 'Iraq', country: 'Nigeria', matchedExpertsTarget: 10 }))).toBe(
      "A target is kept under its country's name: this one is for Nigeria, so its id must be Nigeria.",
    );
  });

  it('counts against 50 where none is set', () => {
    expect(DEFAULT_MATCHED_EXPERTS_TARGET).toBe(50);
  });
});

describe('TG-3: targets an earlier version kept in the browser', () => {
  it('offers those the programme has none for and names those it has another for', () => {
    expect(earlierTargetsOffer({ Iraq: 40, Nigeria: 60, Somalia: 30 }, { Nigeria: 55, Somalia: 30 })).toEqual(
      {
        offered: [['Iraq', 40]],
        superseded: [['Nigeria', 60, 55]],
      },
    );
  });
});
