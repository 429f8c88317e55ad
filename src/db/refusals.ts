/**
 * Refusals: what a user typed that could not be applied, kept on the device with the reason, so
 * nothing typed disappears silently. The one home of the device-only `refusals` collection: its
 * schema and migrations, its only writer, its readers, and the settling of a report's clashing
 * sections. On the wire the server answers a push with *rejections* (src/shared/sync/protocol.ts);
 * on the device a rejection, a clash lost to another device, or text that could not be saved
 * becomes a *refusal* here.
 *
 * It imports nothing from database.ts, which opens the collection with this schema (no import
 * circle): the functions take the collections they use.
 */
import { map, type Observable } from 'rxjs';
import type { DeepMutable, ExtractDocumentTypeFromTypedRxJsonSchema, RxCollection, RxJsonSchema } from 'rxdb';
import { RefusedError, reason, type Reason } from '../shared/reasons';
import type { SectionName } from '../shared/rules/report-rules';
import type { CollectionName, Report } from '../shared/schemas';
import { SECTION_LABELS, TEXT_SECTIONS, type ReportSections } from '../shared/schemas/report.schema';

// The schema and its migrations

export const REFUSAL_CODES = ['forbidden', 'invalid', 'rule', 'conflict'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

const refusalSchemaLiteral = {
  title: 'refused change',
  // v1: docId up to 80 characters, the length of a report id (v0 said 64).
  // v2: `fields`, what clashed, kept as data rather than only named in the message.
  // v3: `reasons`, why, as message ids and values: shown in whatever language the user reads
  // (issue 13); `message` stays, the server's English, for a reason this app does not know.
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    collectionName: { type: 'string', maxLength: 40 },
    // The longest primary key of a replicated collection (reports: 80).
    docId: { type: 'string', maxLength: 80 },
    // The user's version as JSON text: it may break the collection's rules, so it is kept opaque.
    attempted: { type: 'string' },
    code: { type: 'string', enum: REFUSAL_CODES },
    message: { type: 'string' },
    at: { type: 'string', maxLength: 30 },
    // The fields (a report's sections) that clashed with another version; absent when the whole
    // change was refused.
    fields: { type: 'array', items: { type: 'string' } },
    reasons: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, values: { type: 'object' } },
        required: ['id'],
      },
    },
  },
  required: ['id', 'collectionName', 'docId', 'attempted', 'code', 'message', 'at'],
  indexes: ['at'],
} as const;
export type Refusal = ExtractDocumentTypeFromTypedRxJsonSchema<DeepMutable<typeof refusalSchemaLiteral>>;
export const refusalSchema: RxJsonSchema<Refusal> = refusalSchemaLiteral as never;

/** A report's sections that can clash with another device's, in the report's order. */
const CLASH_SECTIONS: readonly SectionName[] = [...TEXT_SECTIONS, 'objectives'];

/** The sections a message names the way clash messages did before v2: “Summary”, “Challenges”. */
function sectionsNamedIn(message: string): SectionName[] {
  return CLASH_SECTIONS.filter((name) => message.includes(`“${SECTION_LABELS[name]}”`));
}

/** How a stored refusal of an older schema version becomes one of the current version. */
export const refusalMigrations = {
  1: (refusal: Refusal) => refusal,
  // Report clashes stored before v2 name their sections only in the message: read them out once.
  2: (refusal: Refusal): Refusal => {
    if (refusal.collectionName !== 'reports' || refusal.fields) return refusal;
    const named = sectionsNamedIn(refusal.message);
    return named.length > 0 ? { ...refusal, fields: named } : refusal;
  },
  // Refusals kept before v3 have their English message only, which they go on showing.
  3: (refusal: Refusal) => refusal,
};

/** What the functions here need of the device database (database.ts's collections fit). */
interface RefusalStore {
  refusals: RxCollection<Refusal>;
}
interface DeviceWithRefusals {
  db: RefusalStore;
}
interface DeviceWithReports {
  db: RefusalStore & { reports: RxCollection<Report> };
}

// Writing: nothing else in the app inserts refusals

export interface NewRefusal {
  collection: CollectionName;
  docId: string;
  /** The user's version, any shape: it is kept as JSON text. */
  attempted: unknown;
  code: RefusalCode;
  /** Why, in the reader's language (src/ui/reasons.ts). */
  reasons: readonly Reason[];
  /** The server's English for them, when the server refused: shown if this app does not know one. */
  message?: string;
  /** What clashed, when the change was not refused as a whole. */
  fields?: readonly string[];
}

/** A new refusal's id: unique even for several kept at the same moment (at most 47 characters). */
function newRefusalId(collection: string): string {
  return `${collection}:${crypto.randomUUID()}`;
}

function refusalDocument(refusal: NewRefusal, at: string): Refusal {
  const { collection, docId, attempted, code, reasons, message, fields } = refusal;
  return {
    id: newRefusalId(collection),
    collectionName: collection,
    docId,
    attempted: JSON.stringify(attempted),
    code,
    message: message ?? '',
    reasons: reasons.map((reason) => ({ ...reason }) as { id: string; values?: object }),
    at,
    ...(fields && fields.length > 0 ? { fields: [...fields] } : {}),
  };
}

/** Keeps one refusal; fails (nothing is kept) when storage refuses it. */
export async function keepRefusal(db: RefusalStore, refusal: NewRefusal): Promise<void> {
  await db.refusals.insert(refusalDocument(refusal, new Date().toISOString()));
}

/** Keeps a push's worth of refusals at once (the push handler's rejected rows). */
export async function keepRefusals(db: RefusalStore, refusals: readonly NewRefusal[]): Promise<void> {
  if (refusals.length === 0) return;
  const at = new Date().toISOString();
  await db.refusals.bulkInsert(refusals.map((refusal) => refusalDocument(refusal, at)));
}

/** A version typed here that lost a clash with another version (another device, a backup). */
export interface ClashRefusal {
  collection: CollectionName;
  docId: string;
  attempted: unknown;
  fields: string[];
  /** What to tell the user; a generic "changed on another device" when absent. */
  reasons?: readonly Reason[];
}

export async function keepClash(db: RefusalStore, clash: ClashRefusal): Promise<void> {
  const { reasons, ...rest } = clash;
  await keepRefusal(db, {
    ...rest,
    code: 'conflict',
    reasons: reasons ?? [
      reason(/*i18n*/ 'device.clash.changedElsewhere', { fields: clash.fields.join(', ') }),
    ],
  });
}

/**
 * Text typed on this device that never reached the database (the app was killed inside the
 * autosave window) while the saved text changed meanwhile: kept as a clash so neither is lost.
 */
export async function keepUnsavedVersion(
  device: DeviceWithReports,
  id: string,
  section: SectionName,
  sections: Partial<ReportSections>,
  /** Why it was not saved: the saved text changed since, or the report is no longer editable. */
  why: 'changed' | 'locked' = 'changed',
): Promise<void> {
  const doc = await device.db.reports.findOne(id).exec();
  if (!doc) throw new RefusedError(reason(/*i18n*/ 'device.report.missing'));
  const current = doc.toJSON() as Report;
  await keepRefusal(device.db, {
    collection: 'reports',
    docId: id,
    attempted: { ...current, sections: { ...current.sections, ...sections } },
    code: 'conflict',
    fields: [section],
    reasons: [
      why === 'changed'
        ? reason(/*i18n*/ 'device.report.unsavedChanged', { section })
        : reason(/*i18n*/ 'device.report.unsavedLocked', { section, status: current.status }),
    ],
  });
}

// Readers

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as Refusal;

/** Every refusal on the device, newest first. */
export function refusals$(device: DeviceWithRefusals): Observable<Refusal[]> {
  return device.db.refusals.find({ sort: [{ at: 'desc' }] } as never).$.pipe(map((docs) => docs.map(plain)));
}

/** The refusals of one document, oldest first. */
export function refusalsOf$(
  device: DeviceWithRefusals,
  collection: CollectionName,
  docId: string,
): Observable<Refusal[]> {
  return device.db.refusals
    .find({ selector: { collectionName: collection, docId }, sort: [{ at: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map(plain)));
}

/** Letting a refusal go: what was typed in it is deleted from the device. */
export async function dismissRefusal(device: DeviceWithRefusals, id: string): Promise<void> {
  await (await device.db.refusals.findOne(id).exec())?.remove();
}

/**
 * The user's version as the object it was, or null when it is not one. `attempted` may break
 * the collection's schema (that is often why it was refused): readers check every field.
 */
export function attemptedOf(refusal: Pick<Refusal, 'attempted'>): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(refusal.attempted);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// A report's clashing sections, settled one by one

/** The sections of a report kept in a refusal, or null when it is not a report. */
export function attemptedSections(refusal: Pick<Refusal, 'attempted'>): ReportSections | null {
  const sections = attemptedOf(refusal)?.sections as Partial<ReportSections> | undefined;
  if (!sections || typeof sections !== 'object') return null;
  const text = Object.fromEntries(
    TEXT_SECTIONS.map((name) => [name, typeof sections[name] === 'string' ? sections[name] : '']),
  ) as Omit<ReportSections, 'objectives'>;
  return { ...text, objectives: Array.isArray(sections.objectives) ? sections.objectives : [] };
}

/** The report and the sections a refusal kept, or null when it is gone or holds no report. */
export async function refusedSections(
  device: DeviceWithRefusals,
  refusalId: string,
): Promise<{ docId: string; sections: ReportSections } | null> {
  const refusal = await device.db.refusals.findOne(refusalId).exec();
  const sections = refusal ? attemptedSections(refusal) : null;
  return refusal && sections ? { docId: refusal.docId, sections } : null;
}

function sameSection(a: ReportSections, b: ReportSections, name: SectionName): boolean {
  return JSON.stringify(a[name]) === JSON.stringify(b[name]);
}

/**
 * The sections of a refused version that still differ from the current report. When the refusal
 * names the sections that clashed (a two-device clash), only those: the other differences are
 * sections the other device changed alone, which merged cleanly.
 */
export function clashingSections(
  refusal: { attempted: string; fields?: readonly string[] },
  current: Report,
): SectionName[] {
  const other = attemptedSections(refusal);
  if (!other) return [];
  const named = CLASH_SECTIONS.filter((name) => refusal.fields?.includes(name));
  const candidates = named.length > 0 ? named : CLASH_SECTIONS;
  return candidates.filter((name) => !sameSection(other, current.sections, name));
}

/**
 * The expert has settled `section` of a refused version (used it, added it, or kept the current
 * text): it no longer counts as different, and once no section does, the refusal is deleted.
 */
export async function settleClash(
  device: DeviceWithReports,
  refusalId: string,
  section: SectionName,
): Promise<void> {
  const refusal = await device.db.refusals.findOne(refusalId).exec();
  if (!refusal) return;
  const report = await device.db.reports.findOne(refusal.docId).exec();
  if (!report) {
    await refusal.remove();
    return;
  }
  const current = report.toJSON() as Report;
  const sections = {
    ...(attemptedSections(refusal) ?? current.sections),
    [section]: current.sections[section],
  };
  const attempted = JSON.stringify({ ...(attemptedOf(refusal) ?? {}), sections });
  if (clashingSections({ attempted, fields: refusal.fields }, current).length === 0) await refusal.remove();
  else await refusal.incrementalPatch({ attempted });
}
