/** Assignment dates (SP-6) and the report rules built on them (RP-1), as the device and the server run them. */
import { describe, expect, it } from 'vitest';
import { checkAssignmentRules } from '../../src/shared/rules/assignment-rules';
import { reportsDue } from '../../src/shared/rules/report-rules';

const fields = (startDate: string, endDate: string) =>
  checkAssignmentRules({ startDate, endDate }).map((v) => v.field);

describe('checkAssignmentRules', () => {
  it('SP-6: accepts real calendar dates in order, a one-day assignment and a leap day', () => {
    expect(checkAssignmentRules({ startDate: '2026-06-01', endDate: '2026-08-30' })).toEqual([]);
    expect(checkAssignmentRules({ startDate: '2026-06-01', endDate: '2026-06-01' })).toEqual([]);
    expect(checkAssignmentRules({ startDate: '2028-02-29', endDate: '2028-03-01' })).toEqual([]);
  });

  it('SP-6: refuses dates the schema pattern lets through but no calendar has', () => {
    expect(fields('2026-13-01', '2027-01-31')).toEqual(['startDate']);
    expect(fields('2026-00-10', '2027-01-31')).toEqual(['startDate']);
    expect(fields('2026-06-01', '2027-02-29')).toEqual(['endDate']);
    expect(fields('2026-04-31', '2026-06-31')).toEqual(['startDate', 'endDate']);
    expect(checkAssignmentRules({ startDate: '2026-13-01', endDate: '2027-01-31' })[0]!.message).toBe(
      'The start date 2026-13-01 is not a calendar date.',
    );
  });

  it('SP-6: refuses years outside 2000–2099, where date arithmetic leaves four-digit years', () => {
    expect(fields('0026-06-01', '2026-08-30')).toEqual(['startDate']);
    expect(fields('2026-06-01', '9999-12-31')).toEqual(['endDate']);
    expect(fields('1999-12-31', '2000-01-01')).toEqual(['startDate']);
    expect(fields('2099-12-01', '2099-12-31')).toEqual([]);
  });

  it('SP-6: refuses an assignment that ends before it starts, naming both dates', () => {
    expect(checkAssignmentRules({ startDate: '2026-08-30', endDate: '2026-06-01' })).toEqual([
      { field: 'endDate', message: 'The end date 2026-06-01 is before the start date 2026-08-30.' },
    ]);
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
