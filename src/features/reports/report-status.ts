/**
 * How a report reads on screen: status words and history steps. Which actions this user could
 * take is the shared workflow's (allowedReportTransitions), so the device never offers what the
 * server refuses.
 */
import type { Report } from '../../shared/schemas';
import type { ReportStatus } from '../../shared/schemas/report.schema';
import { i18n } from './catalog';

const REPORT_STATUS_TEXT: Record<ReportStatus, string> = {
  draft: /*i18n*/ 'reports.status.draft',
  submitted: /*i18n*/ 'reports.status.submitted',
  endorsed: /*i18n*/ 'reports.status.endorsed',
  changes_requested: /*i18n*/ 'reports.status.changes_requested',
  reviewed: /*i18n*/ 'reports.status.reviewed',
};

/** What a history entry records, in words: the step, not the states it moved between. */
export function reportStepLabel(from: string, to: string): string {
  if (to === 'submitted') {
    return from === 'changes_requested'
      ? i18n._('reports.step.submittedAgain')
      : i18n._('reports.step.submitted');
  }
  if (to === 'endorsed') return i18n._('reports.step.endorsed');
  if (to === 'changes_requested') return i18n._('reports.step.changesRequested');
  if (to === 'reviewed') return i18n._('reports.step.reviewed');
  const status = REPORT_STATUS_TEXT[to as ReportStatus];
  return status ? i18n._(status) : to;
}

export function reportStatusText(report: Pick<Report, 'status'> | null | undefined): string {
  return report ? i18n._(REPORT_STATUS_TEXT[report.status]) : i18n._('reports.status.notStarted');
}
