/**
 * Rules for a programme target (docs/sync-protocol.md TG-2), run by the server on every pushed
 * target and by the officer's form before it writes.
 */
import { COUNTRIES } from '../reference-data';
import { reason, type Reason } from '../reasons';
import type { ProgrammeTarget } from '../schemas/programme-target.schema';

/** What the dashboard counts against when no officer has set a country's target (issue 10 §4). */
export const DEFAULT_MATCHED_EXPERTS_TARGET = 50;
export const MIN_MATCHED_EXPERTS_TARGET = 1;
/** Twenty times the programme's size: beyond it a number is a slip of the keyboard, not a plan. */
export const MAX_MATCHED_EXPERTS_TARGET = 1000;

/** Why a target value cannot be, or null: a whole number of experts within the bounds. */
export function targetValueProblem(country: string, value: number): Reason | null {
  if (Number.isInteger(value) && value >= MIN_MATCHED_EXPERTS_TARGET && value <= MAX_MATCHED_EXPERTS_TARGET)
    return null;
  return reason(/*i18n*/ 'rules.target.value', {
    country,
    min: MIN_MATCHED_EXPERTS_TARGET,
    max: MAX_MATCHED_EXPERTS_TARGET,
  });
}

/** Why the target cannot be stored, or null (TG-2). */
export function targetProblem(
  target: Pick<ProgrammeTarget, 'id' | 'country' | 'matchedExpertsTarget'>,
): Reason | null {
  if (!(COUNTRIES as string[]).includes(target.country)) {
    return reason(/*i18n*/ 'rules.target.country', {
      country: target.country,
      countries: COUNTRIES.join(', '),
    });
  }
  // One document per country: two officers setting it offline write the same document, and the
  // second is a conflict to settle, not a second target.
  if (target.id !== target.country) {
    return reason(/*i18n*/ 'rules.target.id', { country: target.country });
  }
  return targetValueProblem(target.country, target.matchedExpertsTarget);
}

/** The target document of a country. */
export function programmeTarget(country: string, matchedExpertsTarget: number): ProgrammeTarget {
  return { id: country, country: country as ProgrammeTarget['country'], matchedExpertsTarget };
}
