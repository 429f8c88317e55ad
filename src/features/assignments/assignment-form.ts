/**
 * The assignment form's values as typed, their conversion to and from an assignment, and
 * validation: input errors first, then the shared assignment rules against the device's data.
 * The server runs the same rules (and checks the people's accounts); these only say it sooner.
 */
import { isSectorOfCountry, type Country } from '../../shared/reference-data';
import {
  checkAssignmentRules,
  daysOutside,
  institutionMembershipProblem,
  orphanedDaysReason,
  overlapReason,
  overlappingOnSiteAssignment,
  type SupervisorMembership,
} from '../../shared/rules/assignment-rules';
import type { IsoDate } from '../../shared/dates';
import { MAX_DAILY_RATE_EUR } from '../../shared/allowance';
import type { Assignment, Institution } from '../../shared/schemas';
import { countryLabel, sectorLabel } from '../../i18n/labels';
import { formatNumber } from '../../ui/format';
import { i18n } from './screens-catalog';
import { reasonText } from '../../ui/reasons';

export interface AssignmentFormValues {
  expertId: string;
  /** The host institution picked from the device's list (AS-8); '' when the name is typed. */
  institutionId: string;
  institutionName: string;
  country: Country | '';
  sector: string;
  supervisorIds: string[];
  mode: Assignment['mode'];
  startDate: string;
  endDate: string;
  /** One objective a line: the terms of reference as an officer pastes them. */
  objectives: string;
  status: Assignment['status'];
  /** Whole euros a day; empty: the programme's rate for the country (dailyRateOf). */
  dailyRate: string;
}

/** The schema's limits, said before the server has to. */
export const MAX_NAME_LENGTH = 200;
export const MAX_SUPERVISORS = 10;
export const MAX_OBJECTIVES = 30;
export const MAX_OBJECTIVE_LENGTH = 1000;

/** Field keys errors are reported under; `dates` is about the two dates together. */
export type AssignmentErrors = Partial<Record<keyof AssignmentFormValues | 'dates', string>>;

/** What the rules compare the form with: the device's other assignments and this one's logged days. */
export interface AssignmentRuleContext {
  others: readonly Assignment[];
  loggedDays: readonly IsoDate[];
  /** AS-8, when the form has them: the device's institutions and the chosen supervisors' accounts. */
  institutions?: ReadonlyMap<string, { name: string }>;
  supervisors?: ReadonlyMap<string, SupervisorMembership>;
}

export const EMPTY_ASSIGNMENT_VALUES: AssignmentFormValues = {
  expertId: '',
  institutionId: '',
  institutionName: '',
  country: '',
  sector: '',
  supervisorIds: [],
  mode: 'physical',
  startDate: '',
  endDate: '',
  objectives: '',
  status: 'planned',
  dailyRate: '',
};

export function valuesFromAssignment(assignment: Assignment): AssignmentFormValues {
  return {
    expertId: assignment.expertId,
    institutionId: assignment.institutionId ?? '',
    institutionName: assignment.institution.name,
    country: assignment.institution.country as Country,
    sector: assignment.institution.sector,
    supervisorIds: [...assignment.supervisorIds],
    mode: assignment.mode,
    startDate: assignment.startDate,
    endDate: assignment.endDate,
    objectives: assignment.objectives.join('\n'),
    status: assignment.status,
    dailyRate: assignment.dailyRateEur === undefined ? '' : String(assignment.dailyRateEur),
  };
}

/** Picking an institution fills its name, country and sector; '' goes back to typing them. */
export function withInstitution(
  values: AssignmentFormValues,
  institution: Pick<Institution, 'id' | 'name' | 'country' | 'sector'> | null,
): AssignmentFormValues {
  if (!institution) return { ...values, institutionId: '' };
  return {
    ...values,
    institutionId: institution.id,
    institutionName: institution.name,
    country: institution.country as Country,
    sector: institution.sector,
  };
}

/** A new country keeps the sector only when that country has it too. */
export function withCountry(values: AssignmentFormValues, country: Country | ''): AssignmentFormValues {
  return { ...values, country, sector: isSectorOfCountry(country, values.sector) ? values.sector : '' };
}

export function objectiveLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The assignment to write, once valid: `names` gives the chosen people's names, kept for offline display. */
export function toAssignment(
  values: AssignmentFormValues,
  id: string,
  names: ReadonlyMap<string, string>,
): Assignment {
  return {
    id,
    expertId: values.expertId,
    expertName: names.get(values.expertId) ?? '',
    institution: {
      name: values.institutionName.trim(),
      // Written only once validateAssignment found both chosen and matching.
      country: values.country as Country,
      sector: values.sector as Assignment['institution']['sector'],
    },
    ...(values.institutionId ? { institutionId: values.institutionId } : {}),
    supervisorIds: values.supervisorIds,
    supervisorNames: values.supervisorIds.map((supervisorId) => names.get(supervisorId) ?? ''),
    mode: values.mode,
    startDate: values.startDate,
    endDate: values.endDate,
    objectives: objectiveLines(values.objectives),
    status: values.status,
    ...(values.dailyRate.trim() === '' ? {} : { dailyRateEur: Number(values.dailyRate.trim()) }),
  };
}

function inputErrors(values: AssignmentFormValues): AssignmentErrors {
  const errors: AssignmentErrors = {};
  if (!values.expertId) errors.expertId = i18n._('assignments.form.error.expert');
  const name = values.institutionName.trim();
  if (!name) errors.institutionName = i18n._('assignments.form.error.institution');
  else if (name.length > MAX_NAME_LENGTH) {
    errors.institutionName = i18n._('assignments.form.error.nameLength', { count: MAX_NAME_LENGTH });
  }
  if (!values.country) errors.country = i18n._('assignments.form.error.country');
  if (!values.sector) errors.sector = i18n._('assignments.form.error.sector');
  else if (!isSectorOfCountry(values.country, values.sector)) {
    errors.sector = values.country
      ? i18n._('assignments.form.error.sectorOfCountry', {
          sector: sectorLabel(values.sector),
          country: countryLabel(values.country),
        })
      : i18n._('assignments.form.error.sectorNoCountry', { sector: sectorLabel(values.sector) });
  }
  if (values.supervisorIds.length > MAX_SUPERVISORS) {
    errors.supervisorIds = i18n._('assignments.form.error.supervisors', { count: MAX_SUPERVISORS });
  }
  if (!values.startDate) errors.startDate = i18n._('assignments.form.error.startDate');
  if (!values.endDate) errors.endDate = i18n._('assignments.form.error.endDate');
  const objectives = objectiveLines(values.objectives);
  if (objectives.length === 0) errors.objectives = i18n._('assignments.form.error.objectives');
  else if (objectives.length > MAX_OBJECTIVES) {
    errors.objectives = i18n._('assignments.form.error.objectivesCount', {
      count: MAX_OBJECTIVES,
      given: formatNumber(objectives.length),
    });
  } else if (objectives.some((line) => line.length > MAX_OBJECTIVE_LENGTH)) {
    errors.objectives = i18n._('assignments.form.error.objectiveLength', { count: MAX_OBJECTIVE_LENGTH });
  }
  const rate = values.dailyRate.trim();
  if (rate !== '' && !(/^\d+$/.test(rate) && Number(rate) <= MAX_DAILY_RATE_EUR)) {
    errors.dailyRate = i18n._('assignments.form.error.dailyRate', {
      min: formatNumber(0),
      max: formatNumber(MAX_DAILY_RATE_EUR),
    });
  }
  return errors;
}

/** Every reason the form cannot be saved as it is, by field; empty when it can. */
export function validateAssignment(
  values: AssignmentFormValues,
  id: string,
  context: AssignmentRuleContext,
): AssignmentErrors {
  const errors = inputErrors(values);
  if (errors.startDate || errors.endDate) return errors;
  for (const violation of checkAssignmentRules(values)) {
    const field = violation.field as 'startDate' | 'endDate';
    errors[field] ??= reasonText(violation.reason);
  }
  if (values.institutionId && context.institutions && context.supervisors) {
    const membership = institutionMembershipProblem(
      { institutionId: values.institutionId, supervisorIds: values.supervisorIds },
      context.institutions,
      context.supervisors,
    );
    if (membership) errors.supervisorIds ??= reasonText(membership);
  }
  if (errors.startDate || errors.endDate) return errors;
  // The rules need dates that are real, ordered and short enough before they can compare them.
  const orphaned = daysOutside(values, context.loggedDays);
  if (orphaned.length > 0) errors.dates = reasonText(orphanedDaysReason(orphaned));
  else if (values.expertId) {
    const clash = overlappingOnSiteAssignment({ ...values, id }, context.others);
    if (clash) errors.dates = reasonText(overlapReason(clash));
  }
  return errors;
}
