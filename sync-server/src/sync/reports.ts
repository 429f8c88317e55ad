/**
 * The server's side of knowledge-transfer reports (docs/sync-protocol.md RP-*): which pushed
 * reports stand and the history entry of each transition. The transition rules themselves are
 * shared with the device (src/shared/rules/report-workflow.ts).
 */
import { reportObjectivesRefusal } from '../../../src/shared/rules/report-rules';
import {
  checkReportChange,
  reportShapeRefusal,
  type ReportTransition,
} from '../../../src/shared/rules/report-workflow';
import type { RuleRefusal } from '../../../src/shared/rules/workflow';
import type { Assignment, Report } from '../../../src/shared/schemas';
import type { PublicUser } from '../../../src/shared/users';
import { workflowPolicy, type ReportHistoryEntry } from './policy';

export type ReportDecision =
  { ok: true; data: Report; entry: ReportHistoryEntry | null } | ({ ok: false } & RuleRefusal);

/** The push policy of reports (RP-*): whoever may read the assignment pushes, the transitions decide. */
export const reportsPolicy = workflowPolicy<Report>(
  'reports',
  reportShapeRefusal,
  async (row, assignment, previous) => decideReport(row.user, row.now, assignment, previous, row.data),
);

/** Whether `user` may turn `current` into `next` (RP-2, RP-3, RP-5), with the entry to append (RP-6). */
export function decideReport(
  user: PublicUser,
  now: Date,
  assignment: Pick<Assignment, 'expertId' | 'supervisorIds' | 'objectives'>,
  current: Report | undefined,
  next: Report,
): ReportDecision {
  const check = checkReportChange(user, assignment, current, next);
  if (!check.ok) return { ok: false, code: check.code, reasons: [check.reason] };
  const objectives = reportObjectivesRefusal(assignment, current, next);
  if (objectives) return { ok: false, code: 'rule', reasons: [objectives] };
  return {
    ok: true,
    data: next,
    entry: check.kind ? historyEntry(check.kind, user, now, current, next) : null,
  };
}

const RECORDED: readonly ReportTransition[] = ['submit', 'endorse', 'request_changes', 'review'];

/** One line of the audit trail: who, when, in which role, from and to, and what they said. */
function historyEntry(
  kind: ReportTransition,
  user: PublicUser,
  now: Date,
  current: Report | undefined,
  next: Report,
): ReportHistoryEntry | null {
  // Creating a draft and editing sections are not transitions; they leave no entry.
  if (!RECORDED.includes(kind)) return null;
  const entry: ReportHistoryEntry = {
    at: now.toISOString(),
    byUserId: user.id,
    byName: user.name,
    role: user.role,
    // A report created already submitted was a draft on the device until then.
    from: current?.status ?? 'draft',
    to: next.status,
  };
  if ((kind === 'endorse' || kind === 'request_changes') && next.decision) {
    entry.comment = next.decision.comment;
  }
  if (kind === 'review' && next.review?.comment) entry.comment = next.review.comment;
  return entry;
}
