/** SP-13: a version older than the device's own stored write never replaces it (src/sync/own-writes.ts). */
import { describe, expect, it } from 'vitest';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { OwnWrites } from '../../src/sync/own-writes';

const doc = (id: string, notes: string) => ({ id, notes, _deleted: false }) as unknown as SyncDocument;

describe('SP-13 own writes', () => {
  it('a page whose checkpoint is below the own write gets the own version in its place, same length', () => {
    const writes = new OwnWrites();
    writes.record('logs', doc('a', 'mine, seq 12'), 12);
    const page = [doc('b', 'theirs'), doc('a', 'theirs, older')];
    expect(writes.newest('logs', page, 11)).toEqual([doc('b', 'theirs'), doc('a', 'mine, seq 12')]);
  });

  it('a page at or past the own write keeps its version: it is the newer one', () => {
    const writes = new OwnWrites();
    writes.record('logs', doc('a', 'mine, seq 12'), 12);
    expect(writes.newest('logs', [doc('a', 'theirs, seq 13')], 13)).toEqual([doc('a', 'theirs, seq 13')]);
    expect(writes.newest('reports', [doc('a', 'another collection')], 5)).toEqual([
      doc('a', 'another collection'),
    ]);
  });

  it('forgets writes after 15 minutes', () => {
    let now = 0;
    const writes = new OwnWrites(() => now);
    writes.record('logs', doc('a', 'mine'), 12);
    now = 15 * 60_000 + 1;
    writes.record('logs', doc('b', 'later'), 13);
    expect(writes.newest('logs', [doc('a', 'theirs')], 1)).toEqual([doc('a', 'theirs')]);
  });
});
