/**
 * How a report reads on screen: status words, character counts, and which actions this user
 * could take (the shared rules mirrored, so the device never offers what the server refuses).
 */
import { checkReportChange, type ReportTransition } from '../../shared/rules/report-rules';
import type { Assignment, Report } from '../../shared/schemas';
import type { ReportStatus } from '../../shared/schemas/report.schema';
import type { PublicUser } from '../../shared/users';
import { markerOf } from '../../shared/sync/revision';

export const REPORT_NOT_STARTED = 'Not started';

export const REPORT_STATUS_TEXT: Record<ReportStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted — waiting for endorsement',
  endorsed: 'Endorsed — waiting for programme review',
  changes_requested: 'Changes requested — action needed',
  reviewed: 'Reviewed',
};

/** What a history entry records, in words: the step, not the states it moved between. */
export function reportStepLabel(from: string, to: string): string {
  if (to === 'submitted') return from === 'changes_requested' ? 'Submitted again' : 'Submitted';
  if (to === 'endorsed') return 'Endorsed';
  if (to === 'changes_requested') return 'Changes requested';
  if (to === 'reviewed') return 'Reviewed by the programme';
  return REPORT_STATUS_TEXT[to as ReportStatus] ?? to;
}

export function reportStatusText(report: Pick<Report, 'status'> | null | undefined): string {
  return report ? REPORT_STATUS_TEXT[report.status] : REPORT_NOT_STARTED;
}

export type ReportAction = Extract<ReportTransition, 'submit' | 'endorse' | 'request_changes' | 'review'>;

/**
 * Whether the shared rules would let `user` take `action` on `report`. Placeholder text stands
 * in for what the user has yet to type (a summary, a comment): this asks about role and status.
 */
export function mayActOnReport(
  user: PublicUser,
  assignment: Pick<Assignment, 'expertId' | 'supervisorIds'>,
  report: Report,
  action: ReportAction,
): boolean {
  const next: Report = { ...report, sections: { ...report.sections } };
  if (action === 'submit') {
    next.status = 'submitted';
    next.sections.summary = report.sections.summary.trim() || '-';
  } else if (action === 'endorse') {
    next.status = 'endorsed';
    next.decision = { kind: 'endorsed', comment: '-', sectionsRevision: markerOf(report.sections) };
  } else if (action === 'request_changes') {
    next.status = 'changes_requested';
    next.decision = { kind: 'changes_requested', comment: '-', sectionsRevision: markerOf(report.sections) };
  } else {
    next.status = 'reviewed';
    next.review = { comment: '' };
  }
  const check = checkReportChange(user, assignment, report, next);
  // "No change" is allowed to anyone; only the transition itself counts.
  return check.ok && check.kind === action;
}
