/**
 * How a report reads on screen: status words and history steps. Which actions this user could
 * take is the shared workflow's (allowedReportTransitions), so the device never offers what the
 * server refuses.
 */
import type { Report } from '../../shared/schemas';
import type { ReportStatus } from '../../shared/schemas/report.schema';

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
