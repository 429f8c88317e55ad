/**
 * The server's side of knowledge-transfer reports (docs/sync-protocol.md RP-*): which pushed
 * reports stand and the history entry of each transition. The transition rules themselves are
 * shared with the device (src/shared/rules/report-rules.ts).
 */
import {
  checkReportChange,
  reportObjectivesRefusal,
  reportsDue,
  type ReportTransition,
} from '../../../src/shared/rules/report-rules';
import type { Assignment, Report } from '../../../src/shared/schemas';
import { REPORT_KIND_LABELS, reportId } from '../../../src/shared/schemas/report.schema';
import type { PublicUser } from '../../../src/shared/users';
import type { Refusal } from './timesheets';

export type ReportHistoryEntry = NonNullable<Report['history']>[number];

export type ReportDecision =
  { ok: true; data: Report; entry: ReportHistoryEntry | null } | ({ ok: false } & Refusal);

/**
 * Checks that need no decision: the id is the assignment and kind (RP-1), the assignment asks for
 * a report of this kind, and reports are never deleted. Run before the conflict check, so a
 * conflict never answers with a report of another assignment.
 */
export function reportShapeRefusal(
  next: Report,
  deleted: boolean,
  assignment: Pick<Assignment, 'startDate' | 'endDate'>,
): Refusal | null {
  if (next.id !== reportId(next.assignmentId, next.kind)) {
    return { code: 'invalid', message: 'A report id is its assignment and kind.' };
  }
  // The programme's record of what was transferred: a report only ever moves forward.
  if (deleted) return { code: 'rule', message: 'A report cannot be deleted.' };
  if (!reportsDue(assignment).some((due) => due.kind === next.kind)) {
    return {
      code: 'rule',
      message: `This assignment has no ${REPORT_KIND_LABELS[next.kind].toLowerCase()}: it is only asked of assignments longer than six weeks.`,
    };
  }
  return null;
}

/** Whether `user` may turn `current` into `next` (RP-2, RP-3, RP-5), with the entry to append (RP-6). */
export function decideReport(
  user: PublicUser,
  now: Date,
  assignment: Pick<Assignment, 'expertId' | 'supervisorIds' | 'objectives'>,
  current: Report | undefined,
  next: Report,
): ReportDecision {
  const check = checkReportChange(user, assignment, current, next);
  if (!check.ok) return { ok: false, code: check.code, message: check.message };
  const objectives = reportObjectivesRefusal(assignment, current, next);
  if (objectives) return { ok: false, code: 'rule', message: objectives };
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
