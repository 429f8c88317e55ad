/** The figures a supervisor or officer reads first on an assignment: days, hours, modes, reach. */
import { sumHours } from '../../shared/rules/log-rules';
import {
  KT_ACTIVITY_TYPES,
  WORK_MODES,
  type DailyLog,
  type KtActivityType,
  type WorkMode,
} from '../../shared/schemas/daily-log.schema';

export interface AssignmentTotals {
  daysLogged: number;
  hours: number;
  /** Distinct dates per work mode; a day with two logs in different modes counts in both. */
  daysByMode: Record<WorkMode, number>;
  peopleReachedByType: Record<KtActivityType, number>;
}

type TotalsInput = Pick<DailyLog, 'date' | 'hours' | 'workMode' | 'ktActivities'>;

export function assignmentTotals(logs: readonly TotalsInput[]): AssignmentTotals {
  const datesByMode = Object.fromEntries(WORK_MODES.map((mode) => [mode, new Set<string>()])) as Record<
    WorkMode,
    Set<string>
  >;
  const peopleReachedByType = Object.fromEntries(KT_ACTIVITY_TYPES.map((type) => [type, 0])) as Record<
    KtActivityType,
    number
  >;
  for (const log of logs) {
    datesByMode[log.workMode]?.add(log.date);
    for (const kt of log.ktActivities) peopleReachedByType[kt.type] += kt.peopleReached;
  }
  return {
    daysLogged: new Set(logs.map((log) => log.date)).size,
    hours: sumHours(logs),
    daysByMode: Object.fromEntries(WORK_MODES.map((mode) => [mode, datesByMode[mode].size])) as Record<
      WorkMode,
      number
    >,
    peopleReachedByType,
  };
}
