/**
 * Every live document of a collection as plain data, kept in memory from the collection's change
 * events: read once straight from storage (no RxDocuments), after which a write costs one map
 * update. For screens that need all of an officer's ~20,000 documents at once (the dashboard):
 * a query would build and copy every document again on each change.
 */
import { Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';

const READ_BATCH = 2_000;

export interface StoredDoc {
  id: string;
  _deleted: boolean;
}

/** What RxDB's Dexie storage keeps behind `storageInstance.internals`. */
interface DexieInternals {
  dexieTable: { toArray(): Promise<unknown[]> };
  booleanIndexes: string[];
}

function isDexie(internals: unknown): internals is DexieInternals {
  const table = (internals as Partial<DexieInternals> | null)?.dexieTable;
  return typeof table?.toArray === 'function';
}

/**
 * Every stored document, tombstones included, as plain data. On Dexie one `getAll` of the table:
 * RxDB's own reads walk an IndexedDB cursor, one round trip per document, which took most of the
 * 12 s an officer's dashboard needed on a slow phone (issue 10), and of the pending set's first
 * read (sync-marks.ts). Other storages (tests, the bench) read in batches.
 */
export async function readStoredDocuments(
  collection: RxCollection,
  stopped: () => boolean = () => false,
): Promise<StoredDoc[]> {
  const internals: unknown = await collection.storageInstance.internals;
  if (isDexie(internals)) {
    const [{ fromDexieToStorage }, rows] = await Promise.all([
      import('rxdb/plugins/storage-dexie'),
      internals.dexieTable.toArray(),
    ]);
    return rows.map((row) => fromDexieToStorage(internals.booleanIndexes, row) as StoredDoc);
  }
  const { getChangedDocumentsSince } = await import('rxdb');
  const docs: StoredDoc[] = [];
  let checkpoint: unknown;
  for (;;) {
    const batch = await getChangedDocumentsSince(collection.storageInstance, READ_BATCH, checkpoint as never);
    if (stopped()) return docs;
    docs.push(...(batch.documents as unknown as StoredDoc[]));
    if (batch.documents.length < READ_BATCH) return docs;
    checkpoint = batch.checkpoint;
  }
}

export function liveDocuments$<T>(collection: RxCollection): Observable<readonly T[]> {
  return new Observable<readonly T[]>((subscriber) => {
    const docs = new Map<string, T>();
    const see = (doc: StoredDoc) => {
      if (doc._deleted) docs.delete(doc.id);
      else docs.set(doc.id, doc as unknown as T);
    };
    // Events during the first read are applied after it, in order: applying one twice is
    // harmless, missing one is not.
    let buffered: StoredDoc[][] | null = [];
    const events = collection.eventBulks$.subscribe((bulk) => {
      const changed = bulk.events.map((event) => event.documentData as unknown as StoredDoc);
      if (buffered) buffered.push(changed);
      else {
        changed.forEach(see);
        subscriber.next([...docs.values()]);
      }
    });
    let stopped = false;
    void (async () => {
      const stored = await readStoredDocuments(collection, () => stopped);
      if (stopped) return;
      stored.forEach(see);
      for (const changed of buffered ?? []) changed.forEach(see);
      buffered = null;
      subscriber.next([...docs.values()]);
    })().catch((error: unknown) => subscriber.error(error));
    return () => {
      stopped = true;
      events.unsubscribe();
    };
  });
}
