/**
 * Fail-safe for a tab that still runs older code after a newer version of the app, opened in
 * another tab, migrated the device database. RxDB migrates a collection into new storage and
 * empties the old one, but the older tab keeps its connection to the old storage: whatever it
 * writes there is never read again, so it would be lost without a word. Every write therefore
 * first checks that no collection of this database has a newer schema than this code knows, and
 * refuses with `NewerVersionError` if one has — the form keeps its input, and the tab reloads
 * onto the new version (src/features/pwa/UpdateBanner.tsx). Once the migration is done RxDB
 * closes the migrated collection in the older tab; that too marks the database as newer.
 */
import { getAllCollectionDocuments, type RxCollection, type RxDatabase } from 'rxdb';
import { newerDatabaseVersion$ } from './newer-database-version';

export { newerDatabaseVersion$ };

export const NEWER_VERSION_MESSAGE =
  'Fieldbook was updated in another tab; this tab must reload before it can save';

export class NewerVersionError extends Error {
  constructor(readonly collection: string) {
    super(NEWER_VERSION_MESSAGE);
    this.name = 'NewerVersionError';
  }
}

export interface CollectionVersion {
  name: string;
  version: number;
}

/** The first collection stored at a higher schema version than this code opened it with, or null. */
export function newerCollection(
  stored: readonly CollectionVersion[],
  own: ReadonlyMap<string, number>,
): string | null {
  const newer = stored.find(({ name, version }) => {
    const mine = own.get(name);
    return mine !== undefined && version > mine;
  });
  return newer?.name ?? null;
}

/** Adds the check to every write of every collection of `db`. */
export function refuseWritesOnceNewerVersion<C extends object>(db: RxDatabase<C>): void {
  const collections = Object.values(db.collections) as RxCollection[];
  const own = new Map(collections.map((collection) => [collection.name, collection.schema.version]));
  let newer: string | null = null;
  // Checks that come while a read is on its way share it: a bulk write of 10,000 documents runs
  // two hooks per document, and a read each would cost more than the write (issue 9).
  let reading: Promise<string | null> | null = null;
  const readNewer = async (): Promise<string | null> => {
    const stored = await getAllCollectionDocuments(db.internalStore);
    newer = newerCollection(
      stored.map((doc) => ({ name: doc.data.name, version: doc.data.version })),
      own,
    );
    if (newer !== null) newerDatabaseVersion$.next(true);
    return newer;
  };
  const findNewer = (): Promise<string | null> => {
    if (newer !== null) return Promise.resolve(newer);
    reading ??= readNewer().finally(() => (reading = null));
    return reading;
  };
  const check = async () => {
    const found = await findNewer();
    if (found !== null) throw new NewerVersionError(found);
  };
  for (const collection of collections) {
    collection.preInsert(check, false);
    collection.preSave(check, false);
    collection.preRemove(check, false);
    // Once more after the write, for a migration that began while it was on its way. (RxDB does
    // not wait for post-save hooks of partial updates, so an update relies on the check before.)
    collection.postInsert(check, false);
    collection.postRemove(check, false);
    // RxDB closes a collection here once another tab's migration finished with its storage; the
    // screens' next write then fails on the missing collection, and this tells them why.
    // (Signing out removes the database too: nothing newer is stored then.)
    collection.onRemove.push(async () => {
      if (!db.closed) await findNewer();
    });
  }
}
