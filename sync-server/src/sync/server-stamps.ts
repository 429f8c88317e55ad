/**
 * The fields the server stamps on every write (SERVER_OWNED_FIELDS, SP-3): a device's values
 * there are ignored, and the pushing device learns the stamped ones from the answer (SP-13).
 */
import {
  COLLECTION_SCHEMAS,
  SERVER_OWNED_FIELDS,
  type CollectionDocs,
  type CollectionName,
} from '../../../src/shared/schemas';
import { same } from '../../../src/shared/sync/merge';
import type { AcceptedRow, SyncDocument } from '../../../src/shared/sync/protocol';
import type { StoredDocument } from '../storage/types';
import type { HistoryEntry, PushActor } from './policy';

/**
 * authorId is the first pusher's and createdAt the first write's; updatedAt is every write's.
 * A timesheet's or report's history only grows: the entry of this decision goes after the stored
 * ones (TS-5, RP-6).
 */
export function stampServerFields<K extends CollectionName>(
  collection: K,
  data: CollectionDocs[K],
  current: StoredDocument | undefined,
  { user, now }: PushActor,
  historyEntry: HistoryEntry | null,
): CollectionDocs[K] {
  const previous = current?.data as Record<string, unknown> | undefined;
  const nowIso = now.toISOString();
  const values: Record<(typeof SERVER_OWNED_FIELDS)[number], unknown> = {
    authorId: previous?.authorId ?? user.id,
    createdAt: previous?.createdAt ?? nowIso,
    updatedAt: nowIso,
    history: [
      ...((previous?.history as HistoryEntry[] | undefined) ?? []),
      ...(historyEntry ? [historyEntry] : []),
    ],
  };
  const stamped: Record<string, unknown> = { ...data };
  const properties = COLLECTION_SCHEMAS[collection].properties as Record<string, unknown>;
  for (const field of SERVER_OWNED_FIELDS) {
    if (field in properties) stamped[field] = values[field];
  }
  return stamped as CollectionDocs[K];
}

/** Whether the device's copy carries the server-stamped fields exactly as the server holds them. */
export function sameServerStamps(current: SyncDocument, sent: SyncDocument): boolean {
  const stamps = (doc: SyncDocument) => {
    const record = doc as unknown as Record<string, unknown>;
    return SERVER_OWNED_FIELDS.map((field) => record[field]);
  };
  return same(stamps(current), stamps(sent));
}

/** The server-owned fields of `stored` that `sent` does not carry as stored (SP-13). */
export function stampsLacking(sent: SyncDocument, stored: SyncDocument): Omit<AcceptedRow, 'seq'> {
  const sentRecord = sent as unknown as Record<string, unknown>;
  const storedRecord = stored as unknown as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const field of SERVER_OWNED_FIELDS) {
    if (same(sentRecord[field], storedRecord[field])) continue;
    if (storedRecord[field] === undefined) unset.push(field);
    else set[field] = storedRecord[field];
  }
  return { id: stored.id, set, ...(unset.length > 0 ? { unset } : {}) };
}
