/** The figures a supervisor or officer reads first on an assignment: days, hours, modes, reach. */
import { daysByMode } from '../../shared/rules/day-rules';
import { sumHours } from '../../shared/rules/log-rules';
import {
  KT_ACTIVITY_TYPES,
  type DailyLog,
  type KtActivityType,
  type WorkMode,
} from '../../shared/schemas/daily-log.schema';

export interface AssignmentTotals {
  daysLogged: number;
  hours: number;
  /** Worked days by the mode each counts as, each day once (src/shared/rules/day-rules.ts). */
  daysByMode: Record<WorkMode, number>;
  peopleReachedByType: Record<KtActivityType, number>;
}

type TotalsInput = Pick<DailyLog, 'date' | 'hours' | 'workMode' | 'ktActivities'>;

export function assignmentTotals(logs: readonly TotalsInput[]): AssignmentTotals {
  const peopleReachedByType = Object.fromEntries(KT_ACTIVITY_TYPES.map((type) => [type, 0])) as Record<
    KtActivityType,
    number
  >;
  for (const log of logs) {
    for (const kt of log.ktActivities) peopleReachedByType[kt.type] += kt.peopleReached;
  }
  return {
    daysLogged: new Set(logs.map((log) => log.date)).size,
    hours: sumHours(logs),
    daysByMode: daysByMode(logs),
    peopleReachedByType,
  };
}
