/**
 * A backup file of the changes the server has not got yet, for a phone that stays offline for
 * days: if it is lost or reset, the file (saved elsewhere, e.g. sent to oneself) brings the work
 * back on another device, which then syncs it.
 */
import { isCollectionName, type CollectionName } from '../shared/schemas';
import type { DeviceDatabase } from './database';
import { fingerprint, pendingDocuments } from './sync-marks';

export const BACKUP_FORMAT = 'fieldbook-backup';
export const BACKUP_VERSION = 1;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  userId: string;
  createdAt: string;
  documents: Partial<Record<CollectionName, Record<string, unknown>[]>>;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

async function markOf(
  device: DeviceDatabase,
  collection: CollectionName,
  id: string,
): Promise<string | undefined> {
  return (await device.db.sync_marks.findOne(`${collection}:${id}`).exec())?.fingerprint;
}

/** The user's documents whose content differs from the last server version seen. */
export async function createBackup(device: DeviceDatabase, now: Date = new Date()): Promise<BackupFile> {
  const documents: BackupFile['documents'] = {};
  for (const { collection, data } of await pendingDocuments(device)) {
    (documents[collection] ??= []).push(data);
  }
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    userId: device.userId,
    createdAt: now.toISOString(),
    documents,
  };
}

export function backupFileName(backup: BackupFile): string {
  return `fieldbook-backup-${backup.createdAt.slice(0, 16).replace(/[:T]/g, '-')}.json`;
}

export interface RestoreResult {
  restored: number;
  /** Changed on this device too since: the device's own version is kept. */
  keptLocal: number;
}

/**
 * Puts a backup's documents back as local changes. A document this device has changed itself
 * since its last sync is left alone: that is the newer work.
 */
export async function restoreBackup(device: DeviceDatabase, text: string): Promise<RestoreResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BackupError('This file is not a Fieldbook backup (it is not JSON).');
  }
  const backup = parsed as Partial<BackupFile>;
  if (backup?.format !== BACKUP_FORMAT || typeof backup.documents !== 'object' || !backup.documents) {
    throw new BackupError('This file is not a Fieldbook backup.');
  }
  if (backup.version !== BACKUP_VERSION) {
    throw new BackupError(
      `This backup was made by another version of Fieldbook (format ${String(backup.version)}).`,
    );
  }
  if (backup.userId !== device.userId) {
    throw new BackupError('This backup belongs to another user. Sign in as that user to restore it.');
  }
  const result: RestoreResult = { restored: 0, keptLocal: 0 };
  for (const [collection, docs] of Object.entries(backup.documents)) {
    if (!isCollectionName(collection) || !Array.isArray(docs)) {
      throw new BackupError(`The backup holds an unknown kind of data (“${collection}”).`);
    }
    for (const doc of docs as Record<string, unknown>[]) {
      const id = String(doc.id);
      const local = await device.db[collection].findOne(id).exec();
      const localData = local?.toJSON() as Record<string, unknown> | undefined;
      if (localData && (await markOf(device, collection, id)) !== fingerprint(localData)) {
        result.keptLocal += 1;
        continue;
      }
      try {
        await (device.db[collection] as unknown as { upsert(doc: unknown): Promise<unknown> }).upsert(doc);
      } catch {
        throw new BackupError(`The backup is damaged: a ${collection.replace(/s$/, '')} could not be read.`);
      }
      result.restored += 1;
    }
  }
  return result;
}
