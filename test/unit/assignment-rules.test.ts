/** Assignment dates (SP-6) and the report rules built on them (RP-1), as the device and the server run them. */
import { describe, expect, it } from 'vitest';
import {
  assignmentPersonProblem,
  checkAssignmentRules,
  daysOutside,
  orphanedDaysReason,
  overlappingOnSiteAssignment,
} from '../../src/shared/rules/assignment-rules';
import type { Assignment } from '../../src/shared/schemas';
import { reportsDue } from '../../src/shared/rules/report-rules';
import { englishOf, worded } from '../helpers/english';

const fields = (startDate: string, endDate: string) =>
  checkAssignmentRules({ startDate, endDate }).map((v) => v.field);

describe('checkAssignmentRules', () => {
  it('SP-6: accepts real calendar dates in order, a one-day assignment and a leap day', () => {
    expect(worded(checkAssignmentRules({ startDate: '2026-06-01', endDate: '2026-08-30' }))).toEqual([]);
    expect(worded(checkAssignmentRules({ startDate: '2026-06-01', endDate: '2026-06-01' }))).toEqual([]);
    expect(worded(checkAssignmentRules({ startDate: '2028-02-29', endDate: '2028-03-01' }))).toEqual([]);
  });

  it('SP-6: refuses dates the schema pattern lets through but no calendar has', () => {
    expect(fields('2026-13-01', '2027-01-31')).toEqual(['startDate']);
    expect(fields('2026-00-10', '2027-01-31')).toEqual(['startDate']);
    expect(fields('2026-06-01', '2027-02-29')).toEqual(['endDate']);
    expect(fields('2026-04-31', '2026-06-31')).toEqual(['startDate', 'endDate']);
    expect(
      englishOf(checkAssignmentRules({ startDate: '2026-13-01', endDate: '2027-01-31' })[0]!.reason),
    ).toBe('The start date 2026-13-01 is not a calendar date.');
  });

  it('SP-6: refuses years outside 2000–2099, where date arithmetic leaves four-digit years', () => {
    expect(fields('0026-06-01', '2026-08-30')).toEqual(['startDate']);
    expect(fields('2026-06-01', '9999-12-31')).toEqual(['endDate']);
    expect(fields('1999-12-31', '2000-01-01')).toEqual(['startDate']);
    expect(fields('2099-12-01', '2099-12-31')).toEqual([]);
  });

  it('SP-6: refuses an assignment that ends before it starts, naming both dates', () => {
    expect(worded(checkAssignmentRules({ startDate: '2026-08-30', endDate: '2026-06-01' }))).toEqual([
      { field: 'endDate', message: 'The end date 2026-06-01 is before the start date 2026-08-30.' },
    ]);
  });
});

describe('AS-1 length', () => {
  it('accepts 92 days, first and last included, and refuses 93 naming both', () => {
    expect(worded(checkAssignmentRules({ startDate: '2026-01-01', endDate: '2026-04-02' }))).toEqual([]);
    expect(worded(checkAssignmentRules({ startDate: '2026-01-01', endDate: '2026-04-03' }))).toEqual([
      {
        field: 'endDate',
        message: 'An assignment lasts at most 92 days (3 months); 2026-01-01 to 2026-04-03 is 93 days.',
      },
    ]);
  });
});

type Match = Pick<Assignment, 'id' | 'expertId' | 'mode' | 'status' | 'startDate' | 'endDate'>;
const match = (patch: Partial<Match>): Match => ({
  id: 'a',
  expertId: 'e1',
  mode: 'physical',
  status: 'planned',
  startDate: '2026-03-01',
  endDate: '2026-04-30',
  ...patch,
});

describe('AS-3 overlapping on-site assignments', () => {
  const other = match({ id: 'b', startDate: '2026-04-30', endDate: '2026-06-30' });

  it('finds an on-site assignment of the same expert sharing even one day', () => {
    expect(overlappingOnSiteAssignment(match({}), [other])).toBe(other);
    expect(
      overlappingOnSiteAssignment(match({ mode: 'hybrid' }), [{ ...other, mode: 'hybrid' }]),
    ).toBeDefined();
  });

  it('ignores virtual, cancelled, other experts’, adjacent ones and the assignment itself', () => {
    expect(overlappingOnSiteAssignment(match({ mode: 'virtual' }), [other])).toBeUndefined();
    expect(overlappingOnSiteAssignment(match({}), [{ ...other, mode: 'virtual' }])).toBeUndefined();
    expect(overlappingOnSiteAssignment(match({}), [{ ...other, status: 'cancelled' }])).toBeUndefined();
    expect(overlappingOnSiteAssignment(match({ status: 'cancelled' }), [other])).toBeUndefined();
    expect(overlappingOnSiteAssignment(match({}), [{ ...other, expertId: 'e2' }])).toBeUndefined();
    expect(overlappingOnSiteAssignment(match({}), [{ ...other, startDate: '2026-05-01' }])).toBeUndefined();
    expect(overlappingOnSiteAssignment(match({}), [match({})])).toBeUndefined();
  });
});

describe('AS-4 logged days outside new dates', () => {
  it('lists each such day once, sorted, and names at most five', () => {
    const dates = { startDate: '2026-03-10', endDate: '2026-03-20' };
    expect(daysOutside(dates, ['2026-03-21', '2026-03-10', '2026-03-09', '2026-03-21'])).toEqual([
      '2026-03-09',
      '2026-03-21',
    ]);
    const many = ['01', '02', '03', '04', '05', '06', '07'].map((day) => `2026-03-${day}`);
    expect(englishOf(orphanedDaysReason(many))).toContain('2026-03-05 and 2 more');
  });
});

describe('AS-2 the people named', () => {
  it('wants an active account of the right role', () => {
    expect(worded(assignmentPersonProblem('expertId', 'u1', { role: 'expert', active: true }))).toBeNull();
    expect(worded(assignmentPersonProblem('expertId', 'u1', undefined))).toBe(
      'There is no account u1 for the expert.',
    );
    expect(worded(assignmentPersonProblem('supervisorIds', 'u1', { role: 'expert', active: true }))).toBe(
      'The host supervisor must have a supervisor account; u1 has an expert account.',
    );
    expect(
      worded(assignmentPersonProblem('supervisorIds', 'u2', { role: 'supervisor', active: false })),
    ).toBe('The host supervisor u2 is deactivated.');
  });
});

describe('reportsDue with dates stored before they were checked', () => {
  it('RP-1: works out no due date instead of throwing', () => {
    expect(reportsDue({ startDate: '2026-13-01', endDate: '2027-01-31' })).toEqual([]);
    expect(reportsDue({ startDate: '2026-06-01', endDate: '2026-02-30' })).toEqual([]);
  });

  it('RP-1: still works them out for real dates', () => {
    expect(reportsDue({ startDate: '2026-06-01', endDate: '2026-08-30' })).toEqual([
      { kind: 'inception', due: '2026-06-15' },
      { kind: 'midterm', due: '2026-07-16' },
      { kind: 'final', due: '2026-08-30' },
    ]);
  });
});
