/**
 * A backup file of the changes the server has not got yet, for a phone that stays offline for
 * days: if it is lost or reset, the file (saved elsewhere, e.g. sent to oneself) brings the work
 * back on another device, which then syncs it.
 */
import { RefusedError, reason, type Reason } from '../shared/reasons';
import {
  isReplicatedCollectionName,
  SERVER_OWNED_FIELDS,
  type ReplicatedCollectionName,
} from '../shared/schemas';
import { isDeletedContentText, sameContent } from '../shared/sync/content';
import { mergeThreeWay } from '../shared/sync/merge';
import type { DeviceDatabase } from './database';
import { keepClash } from './refusals';
import { fingerprint, pendingDocuments } from './sync-marks';

export const BACKUP_FORMAT = 'fieldbook-backup';
/** 2: with the server version each change was made on. 1 (read still): without. */
export const BACKUP_VERSION = 2;

type Doc = Record<string, unknown>;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  userId: string;
  createdAt: string;
  documents: Partial<Record<ReplicatedCollectionName, Doc[]>>;
  /**
   * Per collection and id, the content of the server version the change was made on (null for a
   * document the server had never had), so a restore can tell what changed on the server since.
   */
  bases?: Partial<Record<ReplicatedCollectionName, Record<string, Doc | null>>>;
}

export class BackupError extends RefusedError {
  override name = 'BackupError';
}

async function markOf(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  id: string,
): Promise<string | undefined> {
  return (await device.db.sync_marks.findOne(`${collection}:${id}`).exec())?.fingerprint;
}

/** The user's documents whose content differs from the last server version seen. */
export async function createBackup(device: DeviceDatabase, now: Date = new Date()): Promise<BackupFile> {
  const documents: BackupFile['documents'] = {};
  const bases: NonNullable<BackupFile['bases']> = {};
  for (const { collection, data } of await pendingDocuments(device)) {
    (documents[collection] ??= []).push(data);
    // A mark is the canonical JSON of the version's content (sync-marks.ts).
    const mark = await markOf(device, collection, String(data.id));
    (bases[collection] ??= {})[String(data.id)] = mark ? (JSON.parse(mark) as Doc) : null;
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    userId: device.userId,
    createdAt: now.toISOString(),
    documents,
    bases,
  };
}

export function backupFileName(backup: BackupFile): string {
  return `fieldbook-backup-${backup.createdAt.slice(0, 16).replace(/[:T]/g, '-')}.json`;
}

export interface RestoreResult {
  /** Written as local changes (merged with what changed on the server since, for logs). */
  restored: number;
  /**
   * Not written because this phone or the server changed the document since: the backup's
   * version is kept aside with the reason, for the user to choose or re-enter.
   */
  refused: number;
}

/**
 * Puts a backup's documents back as local changes, never over newer work. A document this
 * device changed itself since its last sync keeps that change. One the server changed since
 * the backup's change was made merges with it where it can (logs, field by field); the rest of
 * the backup's version is kept as a refusal with the reason, like a clash at sync (SP-3).
 */
export async function restoreBackup(device: DeviceDatabase, text: string): Promise<RestoreResult> {
  const backup = parseBackup(text, device.userId);
  const result: RestoreResult = { restored: 0, refused: 0 };
  for (const [collection, docs] of Object.entries(backup.documents)) {
    if (!isReplicatedCollectionName(collection) || !Array.isArray(docs)) {
      throw new BackupError(reason(/*i18n*/ 'device.backup.unknownKind', { collection }));
    }
    for (const doc of docs as Doc[]) {
      const outcome = await restoreOne(device, collection, doc, backup.bases?.[collection]);
      result[outcome] += 1;
    }
  }
  return result;
}

function parseBackup(text: string, userId: string): BackupFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError(reason(/*i18n*/ 'device.backup.notJson'));
  }
  const backup = parsed as Partial<BackupFile> & { version?: unknown };
  if (backup?.format !== BACKUP_FORMAT || typeof backup.documents !== 'object' || !backup.documents) {
    throw new BackupError(reason(/*i18n*/ 'device.backup.notBackup'));
  }
  if (backup.version !== BACKUP_VERSION && backup.version !== 1) {
    throw new BackupError(reason(/*i18n*/ 'device.backup.otherVersion', { format: String(backup.version) }));
  }
  if (backup.userId !== userId) {
    throw new BackupError(reason(/*i18n*/ 'device.backup.otherUser'));
  }
  return backup as BackupFile;
}

async function restoreOne(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  doc: Doc,
  bases: Record<string, Doc | null> | undefined,
): Promise<keyof RestoreResult> {
  const id = String(doc.id);
  const local = await device.db[collection].findOne(id).exec();
  const refused = async (why: Reason, fields: string[] = []) => {
    await keepClash(device.db, { collection, docId: id, attempted: doc, fields, reasons: [why] });
    return 'refused' as const;
  };
  if (!local) {
    // Gone here but known to the server: deleted on this phone since, or on the server. A
    // deletion is never undone by a restore; the backup's version waits for the user.
    const mark = await markOf(device, collection, id);
    if (mark === undefined) return write(device, collection, doc);
    return refused(
      isDeletedContentText(mark)
        ? reason(/*i18n*/ 'device.backup.deletedOnServer')
        : reason(/*i18n*/ 'device.backup.deletedHere'),
    );
  }
  const localData = local.toJSON() as Doc;
  if (sameContent(localData, doc)) return 'restored';
  if ((await markOf(device, collection, id)) !== fingerprint(localData)) {
    return refused(reason(/*i18n*/ 'device.backup.unsyncedHere'));
  }
  // Older files, and changes to documents the old phone had never synced, have no base.
  const base = bases?.[id];
  if (base && sameContent(base, localData)) return write(device, collection, doc);
  if (base && collection === 'logs') {
    const { merged, clashes } = mergeThreeWay(base, doc, localData, SERVER_OWNED_FIELDS);
    await write(device, collection, merged);
    if (clashes.length === 0) return 'restored';
    return refused(reason(/*i18n*/ 'device.backup.fieldsChanged', { fields: clashes.join(', ') }), clashes);
  }
  return refused(reason(/*i18n*/ 'device.backup.changedOnServer'));
}

async function write(
  device: DeviceDatabase,
  collection: ReplicatedCollectionName,
  doc: Doc,
): Promise<'restored'> {
  try {
    await (device.db[collection] as unknown as { upsert(doc: unknown): Promise<unknown> }).upsert(doc);
  } catch {
    throw new BackupError(reason(/*i18n*/ 'device.backup.damaged', { collection }));
  }
  return 'restored';
}
