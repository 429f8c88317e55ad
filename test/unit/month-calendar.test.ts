/** A month of an assignment at a glance (issue 11 §2): each day's state, in words as well. */
import { describe, expect, it } from 'vitest';
import { monthCalendar, pageMonths, type CalendarDay } from '../../src/features/assignments/month-calendar';

// November 2026 starts on a Sunday.
const assignment = { startDate: '2026-10-20', endDate: '2026-11-25' };
const logs = [
  { id: 'l3a', date: '2026-11-03', hours: 4 },
  { id: 'l3b', date: '2026-11-03', hours: 2 },
  { id: 'l7', date: '2026-11-07', hours: 3 },
];

function days(calendar: ReturnType<typeof monthCalendar>): CalendarDay[] {
  return calendar.weeks.flat().filter((day): day is CalendarDay => day !== null);
}

describe('monthCalendar', () => {
  it('lays the month out in weeks from Monday', () => {
    const calendar = monthCalendar(assignment, '2026-11', [], undefined, '2026-11-10');
    expect(calendar.weeks).toHaveLength(6);
    expect(calendar.weeks[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(calendar.weeks[0]?.[6]?.date).toBe('2026-11-01');
    expect(calendar.weeks.every((week) => week.length === 7)).toBe(true);
    expect(days(calendar)).toHaveLength(30);
  });

  it('tells logged, missing, open and outside days apart, and names each', () => {
    const calendar = monthCalendar(assignment, '2026-11', logs, undefined, '2026-11-10');
    const byDate = new Map(days(calendar).map((day) => [day.date, day]));
    expect(byDate.get('2026-11-03')).toMatchObject({ state: 'logged', hours: 6, logIds: ['l3a', 'l3b'] });
    expect(byDate.get('2026-11-03')?.label).toBe('3 November: logged, 6 h');
    // A Monday without a log is missing; a Sunday without one is not.
    expect(byDate.get('2026-11-02')?.label).toBe('2 November: missing');
    expect(byDate.get('2026-11-08')?.label).toBe('8 November: no log');
    // A Saturday with a log counts as logged.
    expect(byDate.get('2026-11-07')?.state).toBe('logged');
    // Today and later are never missing.
    expect(byDate.get('2026-11-10')?.label).toBe('10 November: no log');
    expect(byDate.get('2026-11-11')?.label).toBe('11 November: not yet');
    expect(byDate.get('2026-11-26')?.label).toBe('26 November: not in the assignment');
  });

  it('marks every day of a submitted month locked', () => {
    const calendar = monthCalendar(assignment, '2026-11', logs, { status: 'submitted' }, '2026-11-10');
    const byDate = new Map(days(calendar).map((day) => [day.date, day]));
    expect(byDate.get('2026-11-03')?.label).toBe('3 November: logged, 6 h, locked');
    expect(byDate.get('2026-11-02')?.locked).toBe(true);
    expect(byDate.get('2026-11-30')?.label).toBe('30 November: not in the assignment');
  });

  it('marks the days a return names, and only while the month is returned', () => {
    const returned = {
      comment: 'Check these',
      dayComments: [{ date: '2026-11-03', comment: 'Too many hours' }],
    };
    const calendar = monthCalendar(
      assignment,
      '2026-11',
      logs,
      { status: 'returned', returned },
      '2026-11-10',
    );
    const third = days(calendar).find((day) => day.date === '2026-11-03');
    expect(third?.returned).toBe(true);
    expect(third?.locked).toBe(false);
    expect(third?.label).toBe('3 November: logged, 6 h, returned');
    const resubmitted = monthCalendar(
      assignment,
      '2026-11',
      logs,
      { status: 'submitted', returned },
      '2026-11-10',
    );
    expect(days(resubmitted).some((day) => day.returned)).toBe(false);
  });
});

describe('pageMonths', () => {
  it('lists the months up to now, newest first, and any month holding a log', () => {
    expect(pageMonths(assignment, [], '2026-11-10')).toEqual(['2026-11', '2026-10']);
    expect(pageMonths(assignment, [], '2026-10-25')).toEqual(['2026-10']);
    expect(pageMonths(assignment, [{ date: '2026-09-30' }], '2026-10-25')).toEqual(['2026-10', '2026-09']);
  });
});
