/**
 * Daily allowance configuration: which work modes count as an allowance day and the daily rate
 * per country, in EUR. Programme policy, not code: change it here and both sides follow.
 */
import type { Country } from './reference-data';
import type { WorkMode } from './schemas/daily-log.schema';

export interface AllowanceConfig {
  countingModes: readonly WorkMode[];
  dailyRateEur: Record<Country, number>;
}

export const ALLOWANCE_CONFIG: AllowanceConfig = {
  // Remote days are worked from home: no travel costs, no allowance.
  countingModes: ['on_site', 'travel'],
  dailyRateEur: { Afghanistan: 120, Iraq: 130, Nigeria: 110, Somalia: 125 },
};
