/**
 * Daily allowance configuration: which days count as an allowance day (by the mode the day counts
 * as, src/shared/rules/day-rules.ts, and the assignment's mode) and the daily rate per country, in
 * EUR. Programme policy, not code: change it here and both sides follow (and DAY_COUNTING_RULE, its sentence).
 */
import type { Country } from './reference-data';
import type { Assignment } from './schemas/assignment.schema';
import type { WorkMode } from './schemas/daily-log.schema';

export interface AllowanceConfig {
  countingModes: readonly WorkMode[];
  payingAssignmentModes: readonly Assignment['mode'][];
  dailyRateEur: Record<Country, number>;
}

export const ALLOWANCE_CONFIG: AllowanceConfig = {
  // Remote days are worked from home: no travel costs, no allowance.
  countingModes: ['on_site', 'travel'],
  // A virtual assignment is worked remotely throughout: the programme pays it no allowance.
  payingAssignmentModes: ['physical', 'hybrid'],
  dailyRateEur: { Afghanistan: 120, Iraq: 130, Nigeria: 110, Somalia: 125 },
};
