/** The daily-log business rules shared by the form and the server (docs/sync-protocol.md SP-6). */
import { describe, expect, it } from 'vitest';
import {
  MAX_LOGS_PER_DAY,
  checkLogRules,
  sumHours,
  type LogRuleContext,
} from '../../src/shared/rules/log-rules';
import type { Assignment } from '../../src/shared/schemas';
import { worded } from '../helpers/english';

const assignment: Assignment = {
  id: 'asg-1',
  expertId: 'user-expert1',
  institution: {
    name: 'Ministry of Energy and Water Resources, Mogadishu',
    country: 'Somalia',
    sector: 'Water',
  },
  supervisorIds: ['user-supervisor1'],
  mode: 'physical',
  startDate: '2025-03-01',
  endDate: '2025-05-25',
  objectives: ['Borehole maintenance plan'],
  status: 'active',
};
const ctx: LogRuleContext = { assignment, otherHoursThatDay: 0, otherLogsThatDay: 0, today: '2025-04-10' };
const log = {
  assignmentId: 'asg-1',
  date: '2025-04-09',
  hours: 7.5,
  workMode: 'on_site',
  activities: 'Training',
  notes: '',
} as const;
const fields = (
  patch: Partial<typeof log> | Record<string, unknown>,
  context: Partial<LogRuleContext> = {},
) => checkLogRules({ ...log, ...patch } as typeof log, { ...ctx, ...context }).map((v) => v.field);

describe('checkLogRules', () => {
  it('accepts an ordinary day', () => {
    expect(worded(checkLogRules(log, ctx))).toEqual([]);
  });

  it('refuses a day in the future but accepts today', () => {
    expect(fields({ date: '2025-04-11' })).toEqual(['date']);
    expect(fields({ date: '2025-04-10' })).toEqual([]);
  });

  it('refuses days outside the assignment and accepts its first and last day', () => {
    expect(fields({ date: '2025-02-28' })).toEqual(['date']);
    expect(fields({ date: '2025-05-26' }, { today: '2025-06-30' })).toEqual(['date']);
    expect(fields({ date: '2025-03-01' })).toEqual([]);
    expect(fields({ date: '2025-05-25' }, { today: '2025-06-30' })).toEqual([]);
  });

  it('refuses impossible dates', () => {
    expect(fields({ date: '2025-02-30' })).toEqual(['date']);
    expect(fields({ date: '9.4.2025' })).toEqual(['date']);
  });

  it('counts hours in quarter hours between 0 and 24', () => {
    expect(fields({ hours: 7.3 })).toEqual(['hours']);
    expect(fields({ hours: -1 })).toEqual(['hours']);
    expect(fields({ hours: 24.25 })).toEqual(['hours']);
    expect(fields({ hours: Number.NaN })).toEqual(['hours']);
    expect(fields({ hours: 0.75 })).toEqual([]);
    expect(fields({ hours: 24 })).toEqual([]);
  });

  it('refuses more than 24 hours across the logs of one day and says how many remain', () => {
    const [violation] = checkLogRules({ ...log, hours: 5 }, { ...ctx, otherHoursThatDay: 20 });
    expect(worded(violation)).toEqual({
      field: 'hours',
      message: expect.stringContaining('at most 4 remain'),
    });
    expect(fields({ hours: 4 }, { otherHoursThatDay: 20 })).toEqual([]);
  });

  it('SP-6: refuses a log beyond the day’s limit of logs, one per quarter hour, and says so on the date', () => {
    expect(MAX_LOGS_PER_DAY).toBe(96);
    expect(
      fields({ hours: 0, activities: '', notes: 'Day off' }, { otherLogsThatDay: MAX_LOGS_PER_DAY - 1 }),
    ).toEqual([]);
    const [violation] = checkLogRules({ ...log, hours: 0 }, { ...ctx, otherLogsThatDay: MAX_LOGS_PER_DAY });
    expect(worded(violation)).toEqual({
      field: 'date',
      message:
        'A day has at most 96 logs and 2025-04-09 already has that many: add this work to one of them.',
    });
    // A day that holds more than the limit (kept from before it) still gets the same answer.
    expect(fields({}, { otherLogsThatDay: 10_000 })).toEqual(['date']);
  });

  it('asks for a description of worked hours', () => {
    expect(fields({ activities: '   ' })).toEqual(['activities']);
  });

  it('takes a zero-hour log as a day off that says why, in the notes or the activities', () => {
    const [violation, ...more] = checkLogRules({ ...log, hours: 0, activities: ' ', notes: '  ' }, ctx);
    expect(worded(violation)).toEqual({
      field: 'notes',
      message: 'A log of 0 hours records a day off: say why in the notes.',
    });
    expect(more).toEqual([]);
    expect(fields({ activities: '', hours: 0, notes: 'Public holiday' })).toEqual([]);
    expect(fields({ activities: 'Read the files', hours: 0 })).toEqual([]);
    // A note does not stand in for the description of worked hours.
    expect(fields({ activities: '', hours: 0.25, notes: 'Call' })).toEqual(['activities']);
  });

  it('says negative hours cannot be negative', () => {
    expect(worded(checkLogRules({ ...log, hours: -2 }, ctx))).toEqual([
      { field: 'hours', message: 'Hours cannot be negative.' },
    ]);
    expect(worded(checkLogRules({ ...log, hours: 24.25 }, ctx))).toEqual([
      { field: 'hours', message: 'Hours must be between 0 and 24.' },
    ]);
  });

  it('refuses a log of another assignment', () => {
    expect(fields({ assignmentId: 'asg-2' })).toEqual(['assignmentId']);
  });

  it('reports every violation at once, each naming its field', () => {
    expect(fields({ date: '2026-01-01', hours: 1.1, activities: '' })).toEqual([
      'date',
      'hours',
      'activities',
    ]);
  });
});

describe('sumHours', () => {
  it('adds the hours of logs', () => {
    expect(sumHours([{ hours: 1.5 }, { hours: 7.25 }])).toBe(8.75);
    expect(sumHours([])).toBe(0);
  });
});
