/**
 * The push policy of daily logs (docs/sync-protocol.md SP-6, SP-7, TS-6): only the expert on the
 * assignment writes them, a stored log never moves to another assignment, the log rules hold
 * across all the expert's logs of the day, and a submitted or approved month keeps its days.
 */
import { checkLogRules, logMoveRefusal } from '../../../src/shared/rules/log-rules';
import { latestIsoDateOnEarth } from '../../../src/shared/dates';
import type { Assignment, DailyLog } from '../../../src/shared/schemas';
import type { Reason } from '../../../src/shared/reasons';
import {
  brokenAssignmentRefusal,
  ownedAccess,
  ownedLockKeys,
  type CollectionPolicy,
  type PolicyRow,
} from './policy';
import { logLockRefusal } from './timesheets';

export const logsPolicy: CollectionPolicy<DailyLog> = {
  lockKeys: ownedLockKeys,
  async access(row) {
    // SP-6: checked before the assignment it names, so the answer says what is wrong with it.
    const moved = logMoveRefusal(row.current?.data as DailyLog | undefined, row.data);
    if (moved) return { ok: false, ...moved };
    return ownedAccess(row, 'logs');
  },
  shape: (row, assignment) => brokenAssignmentRefusal(assignment, row.deleted),
  async rules(row, assignment) {
    const violations = row.deleted ? null : await logRuleViolations(row, assignment!);
    if (violations) return { code: 'rule', reasons: violations };
    // TS-6: the days of a submitted or approved month stay as they were signed.
    const locked = await logLockRefusal(row.tx, row.data, row.current);
    return locked ? { code: 'rule', reasons: [locked] } : null;
  },
  keyOf: (log) => log.assignmentId,
  async afterWrite(row, stored, assignment) {
    row.preload.days.recordWrite(assignment!.expertId, row.current, stored, row.deleted);
  },
};

async function logRuleViolations(row: PolicyRow<DailyLog>, assignment: Assignment): Promise<Reason[] | null> {
  // The 24-hour and logs-per-day limits span all the expert's assignments: a day is a day
  // whoever pays for it. The count stops at the limit, so a day already over it (data from before
  // the limit) costs no more to check than a full one, and the write transaction stays short.
  const sameDay = await row.preload.days.othersThatDay(row.tx, assignment.expertId, row.data, row.current);
  const violations = checkLogRules(row.data, {
    assignment,
    otherHoursThatDay: sameDay.hours,
    otherLogsThatDay: sameDay.logs,
    today: latestIsoDateOnEarth(row.now),
  });
  return violations.length === 0 ? null : violations.map((v) => v.reason);
}
