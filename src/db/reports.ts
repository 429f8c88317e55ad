/**
 * Reading and writing knowledge-transfer reports on the device. Every keystroke the autosave
 * flushes and every decision is a local change (it works offline); replication pushes it and the
 * server checks it again and writes the history. Two devices' clashing sections come back as
 * refusals with code `conflict`; the helpers at the end let the expert settle them one by one.
 */
import { map, type Observable } from 'rxjs';
import {
  isReportEditable,
  newReport,
  reportLockMessage,
  type SectionName,
} from '../shared/rules/report-rules';
import { REPORT_WORKFLOW, reportShapeRefusal, type ReportAction } from '../shared/rules/report-workflow';
import { firstMissing, wrongStateMessage } from '../shared/rules/workflow';
import type { Assignment, Report } from '../shared/schemas';
import {
  MAX_SECTION_LENGTH,
  SECTION_LABELS,
  TEXT_SECTIONS,
  reportId,
  type ReportKind,
  type ReportSections,
  type TextSection,
} from '../shared/schemas/report.schema';
import { markerOf } from '../shared/sync/revision';
import type { DeviceDatabase } from './database';
import { newRefusalId, type Refusal } from './local-schemas';

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

export class ReportWriteError extends Error {}

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
  if (shape) throw new ReportWriteError(shape.message);
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
  if (!doc) throw new ReportWriteError('This report is not on this device.');
  return doc;
}

async function editable(device: DeviceDatabase, id: string) {
  const doc = await existing(device, id);
  if (!isReportEditable(doc.status)) throw new ReportWriteError(reportLockMessage(doc.status));
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
  if (!doc.sections.objectives[index]) throw new ReportWriteError('This objective is not in the report.');
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
    throw new ReportWriteError(wrongStateMessage('report', transition, doc.status));
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

// Two-device clashes

export const CLASH_SECTIONS: readonly SectionName[] = [...TEXT_SECTIONS, 'objectives'];

/** The sections of a report kept in a refusal, or null when the JSON is not a report. */
export function attemptedSections(refusal: Pick<Refusal, 'attempted'>): ReportSections | null {
  try {
    const raw = JSON.parse(refusal.attempted) as { sections?: unknown };
    const sections = raw?.sections as Partial<ReportSections> | undefined;
    if (!sections || typeof sections !== 'object') return null;
    const text = Object.fromEntries(
      TEXT_SECTIONS.map((name) => [name, typeof sections[name] === 'string' ? sections[name] : '']),
    ) as Omit<ReportSections, 'objectives'>;
    return { ...text, objectives: Array.isArray(sections.objectives) ? sections.objectives : [] };
  } catch {
    return null;
  }
}

function sameSection(a: ReportSections, b: ReportSections, name: SectionName): boolean {
  return JSON.stringify(a[name]) === JSON.stringify(b[name]);
}

/**
 * The sections of a set-aside version that still differ from the current report. When the
 * message names sections (a two-device clash), only those: the other differences are sections
 * the other device changed alone, which merged cleanly.
 */
export function clashingSections(
  refusal: Pick<Refusal, 'attempted' | 'message'>,
  current: Report,
): SectionName[] {
  const other = attemptedSections(refusal);
  if (!other) return [];
  const named = CLASH_SECTIONS.filter((name) => refusal.message.includes(`“${SECTION_LABELS[name]}”`));
  const candidates = named.length > 0 ? named : CLASH_SECTIONS;
  return candidates.filter((name) => !sameSection(other, current.sections, name));
}

/** Report refusals of this report the expert can settle section by section. */
export function reportClashes$(device: DeviceDatabase, id: string): Observable<Refusal[]> {
  return device.db.refusals
    .find({ selector: { collectionName: 'reports', docId: id }, sort: [{ at: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Refusal)));
}

/**
 * The expert has settled `section` of a set-aside version (used it, added it, or kept the
 * current text): it no longer counts as different, and once no section does, the set-aside
 * version is deleted.
 */
export async function settleClash(
  device: DeviceDatabase,
  refusalId: string,
  section: SectionName,
): Promise<void> {
  const refusal = await device.db.refusals.findOne(refusalId).exec();
  if (!refusal) return;
  const report = await device.db.reports.findOne(refusal.docId).exec();
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(refusal.attempted) as Record<string, unknown>;
  } catch {
    raw = {};
  }
  if (!report) {
    await refusal.remove();
    return;
  }
  const current = plain(report);
  const sections = {
    ...(attemptedSections(refusal) ?? current.sections),
    [section]: current.sections[section],
  };
  const attempted = JSON.stringify({ ...raw, sections });
  if (clashingSections({ attempted, message: refusal.message }, current).length === 0) await refusal.remove();
  else await refusal.incrementalPatch({ attempted });
}

/**
 * Text typed on this device that never reached the database (the app was killed inside the
 * autosave window) while the saved text changed meanwhile: kept as a clash so neither is lost.
 */
export async function keepUnsavedVersion(
  device: DeviceDatabase,
  id: string,
  section: SectionName,
  sections: Partial<ReportSections>,
  /** Why it was not saved: the saved text changed since, or the report is no longer editable. */
  why: 'changed' | 'locked' = 'changed',
): Promise<void> {
  const doc = await existing(device, id);
  const current = plain(doc);
  await device.db.refusals.insert({
    id: newRefusalId('reports'),
    collectionName: 'reports',
    docId: id,
    attempted: JSON.stringify({ ...current, sections: { ...current.sections, ...sections } }),
    code: 'conflict',
    message:
      why === 'changed'
        ? `“${SECTION_LABELS[section]}” has text typed on this device that was not saved before the app closed, and the saved text changed since. Both versions are kept: choose one or combine them.`
        : `“${SECTION_LABELS[section]}” has text typed on this device that was not saved before the app closed, and the report is ${current.status.replace('_', ' ')} now. Your text is kept here.`,
    at: new Date().toISOString(),
  });
}

export type ClashChoice = 'use' | 'append' | 'keep';

const MAX_EVIDENCE_LENGTH = 5000;

function joined(current: string, other: string, max: number): string {
  const text = current.trim() ? `${current}\n\n${other}` : other;
  if (text.length > max) {
    throw new ReportWriteError(
      `Both versions together are longer than ${max} characters; shorten the current text first.`,
    );
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
  const refusal = await device.db.refusals.findOne(refusalId).exec();
  if (!refusal) return;
  const other = attemptedSections(refusal);
  if (choice !== 'keep' && other) {
    const current = plain(await existing(device, refusal.docId));
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
