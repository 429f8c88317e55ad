/**
 * The dashboard's live copy of a collection (src/db/live-documents.ts): what storage holds at the
 * start, then every insert, change and deletion, without querying again.
 */
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { firstValueFrom, filter } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxCollection } from 'rxdb';
import { openUserDatabase, type DeviceDatabase } from '../../src/db/database';
import { liveDocuments$ } from '../../src/db/live-documents';
import type { Report } from '../../src/shared/schemas';

let device: DeviceDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  device = await openUserDatabase(`live-${counter}`, {
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
  });
});
afterEach(() => device.db.remove());

const report = (id: string, status: Report['status'] = 'draft') =>
  ({ id, assignmentId: id.split(':')[0]!, kind: 'final', status, sections: {} }) as unknown as Report;

describe('liveDocuments$', () => {
  it('starts with what is stored and follows inserts, changes and deletions', async () => {
    await device.db.reports.bulkInsert([report('a:final'), report('b:final')]);
    const seen: string[][] = [];
    const live$ = liveDocuments$<Report>(device.db.reports as RxCollection);
    const subscription = live$.subscribe((docs) =>
      seen.push(docs.map((doc) => `${doc.id}=${doc.status}`).sort()),
    );
    const until = (expected: string[]) =>
      firstValueFrom(
        live$.pipe(
          filter(
            (docs) =>
              docs
                .map((doc) => `${doc.id}=${doc.status}`)
                .sort()
                .join() === expected.join(),
          ),
        ),
      );

    await until(['a:final=draft', 'b:final=draft']);
    await device.db.reports.insert(report('c:final'));
    await (await device.db.reports.findOne('a:final').exec())!.incrementalPatch({ status: 'submitted' });
    await (await device.db.reports.findOne('b:final').exec())!.remove();
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['a:final=submitted', 'c:final=draft']));
    expect(seen[0]).toEqual(['a:final=draft', 'b:final=draft']);
    subscription.unsubscribe();
  });

  it('reads what is stored as RxDB holds it, leaving out deleted documents', async () => {
    await device.db.reports.bulkInsert([
      report('a:final', 'submitted'),
      report('b:final'),
      report('c:final'),
    ]);
    await (await device.db.reports.findOne('b:final').exec())!.remove();
    const docs = await firstValueFrom(liveDocuments$<Report>(device.db.reports as RxCollection));
    const held = (await device.db.reports.find().exec()).map((doc) => doc.toJSON(true));
    const byId = (list: readonly { id: string }[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(docs)).toEqual(byId(held));
    expect(docs.map((doc) => (doc as unknown as { _deleted: unknown })._deleted)).toEqual([false, false]);
  });
});
