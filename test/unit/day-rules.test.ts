/** How days are counted in every total, and which earn the daily allowance (TS-8, RP-7). */
import { describe, expect, it } from 'vitest';
import { countDays, modeOfDays } from '../../src/shared/rules/day-rules';
import type { DailyLog } from '../../src/shared/schemas';

const log = (date: string, workMode: DailyLog['workMode'], hours = 4) => ({ date, workMode, hours });

describe('day counting', () => {
  it('counts a day with an on-site and a travel log once, as one on-site day', () => {
    const logs = [log('2026-06-01', 'travel'), log('2026-06-01', 'on_site')];
    expect(modeOfDays(logs).get('2026-06-01')).toBe('on_site');
    expect(countDays(logs, 'physical')).toEqual({
      daysWorked: 1,
      daysByMode: { on_site: 1, travel: 0, remote: 0 },
      allowanceDays: 1,
    });
  });

  it('ranks on site over travel over remote, and a 0-hour log works no day', () => {
    const counts = countDays(
      [
        log('2026-06-01', 'remote'),
        log('2026-06-01', 'travel'),
        log('2026-06-02', 'remote'),
        log('2026-06-02', 'on_site', 0),
        log('2026-06-03', 'on_site', 0),
      ],
      'hybrid',
    );
    expect(counts).toEqual({
      daysWorked: 2,
      daysByMode: { on_site: 0, travel: 1, remote: 1 },
      allowanceDays: 1,
    });
  });

  it('never pays remote days', () => {
    const logs = [log('2026-06-01', 'remote'), log('2026-06-02', 'remote', 8)];
    for (const mode of ['physical', 'hybrid', 'virtual'] as const) {
      expect(countDays(logs, mode).allowanceDays).toBe(0);
    }
  });

  it('pays nothing on a virtual (remote-only) assignment, whatever its days were logged as', () => {
    const logs = [log('2026-06-01', 'on_site'), log('2026-06-02', 'travel'), log('2026-06-03', 'remote')];
    expect(countDays(logs, 'virtual')).toMatchObject({ daysWorked: 3, allowanceDays: 0 });
    expect(countDays(logs, 'physical')).toMatchObject({ daysWorked: 3, allowanceDays: 2 });
  });
});
