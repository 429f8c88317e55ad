/** URLs of the report screens. */
import type { ReportKind } from '../../shared/schemas/report.schema';
import { assignmentPath } from '../logs/log-paths';

export function reportPath(assignmentId: string, kind: ReportKind): string {
  return `${assignmentPath(assignmentId)}/reports/${kind}`;
}
