/**
 * Which local changes the server has not got yet. For each document the device keeps a
 * fingerprint of the last server version it saw (pulled, streamed, or accepted on push); a
 * document whose current content differs from that fingerprint is a pending change. Deletions
 * count too: a mark of a live version whose document is gone locally is a pending deletion.
 */
import { combineLatest, firstValueFrom, map, type Observable } from 'rxjs';
import type { RxDocument } from 'rxdb';
import { COLLECTION_NAMES, SERVER_OWNED_FIELDS, type CollectionName } from '../shared/schemas';
import { canonicalJson, clientView } from '../shared/sync/merge';
import type { DeviceDatabase } from './database';
import type { SyncMark } from './local-schemas';

/** The user-visible content of a document: no RxDB meta, no server stamps, with its deletion. */
export function fingerprint(doc: object): string {
  const record = doc as Record<string, unknown>;
  const plain: Record<string, unknown> = { _deleted: record._deleted === true };
  for (const [key, value] of Object.entries(record)) if (!key.startsWith('_')) plain[key] = value;
  return canonicalJson(clientView(plain, SERVER_OWNED_FIELDS));
}

function markId(collection: CollectionName, docId: string): string {
  return `${collection}:${docId}`;
}

export async function recordServerVersions(
  device: DeviceDatabase,
  collection: CollectionName,
  docs: readonly object[],
): Promise<void> {
  if (docs.length === 0) return;
  await device.db.sync_marks.bulkUpsert(
    docs.map((doc) => ({
      id: markId(collection, (doc as { id: string }).id),
      fingerprint: fingerprint(doc),
    })),
  );
}

export interface PendingChanges {
  count: number;
  /** Local write time of the oldest pending change, ms since epoch; null when none. */
  oldestAt: number | null;
}

interface TrackedDoc {
  collection: CollectionName;
  doc: RxDocument<object>;
}

export interface PendingDocument {
  collection: CollectionName;
  data: Record<string, unknown>;
}

/** The comparison behind both the live count and the backup file. */
function pendingOf(tracked: readonly TrackedDoc[], marks: readonly SyncMark[]) {
  const markById = new Map(marks.map((mark) => [mark.id, mark.fingerprint]));
  const documents: PendingDocument[] = [];
  let oldestAt: number | null = null;
  const present = new Set<string>();
  for (const { collection, doc } of tracked) {
    const id = markId(collection, doc.primary);
    present.add(id);
    const data = doc.toJSON() as Record<string, unknown>;
    if (markById.get(id) === fingerprint(data)) continue;
    documents.push({ collection, data });
    const writtenAt = doc.toJSON(true)._meta.lwt;
    oldestAt = oldestAt === null ? writtenAt : Math.min(oldestAt, writtenAt);
  }
  // A mark of a live version whose document is gone here: a deletion not yet on the server.
  let deletions = 0;
  for (const [id, mark] of markById) {
    if (!present.has(id) && !mark.startsWith('{"_deleted":true')) deletions += 1;
  }
  return { documents, count: documents.length + deletions, oldestAt };
}

function trackedDocs$(device: DeviceDatabase): Observable<TrackedDoc[]> {
  const docs$ = COLLECTION_NAMES.map((collection) =>
    (device.db[collection].find().$ as Observable<RxDocument<object>[]>).pipe(
      map((docs) => docs.map((doc) => ({ collection, doc }))),
    ),
  );
  return combineLatest(docs$).pipe(map((perCollection) => perCollection.flat()));
}

export function pendingChanges$(device: DeviceDatabase): Observable<PendingChanges> {
  return combineLatest([trackedDocs$(device), device.db.sync_marks.find().$]).pipe(
    map(([tracked, marks]) => {
      const { count, oldestAt } = pendingOf(tracked, marks);
      return { count, oldestAt };
    }),
  );
}

/** The documents changed here that the server has not got yet (deletions aside), read once. */
export async function pendingDocuments(device: DeviceDatabase): Promise<PendingDocument[]> {
  const [tracked, marks] = await Promise.all([
    firstValueFrom(trackedDocs$(device)),
    device.db.sync_marks.find().exec(),
  ]);
  return pendingOf(tracked, marks).documents;
}
