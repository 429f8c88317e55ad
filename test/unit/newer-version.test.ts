/**
 * An older tab next to a database a newer version migrated: which collection gives it away, and
 * every kind of write it then refuses. (Two real tabs and RxDB's migration:
 * test/e2e/multi-tab-update.test.ts.)
 */
import {
  getAllCollectionDocuments,
  getDefaultRevision,
  getPrimaryKeyOfInternalDocument,
  now,
  writeSingle,
} from 'rxdb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteLog, saveLog, type LogInput } from '../../src/db/logs';
import { newerCollection, newerDatabaseVersion$, NewerVersionError } from '../../src/db/newer-version';
import { openTestDevice, type TestDevice } from '../helpers/devices';

const own = new Map([
  ['logs', 0],
  ['reports', 1],
]);

describe('newerCollection', () => {
  it('names a collection stored at a higher schema version than this code knows', () => {
    expect(
      newerCollection(
        [
          { name: 'reports', version: 1 },
          { name: 'logs', version: 1 },
        ],
        own,
      ),
    ).toBe('logs');
  });

  it('sees a newer version while the older one is still stored (a migration under way)', () => {
    expect(
      newerCollection(
        [
          { name: 'logs', version: 0 },
          { name: 'logs', version: 1 },
        ],
        own,
      ),
    ).toBe('logs');
  });

  it('is null when every collection is at this code’s version or older', () => {
    expect(
      newerCollection(
        [
          { name: 'logs', version: 0 },
          { name: 'reports', version: 0 },
          { name: 'reports', version: 1 },
        ],
        own,
      ),
    ).toBeNull();
  });

  it('ignores collections this code does not open', () => {
    expect(newerCollection([{ name: 'photos', version: 3 }], own)).toBeNull();
  });
});

describe('a device database that a newer version of the app opened', () => {
  const log: LogInput = {
    id: 'log-1',
    assignmentId: 'assignment-1',
    date: '2026-11-02',
    hours: 6,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Borehole visit',
    ktActivities: [],
    notes: '',
  };
  let tablet: TestDevice | undefined;
  afterEach(async () => {
    await tablet?.close();
    newerDatabaseVersion$.next(false);
  });

  const waitFor = (condition: () => boolean) => vi.waitFor(() => expect(condition()).toBe(true));

  /** What a newer version's `addCollections` leaves in the internal store: logs at version 1. */
  async function newerVersionOpensLogs(device: TestDevice): Promise<void> {
    const internalStore = device.device.db.internalStore;
    const logsMeta = (await getAllCollectionDocuments(internalStore)).find(
      (doc) => doc.data.name === 'logs',
    )!;
    await writeSingle(
      internalStore,
      {
        document: {
          ...logsMeta,
          id: getPrimaryKeyOfInternalDocument('logs-1', 'collection'),
          key: 'logs-1',
          data: { ...logsMeta.data, version: 1 },
          _rev: getDefaultRevision(),
          _meta: { lwt: now() },
        },
      },
      'test-newer-version',
    );
  }

  it('says so when RxDB closes the collection that the newer version finished migrating', async () => {
    tablet = await openTestDevice('user-expert1', 'http://unused.test');
    await newerVersionOpensLogs(tablet);
    const internalStore = tablet.device.db.internalStore;
    const logsZero = (await getAllCollectionDocuments(internalStore)).find((doc) => doc.key === 'logs-0')!;
    // The end of a migration: the old version's entry for the collection is deleted.
    await writeSingle(
      internalStore,
      { previous: logsZero, document: { ...logsZero, _deleted: true, _meta: { lwt: now() } } },
      'test-migration-done',
    );
    await waitFor(() => newerDatabaseVersion$.value);
    expect(tablet.device.db.collections.logs).toBeUndefined();
  });

  it('checks a bulk write with a few reads of the database’s own records, not two per document', async () => {
    tablet = await openTestDevice('user-expert1', 'http://unused.test');
    const internalStore = tablet.device.db.internalStore;
    const query = vi.spyOn(internalStore, 'query');
    await tablet.device.db.logs.bulkInsert(
      Array.from({ length: 200 }, (_, i) => ({
        ...log,
        id: `log-bulk-${i}`,
        updatedAt: '2026-11-02T10:00:00.000Z',
      })),
    );
    expect(await tablet.device.db.logs.count().exec()).toBe(200);
    expect(query.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('refuses every write of the older code, keeps what is stored, and says so', async () => {
    tablet = await openTestDevice('user-expert1', 'http://unused.test');
    await saveLog(tablet.device, log);
    expect(newerDatabaseVersion$.value).toBe(false);

    await newerVersionOpensLogs(tablet);

    await expect(saveLog(tablet.device, { ...log, id: 'log-2' })).rejects.toBeInstanceOf(NewerVersionError);
    await expect(
      saveLog(tablet.device, { ...log, activities: 'Edited in the old tab' }),
    ).rejects.toBeInstanceOf(NewerVersionError);
    await expect(deleteLog(tablet.device, log.id)).rejects.toBeInstanceOf(NewerVersionError);
    // Not only the migrated collection: this code must not write anywhere any more.
    await expect(
      tablet.device.db.sync_marks.insert({ id: 'logs:log-1', fingerprint: 'x' }),
    ).rejects.toBeInstanceOf(NewerVersionError);
    expect(newerDatabaseVersion$.value).toBe(true);
    expect((await tablet.device.db.logs.findOne(log.id).exec())?.activities).toBe('Borehole visit');
    expect(await tablet.device.db.logs.findOne('log-2').exec()).toBeNull();
  });
});
