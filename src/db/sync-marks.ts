/**
 * Which local changes the server has not got yet. For each document the device keeps a
 * fingerprint of the last server version it saw (pulled, streamed, or accepted on push); a
 * document whose current content differs from that fingerprint is a pending change. A local
 * deletion counts too: a tombstone here whose mark is of a live version.
 *
 * The device's pending set is kept up to date from change events, so the cost of a change does
 * not grow with the database (an officer's device holds the whole programme): the documents and
 * marks are read once, when the tracker starts, and after that every write costs one comparison.
 */
import { BehaviorSubject, distinctUntilChanged, filter, map, type Observable, type Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { COLLECTION_NAMES, type CollectionName, type ReplicatedCollectionName } from '../shared/schemas';
import { contentText, isDeletedContentText } from '../shared/sync/content';
import { markerOf } from '../shared/sync/revision';
import type { DeviceDatabase } from './database';
import { readStoredDocuments } from './live-documents';

/** What a mark keeps of a version: its user-visible content as text (src/shared/sync/content.ts). */
export function fingerprint(doc: object): string {
  return contentText(doc);
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

/**
 * Of these documents (live ones, as stored here), the ids whose content the server has not
 * confirmed: read from their marks directly, without the tracker. The service worker's sync uses
 * it too, and the tracker's start-up import cannot run there.
 */
export async function unconfirmedIds(
  device: DeviceDatabase,
  collection: CollectionName,
  docs: readonly object[],
): Promise<Set<string>> {
  const ids = docs.map((doc) => (doc as { id: string }).id);
  const marks = await device.db.sync_marks.findByIds(ids.map((id) => markId(collection, id))).exec();
  return new Set(
    docs
      .filter(
        (doc) => marks.get(markId(collection, (doc as { id: string }).id))?.fingerprint !== fingerprint(doc),
      )
      .map((doc) => (doc as { id: string }).id),
  );
}

export interface PendingChanges {
  count: number;
  /** Local write time of the oldest pending change, ms since epoch; null when none. */
  oldestAt: number | null;
}

export interface PendingDocument {
  collection: ReplicatedCollectionName;
  data: Record<string, unknown>;
}

/** What the tracker remembers of a document or a mark: a hash of its fingerprint, not the text. */
interface Seen {
  hash: string;
  deleted: boolean;
}
interface SeenDoc extends Seen {
  collection: ReplicatedCollectionName;
  docId: string;
  /** Local write time (RxDB's `_meta.lwt`). */
  writtenAt: number;
}

interface StoredDoc {
  id: string;
  _deleted: boolean;
  _meta: { lwt: number };
}

function seenOf(fingerprintText: string): Seen {
  return { hash: markerOf(fingerprintText), deleted: isDeletedContentText(fingerprintText) };
}

function isPending(doc: SeenDoc, mark: Seen | undefined): boolean {
  // A tombstone is pending only while the server still has the document live; a document deleted
  // before it ever reached the server has nothing to send.
  if (doc.deleted) return mark !== undefined && !mark.deleted;
  return mark?.hash !== doc.hash;
}

/**
 * The pending set of one device database, maintained from its change events (which include the
 * writes of other tabs and of the service worker). Started once per open database.
 */
class PendingTracker {
  private readonly docs = new Map<string, SeenDoc>();
  private readonly marks = new Map<string, Seen>();
  private readonly pending = new Map<string, SeenDoc>();
  private readonly changed$ = new BehaviorSubject<number>(0);
  private readonly subscriptions: Subscription[] = [];
  readonly ready: Promise<void>;

  constructor(private readonly device: DeviceDatabase) {
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    // Events that arrive during the first read are applied after it, in order; applying an
    // event twice is harmless, missing one is not.
    let buffered: (() => void)[] | null = [];
    const apply = (change: () => void) => {
      if (buffered) buffered.push(change);
      else {
        change();
        this.changed$.next(this.changed$.value + 1);
      }
    };
    // One bulk of events (a pulled batch, a bulk write) is applied as one change.
    for (const collection of COLLECTION_NAMES) {
      this.subscriptions.push(
        (this.device.db[collection] as RxCollection).eventBulks$.subscribe((bulk) =>
          apply(() => {
            for (const event of bulk.events)
              this.seeDoc(collection, event.documentData as unknown as StoredDoc);
          }),
        ),
      );
    }
    this.subscriptions.push(
      this.device.db.sync_marks.eventBulks$.subscribe((bulk) =>
        apply(() => {
          for (const event of bulk.events) {
            const mark = event.documentData as unknown as { fingerprint: string; _deleted: boolean };
            this.seeMark(event.documentId, mark._deleted ? null : mark.fingerprint);
          }
        }),
      ),
    );
    for (const collection of COLLECTION_NAMES) {
      await this.readAll(this.device.db[collection] as RxCollection, (doc) =>
        this.seeDoc(collection, doc as StoredDoc),
      );
    }
    await this.readAll(this.device.db.sync_marks as RxCollection, (mark) => {
      const {
        id,
        fingerprint: text,
        _deleted,
      } = mark as { id: string; fingerprint: string; _deleted: boolean };
      this.seeMark(id, _deleted ? null : text);
    });
    for (const change of buffered) change();
    buffered = null;
    this.changed$.next(this.changed$.value + 1);
  }

  /** Every stored document, tombstones included, straight from storage (no RxDocuments). */
  private async readAll(collection: RxCollection, see: (doc: unknown) => void): Promise<void> {
    (await readStoredDocuments(collection)).forEach(see);
  }

  private seeDoc(collection: ReplicatedCollectionName, doc: StoredDoc): void {
    const id = markId(collection, doc.id);
    const seen: SeenDoc = {
      ...seenOf(fingerprint(doc)),
      collection,
      docId: doc.id,
      writtenAt: doc._meta.lwt,
    };
    this.docs.set(id, seen);
    this.judge(id);
  }

  private seeMark(id: string, text: string | null): void {
    if (text === null) this.marks.delete(id);
    else this.marks.set(id, seenOf(text));
    this.judge(id);
  }

  private judge(id: string): void {
    const doc = this.docs.get(id);
    if (doc && isPending(doc, this.marks.get(id))) this.pending.set(id, doc);
    else this.pending.delete(id);
  }

  /** Emits after the first read and after every change that may have changed the set. */
  pendingDocs$(): Observable<readonly SeenDoc[]> {
    return this.changed$.pipe(
      filter((version) => version > 0),
      map(() => [...this.pending.values()]),
    );
  }

  async pendingNow(): Promise<readonly SeenDoc[]> {
    await this.ready;
    return [...this.pending.values()];
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }
}

const trackers = new WeakMap<DeviceDatabase['db'], PendingTracker>();

function trackerOf(device: DeviceDatabase): PendingTracker {
  let tracker = trackers.get(device.db);
  if (!tracker) {
    const created = new PendingTracker(device);
    tracker = created;
    trackers.set(device.db, created);
    device.db.onClose.push(() => created.stop());
  }
  return tracker;
}

export function pendingChanges$(device: DeviceDatabase): Observable<PendingChanges> {
  return trackerOf(device)
    .pendingDocs$()
    .pipe(
      map((docs) => {
        let oldestAt: number | null = null;
        for (const doc of docs)
          oldestAt = oldestAt === null ? doc.writtenAt : Math.min(oldestAt, doc.writtenAt);
        return { count: docs.length, oldestAt };
      }),
      distinctUntilChanged((a, b) => a.count === b.count && a.oldestAt === b.oldestAt),
    );
}

/** Ids of the documents of one collection changed here that the server has not confirmed yet. */
export function pendingIds$(
  device: DeviceDatabase,
  collection: CollectionName,
): Observable<ReadonlySet<string>> {
  return trackerOf(device)
    .pendingDocs$()
    .pipe(
      map((docs) => new Set(docs.filter((doc) => doc.collection === collection).map((doc) => doc.docId))),
      distinctUntilChanged((a, b) => a.size === b.size && [...a].every((id) => b.has(id))),
    );
}

/** The documents changed here that the server has not got yet (deletions aside), read once. */
export async function pendingDocuments(device: DeviceDatabase): Promise<PendingDocument[]> {
  const pending = await trackerOf(device).pendingNow();
  const documents: PendingDocument[] = [];
  for (const collection of COLLECTION_NAMES) {
    const ids = pending
      .filter((doc) => doc.collection === collection && !doc.deleted)
      .map((doc) => doc.docId);
    if (ids.length === 0) continue;
    const found = await (device.db[collection] as RxCollection).findByIds(ids).exec();
    for (const doc of found.values())
      documents.push({ collection, data: doc.toJSON() as Record<string, unknown> });
  }
  return documents;
}
