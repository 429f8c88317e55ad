/**
 * The words for the programme's fixed values (work modes, activity types, report kinds and
 * sections, countries and sectors), in the active language. The stored values stay the English
 * keys of src/shared; only what a person reads is translated. Unknown values show as stored.
 */
import type { KtActivityType, WorkMode } from '../shared/schemas/daily-log.schema';
import type { ReportKind, TextSection } from '../shared/schemas/report.schema';
import { i18n } from './catalog';

const WORK_MODES: Record<WorkMode, string> = {
  on_site: /*i18n*/ 'core.workMode.on_site',
  remote: /*i18n*/ 'core.workMode.remote',
  travel: /*i18n*/ 'core.workMode.travel',
};

const KT_ACTIVITIES: Record<KtActivityType, string> = {
  training: /*i18n*/ 'core.ktActivity.training',
  coaching_mentoring: /*i18n*/ 'core.ktActivity.coaching_mentoring',
  workshop: /*i18n*/ 'core.ktActivity.workshop',
  advice: /*i18n*/ 'core.ktActivity.advice',
  problem_solving: /*i18n*/ 'core.ktActivity.problem_solving',
};

const REPORT_KINDS: Record<ReportKind, string> = {
  inception: /*i18n*/ 'core.reportKind.inception',
  midterm: /*i18n*/ 'core.reportKind.midterm',
  final: /*i18n*/ 'core.reportKind.final',
};

const SECTIONS: Record<TextSection | 'objectives', string> = {
  summary: /*i18n*/ 'core.section.summary',
  objectives: /*i18n*/ 'core.section.objectives',
  ktNarrative: /*i18n*/ 'core.section.ktNarrative',
  outputs: /*i18n*/ 'core.section.outputs',
  challenges: /*i18n*/ 'core.section.challenges',
  recommendations: /*i18n*/ 'core.section.recommendations',
  sustainability: /*i18n*/ 'core.section.sustainability',
  interns: /*i18n*/ 'core.section.interns',
};

const OBJECTIVE_PROGRESS: Record<string, string> = {
  not_started: /*i18n*/ 'core.objectiveProgress.not_started',
  in_progress: /*i18n*/ 'core.objectiveProgress.in_progress',
  achieved: /*i18n*/ 'core.objectiveProgress.achieved',
  not_achievable: /*i18n*/ 'core.objectiveProgress.not_achievable',
};

const COUNTRIES: Record<string, string> = {
  Afghanistan: /*i18n*/ 'core.country.Afghanistan',
  Iraq: /*i18n*/ 'core.country.Iraq',
  Nigeria: /*i18n*/ 'core.country.Nigeria',
  Somalia: /*i18n*/ 'core.country.Somalia',
};

const SECTORS: Record<string, string> = {
  Health: /*i18n*/ 'core.sector.health',
  'Rural Development/Water': /*i18n*/ 'core.sector.ruralDevelopmentWater',
  TVET: /*i18n*/ 'core.sector.tvet',
  'Migration Governance': /*i18n*/ 'core.sector.migrationGovernance',
  ICT: /*i18n*/ 'core.sector.ict',
  Agriculture: /*i18n*/ 'core.sector.agriculture',
  'Local Governance': /*i18n*/ 'core.sector.localGovernance',
  'Rule of Law': /*i18n*/ 'core.sector.ruleOfLaw',
  Water: /*i18n*/ 'core.sector.water',
  'Private Sector Development': /*i18n*/ 'core.sector.privateSectorDevelopment',
};

const label = (ids: Record<string, string>, value: string) => {
  const id = ids[value];
  return id ? i18n._(id) : value;
};

export const workModeLabel = (mode: WorkMode | string) => label(WORK_MODES, mode);
export const ktActivityLabel = (type: KtActivityType | string) => label(KT_ACTIVITIES, type);
export const reportKindLabel = (kind: ReportKind | string) => label(REPORT_KINDS, kind);
export const sectionLabel = (section: TextSection | 'objectives' | string) => label(SECTIONS, section);
export const objectiveProgressLabel = (progress: string) => label(OBJECTIVE_PROGRESS, progress);
export const countryLabel = (country: string) => label(COUNTRIES, country);
export const sectorLabel = (sector: string) => label(SECTORS, sector);

/** How days are counted for totals and allowances (day-rules.ts modeOfDays, allowance.ts). */
export const dayCountingRule = () => i18n._('core.rule.dayCounting');
/** What a log of 0 hours is (log-rules.ts): a day off, counted in no total. */
export const zeroHourLogMeaning = () => i18n._('core.rule.zeroHours');
