/**
 * What the user had tried, read out of a refusal for the screens: one reading per collection, on
 * top of the one JSON reading in db/refusals.ts. `attempted` may break the schema (that is often
 * why it was refused), so every field is checked and defaulted.
 */
import { attemptedOf, type Refusal } from '../../db/refusals';
import { reportKindLabel } from '../../i18n/labels';
import {
  KT_ACTIVITY_TYPES,
  WORK_MODES,
  type KtActivity,
  type WorkMode,
} from '../../shared/schemas/daily-log.schema';
import { REPORT_KINDS, type ReportKind } from '../../shared/schemas/report.schema';
import { TIMESHEET_STATUSES, type TimesheetStatus } from '../../shared/schemas/timesheet.schema';
import { reportPath } from '../../shared/paths';

export interface AttemptedLog {
  assignmentId: string | null;
  date: string;
  hours: number | null;
  workMode: WorkMode | null;
  location: string;
  activities: string;
  ktActivities: KtActivity[];
  notes: string;
  /** The refused change was a deletion. */
  deleted: boolean;
}

/** A refused report change is long: the screens link to the report, where it is settled. */
export interface AttemptedReport {
  /** The report's name in the language of the moment it was read. */
  label: string;
  path: string;
  /** The decision or review the user wrote, when the refused change was one: its comment is theirs. */
  decision: { status: string; comment: string } | null;
}

/** The refused change, by the collection it was made in. */
export type AttemptedChange = {
  /** The assignment the document belongs to, when it names one. */
  assignmentId: string | null;
  /** The refused change was a deletion. */
  deleted: boolean;
} & (
  | { collection: 'logs'; log: AttemptedLog }
  | { collection: 'timesheets'; month: string; status: TimesheetStatus | null }
  | { collection: 'reports'; report: AttemptedReport | null }
  | { collection: 'institutions'; name: string }
  | { collection: 'other' }
);

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function logOf(doc: Record<string, unknown>, assignmentId: string | null, deleted: boolean): AttemptedLog {
  const kt = Array.isArray(doc.ktActivities) ? doc.ktActivities : [];
  return {
    assignmentId,
    date: text(doc.date),
    hours: typeof doc.hours === 'number' && Number.isFinite(doc.hours) ? doc.hours : null,
    workMode: WORK_MODES.includes(doc.workMode as WorkMode) ? (doc.workMode as WorkMode) : null,
    location: text(doc.location),
    activities: text(doc.activities),
    ktActivities: kt.flatMap((item: unknown) => {
      const row = (item ?? {}) as Record<string, unknown>;
      const type = row.type as KtActivity['type'];
      if (!KT_ACTIVITY_TYPES.includes(type)) return [];
      const people = typeof row.peopleReached === 'number' ? row.peopleReached : 0;
      return [{ type, peopleReached: people }];
    }),
    notes: text(doc.notes),
    deleted,
  };
}

function decisionOf(doc: Record<string, unknown>): AttemptedReport['decision'] {
  const status = text(doc.status);
  const written = (status === 'reviewed' ? doc.review : doc.decision) as Record<string, unknown> | undefined;
  const comment = text(written?.comment);
  return ['endorsed', 'changes_requested', 'reviewed'].includes(status) ? { status, comment } : null;
}

/** The refused change, or null when what was kept is not a document at all. */
export function parseAttempted(
  refusal: Pick<Refusal, 'collectionName' | 'docId' | 'attempted'>,
): AttemptedChange | null {
  const doc = attemptedOf(refusal);
  if (!doc) return null;
  const assignmentId = typeof doc.assignmentId === 'string' ? doc.assignmentId : null;
  const deleted = doc._deleted === true;
  const common = { assignmentId, deleted };
  switch (refusal.collectionName) {
    case 'logs':
      return { ...common, collection: 'logs', log: logOf(doc, assignmentId, deleted) };
    case 'timesheets':
      return {
        ...common,
        collection: 'timesheets',
        month: text(doc.month),
        status: TIMESHEET_STATUSES.includes(doc.status as TimesheetStatus)
          ? (doc.status as TimesheetStatus)
          : null,
      };
    case 'reports': {
      const kind = doc.kind as ReportKind;
      const report =
        assignmentId !== null && REPORT_KINDS.includes(kind)
          ? {
              label: reportKindLabel(kind),
              path: reportPath(assignmentId, kind),
              decision: decisionOf(doc),
            }
          : null;
      return { ...common, collection: 'reports', report };
    }
    case 'institutions':
      return {
        ...common,
        collection: 'institutions',
        name: typeof doc.name === 'string' ? doc.name : refusal.docId,
      };
    default:
      return { ...common, collection: 'other' };
  }
}
