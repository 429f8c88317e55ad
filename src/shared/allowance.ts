/**
 * Daily allowance configuration: which days count as an allowance day (by the mode the day counts
 * as, src/shared/rules/day-rules.ts, and the assignment's mode) and the daily rate per country, in
 * EUR. Programme policy, not code: change it here and both sides follow (and core.rule.dayCounting, its sentence, in src/i18n/locales).
 */
import { reason, type Reason } from './reasons';
import type { Country } from './reference-data';
import type { Assignment } from './schemas/assignment.schema';
import type { WorkMode } from './schemas/daily-log.schema';

export interface AllowanceConfig {
  countingModes: readonly WorkMode[];
  payingAssignmentModes: readonly Assignment['mode'][];
  dailyRateEur: Record<Country, number>;
}

/** The highest daily rate an assignment may carry, in whole euros (the schema says it too). */
export const MAX_DAILY_RATE_EUR = 1000;

export const ALLOWANCE_CONFIG: AllowanceConfig = {
  // Remote days are worked from home: no travel costs, no allowance.
  countingModes: ['on_site', 'travel'],
  // A virtual assignment is worked remotely throughout: the programme pays it no allowance.
  payingAssignmentModes: ['physical', 'hybrid'],
  dailyRateEur: { Afghanistan: 120, Iraq: 130, Nigeria: 110, Somalia: 125 },
};

/** What an assignment's pay depends on: its mode, its country and its own rate, if it has one. */
export type PayTerms = Pick<Assignment, 'mode' | 'dailyRateEur'> & {
  institution: Pick<Assignment['institution'], 'country'>;
};

/** The assignment's daily rate: its own, or the programme's rate for its country. */
export function dailyRateOf(assignment: PayTerms, config: AllowanceConfig = ALLOWANCE_CONFIG): number {
  return assignment.dailyRateEur ?? config.dailyRateEur[assignment.institution.country as Country];
}

/** Whether what the pay depends on differs (AS-7): the effective rate, or the mode. */
export function payTermsDiffer(before: PayTerms, after: PayTerms): boolean {
  return dailyRateOf(before) !== dailyRateOf(after) || before.mode !== after.mode;
}

/**
 * AS-7: a payment batch's CSV is worked out from the assignment whenever it is downloaded, so once
 * a month of the assignment is in a batch, what the pay depends on (the rate, and the mode that
 * decides which days are paid) stays as it was paid.
 */
export function payTermsChangeReason(
  before: PayTerms,
  after: PayTerms,
  batchIds: readonly string[],
): Reason | null {
  if (batchIds.length === 0) return null;
  if (!payTermsDiffer(before, after)) return null;
  const batches = [...new Set(batchIds)];
  return reason(/*i18n*/ 'rules.assignment.payTermsPaid', {
    count: batches.length,
    batches: batches.join(', '),
    rate: dailyRateOf(before),
    mode: before.mode,
  });
}
