/**
 * Reading and writing knowledge-transfer reports on the device. Every keystroke the autosave
 * flushes and every decision is a local change (it works offline); replication pushes it and the
 * server checks it again and writes the history. Two devices' clashing sections come back as
 * refusals with code `conflict` (refusals.ts); `resolveClash` at the end writes the expert's
 * choice on one of them into the report.
 */
import { map, type Observable } from 'rxjs';
import {
  isReportEditable,
  newReport,
  reportLockReason,
  type SectionName,
} from '../shared/rules/report-rules';
import { REPORT_WORKFLOW, reportShapeRefusal, type ReportAction } from '../shared/rules/report-workflow';
import { firstMissing, wrongStateReason } from '../shared/rules/workflow';
import { RefusedError, reason } from '../shared/reasons';
import type { Assignment, Report } from '../shared/schemas';
import {
  MAX_SECTION_LENGTH,
  reportId,
  type ReportKind,
  type ReportSections,
  type TextSection,
} from '../shared/schemas/report.schema';
import { markerOf } from '../shared/sync/revision';
import type { DeviceDatabase } from './database';
import { refusedSections, settleClash } from './refusals';

export type ObjectiveEntry = ReportSections['objectives'][number];

function plain(doc: { toJSON(): unknown }): Report {
  return doc.toJSON() as Report;
}

export function reportsOfAssignment$(device: DeviceDatabase, assignmentId: string): Observable<Report[]> {
  return device.db.reports
    .find({ selector: { assignmentId }, sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map(plain)));
}

export function report$(device: DeviceDatabase, id: string): Observable<Report | null> {
  return device.db.reports.findOne(id).$.pipe(map((doc) => (doc ? plain(doc) : null)));
}

/**
 * Submitted reports waiting for endorsement. The server sends a supervisor only the reports of
 * assignments they supervise, so on their device every one is theirs to endorse.
 */
export function toEndorse$(device: DeviceDatabase): Observable<Report[]> {
  return device.db.reports
    .find({ selector: { status: 'submitted' }, sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map(plain)));
}

export class ReportWriteError extends RefusedError {}

/** The report of this kind, created empty on first opening (same id on every device). */
export async function ensureReport(
  device: DeviceDatabase,
  assignment: Pick<Assignment, 'id' | 'objectives' | 'startDate' | 'endDate'>,
  kind: ReportKind,
): Promise<Report> {
  const id = reportId(assignment.id, kind);
  const found = await device.db.reports.findOne(id).exec();
  if (found) return plain(found);
  const report = newReport(assignment, kind);
  const shape = reportShapeRefusal(report, false, assignment);
  if (shape) throw new ReportWriteError(shape.reasons);
  try {
    return plain(await device.db.reports.insert(report));
  } catch (error) {
    // Two openings raced (another tab, React's double effect): the first insert stands.
    const raced = await device.db.reports.findOne(id).exec();
    if (raced) return plain(raced);
    throw error;
  }
}

async function existing(device: DeviceDatabase, id: string) {
  const doc = await device.db.reports.findOne(id).exec();
  if (!doc) throw new ReportWriteError(reason(/*i18n*/ 'device.report.missing'));
  return doc;
}

async function editable(device: DeviceDatabase, id: string) {
  const doc = await existing(device, id);
  if (!isReportEditable(doc.status)) throw new ReportWriteError(reportLockReason(doc.status));
  return doc;
}

/*
 * Section writes modify the latest stored version (incrementalModify), not the one read before:
 * two sections autosaved at once must not overwrite each other.
 */

export async function saveSection(
  device: DeviceDatabase,
  id: string,
  section: TextSection,
  value: string,
): Promise<Report> {
  const doc = await editable(device, id);
  if (doc.sections[section] === value) return plain(doc);
  return plain(
    await doc.incrementalModify((data) => {
      data.sections = { ...data.sections, [section]: value };
      return data;
    }),
  );
}

export async function saveObjective(
  device: DeviceDatabase,
  id: string,
  index: number,
  patch: Partial<Pick<ObjectiveEntry, 'progress' | 'evidence'>>,
): Promise<Report> {
  const doc = await editable(device, id);
  if (!doc.sections.objectives[index])
    throw new ReportWriteError(reason(/*i18n*/ 'device.report.noObjective'));
  return plain(
    await doc.incrementalModify((data) => {
      const objectives = data.sections.objectives.map((entry, at) =>
        at === index ? { ...entry, ...patch } : entry,
      );
      data.sections = { ...data.sections, objectives };
      return data;
    }),
  );
}

/** Replaces the whole objectives list: choosing another device's version of it. */
export async function saveObjectives(
  device: DeviceDatabase,
  id: string,
  objectives: ObjectiveEntry[],
): Promise<Report> {
  const doc = await editable(device, id);
  return plain(
    await doc.incrementalModify((data) => {
      data.sections = { ...data.sections, objectives };
      return data;
    }),
  );
}

/** Refused with the workflow's message when a value `action` needs is blank. */
function requireValues(action: ReportAction, values: Readonly<Record<string, unknown>>): void {
  const missing = firstMissing(REPORT_WORKFLOW[action], values);
  if (missing) throw new ReportWriteError(missing);
}

/** The report, refused unless it is in a state `action` starts from. */
async function inStateFor(device: DeviceDatabase, id: string, action: ReportAction) {
  const doc = await existing(device, id);
  const transition = REPORT_WORKFLOW[action];
  if (!transition.from.includes(doc.status)) {
    throw new ReportWriteError(wrongStateReason(transition, doc.status));
  }
  return doc;
}

export async function submitReport(device: DeviceDatabase, id: string): Promise<Report> {
  // Submitting starts where editing is allowed; a locked report says what would open it again.
  const doc = await editable(device, id);
  requireValues('submit', REPORT_WORKFLOW.submit.valuesOf(plain(doc)));
  return plain(await doc.incrementalPatch({ status: 'submitted' }));
}

export async function endorseReport(
  device: DeviceDatabase,
  id: string,
  comment: string,
  fullName = '',
): Promise<Report> {
  requireValues('endorse', { comment });
  const text = comment.trim();
  const doc = await inStateFor(device, id, 'endorse');
  const name = fullName.trim();
  const read = markerOf(doc.toJSON().sections);
  const decision = name
    ? { kind: 'endorsed' as const, comment: text, fullName: name, sectionsRevision: read }
    : { kind: 'endorsed' as const, comment: text, sectionsRevision: read };
  return plain(await doc.incrementalPatch({ status: 'endorsed', decision }));
}

export async function requestChanges(device: DeviceDatabase, id: string, comment: string): Promise<Report> {
  requireValues('request_changes', { comment });
  const text = comment.trim();
  const doc = await inStateFor(device, id, 'request_changes');
  return plain(
    await doc.incrementalPatch({
      status: 'changes_requested',
      decision: {
        kind: 'changes_requested',
        comment: text,
        sectionsRevision: markerOf(doc.toJSON().sections),
      },
    }),
  );
}

export async function markReviewed(device: DeviceDatabase, id: string, comment = ''): Promise<Report> {
  const doc = await inStateFor(device, id, 'review');
  return plain(await doc.incrementalPatch({ status: 'reviewed', review: { comment: comment.trim() } }));
}

// Two-device clashes: the expert's choice on a section of a refused version (refusals.ts)

export type ClashChoice = 'use' | 'append' | 'keep';

const MAX_EVIDENCE_LENGTH = 5000;

function joined(current: string, other: string, max: number): string {
  const text = current.trim() ? `${current}\n\n${other}` : other;
  if (text.length > max) {
    throw new ReportWriteError(reason(/*i18n*/ 'device.report.joinedTooLong', { max }));
  }
  return text;
}

/**
 * The expert's choice on one clashing section: the other version replaces the current text,
 * goes below it, or is let go. Appending objectives appends each objective's evidence.
 */
export async function resolveClash(
  device: DeviceDatabase,
  refusalId: string,
  section: SectionName,
  choice: ClashChoice,
): Promise<void> {
  const refused = await refusedSections(device, refusalId);
  if (choice !== 'keep' && refused) {
    const other = refused.sections;
    const current = plain(await existing(device, refused.docId));
    if (section === 'objectives') {
      const objectives =
        choice === 'use'
          ? other.objectives
          : current.sections.objectives.map((entry, index) => {
              const theirs = other.objectives[index]?.evidence ?? '';
              return theirs && theirs !== entry.evidence
                ? { ...entry, evidence: joined(entry.evidence, theirs, MAX_EVIDENCE_LENGTH) }
                : entry;
            });
      await saveObjectives(device, current.id, objectives);
    } else {
      const value =
        choice === 'use'
          ? other[section]
          : joined(current.sections[section], other[section], MAX_SECTION_LENGTH);
      await saveSection(device, current.id, section, value);
    }
  }
  await settleClash(device, refusalId, section);
}
