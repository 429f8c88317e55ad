/**
 * What this device wrote and the server stored as sent (SP-13), kept to recognise a version older
 * than it. The server never sends the device its own write, so nothing would ever correct a copy
 * that an older server version overwrote: a pull page or stream event fetched before the push was
 * stored but handled after it (RxDB's downstream sees the copy equal to the last server version it
 * knows, and takes the page's version). Every row a page or event holds has a seq at or below its
 * checkpoint, and the server holds one row per document, so a document in it whose own write has a
 * higher seq is that older version: the device's own version takes its place (same page length,
 * which RxDB reads as "more to pull").
 */
import type { SyncDocument } from '../shared/sync/protocol';

/** Writes older than this no response still in flight can predate. */
const KEEP_MS = 15 * 60_000;
/** At most this many remembered; the oldest go first. */
const MAX_ENTRIES = 5_000;

interface OwnWrite {
  seq: number;
  version: SyncDocument;
  at: number;
}

export class OwnWrites {
  private readonly writes = new Map<string, OwnWrite>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The server stored `version` of a document of `collection` at `seq`, as this device sent it. */
  record(collection: string, version: SyncDocument, seq: number): void {
    const key = `${collection}/${version.id}`;
    this.writes.delete(key);
    this.writes.set(key, { seq, version, at: this.now() });
    this.prune();
  }

  /** `documents` of a page or event with `checkpointSeq`, each older version replaced by this device's. */
  newest<T extends SyncDocument>(collection: string, documents: T[], checkpointSeq: number | undefined): T[] {
    if (this.writes.size === 0 || checkpointSeq === undefined) return documents;
    return documents.map((doc) => {
      const own = this.writes.get(`${collection}/${doc.id}`);
      return own && own.seq > checkpointSeq ? (own.version as T) : doc;
    });
  }

  private prune(): void {
    const oldest = this.now() - KEEP_MS;
    for (const [key, write] of this.writes) {
      if (this.writes.size <= MAX_ENTRIES && write.at >= oldest) break;
      this.writes.delete(key);
    }
  }
}
