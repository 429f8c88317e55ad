/** Reading and writing daily logs and assignments on the device. */
import { map, type Observable } from 'rxjs';
import { SERVER_OWNED_FIELDS, type Assignment, type DailyLog } from '../shared/schemas';
import { logMoveRefusal } from '../shared/rules/log-rules';
import { RefusedError, reason } from '../shared/reasons';
import { mergeThreeWay } from '../shared/sync/merge';
import type { DeviceDatabase } from './database';
import { keepClash } from './refusals';

export type LogInput = Omit<DailyLog, 'authorId' | 'createdAt' | 'updatedAt'>;

export function newDocumentId(): string {
  return crypto.randomUUID();
}

export function assignments$(device: DeviceDatabase): Observable<Assignment[]> {
  return device.db.assignments
    .find({ sort: [{ startDate: 'desc' }] } as never)
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Assignment)));
}

export function assignment$(device: DeviceDatabase, id: string): Observable<Assignment | null> {
  return device.db.assignments.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as Assignment) : null)));
}

/** Newest first. */
export function logsOfAssignment$(device: DeviceDatabase, assignmentId: string): Observable<DailyLog[]> {
  return device.db.logs
    .find({ selector: { assignmentId }, sort: [{ date: 'desc' }, { id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as DailyLog)));
}

export function log$(device: DeviceDatabase, id: string): Observable<DailyLog | null> {
  return device.db.logs.findOne(id).$.pipe(map((doc) => (doc ? (doc.toJSON() as DailyLog) : null)));
}

export interface OtherLogsOnDate {
  logs: number;
  hours: number;
}

/**
 * The user's other logs of `date` on this device and their hours, for the 24-hour and
 * logs-per-day rules. The device holds only the expert's own logs, of all their assignments.
 */
export async function otherLogsOnDate(
  device: DeviceDatabase,
  date: string,
  excludeId: string,
): Promise<OtherLogsOnDate> {
  const docs = (await device.db.logs.find({ selector: { date } } as never).exec()).filter(
    (doc) => doc.primary !== excludeId,
  );
  return { logs: docs.length, hours: docs.reduce((sum, doc) => sum + doc.hours, 0) };
}

/** Why an edit typed here and never saved cannot be saved any more: its log is gone, or locked. */
export const STRANDED_DELETED = reason(/*i18n*/ 'device.log.strandedDeleted');
export const STRANDED_LOCKED = reason(/*i18n*/ 'device.log.strandedLocked');

/** The server's refusal of a log moved to another assignment, given before it is written. */
function refuseMove(existing: { assignmentId: string } | null, input: LogInput): void {
  const moved = logMoveRefusal(existing ?? undefined, input);
  if (moved) throw new RefusedError(moved.reasons);
}

export async function saveLog(device: DeviceDatabase, input: LogInput): Promise<void> {
  const existing = await device.db.logs.findOne(input.id).exec();
  refuseMove(existing, input);
  if (existing) await existing.incrementalPatch(input);
  else await device.db.logs.insert(input);
}

/**
 * Saves an edit the user began on `base`. What changed meanwhile on this device (a sync brought
 * another device's change, another tab saved) is kept: only the fields the user changed are
 * written. Where both changed a field the current value stays and the user's version is set
 * aside with the reason, as for a clash at the server (SP-3). Returns the clashing fields.
 */
export async function saveLogEdit(
  device: DeviceDatabase,
  base: LogInput | null,
  input: LogInput,
): Promise<string[]> {
  const existing = await device.db.logs.findOne(input.id).exec();
  refuseMove(existing, input);
  if (!existing || !base) {
    await saveLog(device, input);
    return [];
  }
  const current = existing.toJSON() as DailyLog;
  const { merged, clashes } = mergeThreeWay<LogInput>(base, input, current, SERVER_OWNED_FIELDS);
  const patch = Object.fromEntries(Object.keys(input).map((key) => [key, merged[key as keyof LogInput]]));
  await existing.incrementalPatch(patch as Partial<LogInput>);
  if (clashes.length > 0) {
    await keepClash(device.db, {
      collection: 'logs',
      docId: input.id,
      attempted: input,
      fields: clashes,
      reasons: [reason(/*i18n*/ 'device.log.changedWhileEditing', { fields: clashes.join(', ') })],
    });
  }
  return clashes;
}

export async function deleteLog(device: DeviceDatabase, id: string): Promise<void> {
  const existing = await device.db.logs.findOne(id).exec();
  // Incremental: a sync may write the document (server stamps) between the read and the removal.
  await existing?.incrementalRemove();
}
