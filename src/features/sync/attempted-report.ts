/** Reads which report a refused report change belongs to, to link to where it is settled. */
import type { Refusal } from '../../db/local-schemas';
import { REPORT_KINDS, REPORT_KIND_LABELS, type ReportKind } from '../../shared/schemas/report.schema';
import { reportPath } from '../reports/report-paths';

export interface AttemptedReport {
  label: string;
  path: string;
}

export function parseAttemptedReport(refusal: Pick<Refusal, 'attempted'>): AttemptedReport | null {
  try {
    const doc = JSON.parse(refusal.attempted) as Record<string, unknown>;
    const kind = doc?.kind as ReportKind;
    if (typeof doc?.assignmentId !== 'string' || !REPORT_KINDS.includes(kind)) return null;
    return { label: REPORT_KIND_LABELS[kind], path: reportPath(doc.assignmentId, kind) };
  } catch {
    return null;
  }
}
