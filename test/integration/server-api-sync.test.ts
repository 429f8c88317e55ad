/**
 * Pull and push over the sync server's HTTP contract (docs/sync-protocol.md SP-1 to SP-5, SP-7,
 * SP-12): who reads what, pages and checkpoints, the server's stamps, conflicts, replays and
 * tombstones. On SQLite, and on PostgreSQL in the integration-postgres project.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import { API_PATHS, type PullResponse, type SyncDocument } from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { useApiServer, useExpert1Logs } from '../helpers/api-client';

type LogDoc = SyncDocument<'logs'>;

describe('sync', () => {
  // These tests write logs on the assignment's first days, which the demo's past timesheets would
  // lock (TS-6): test/integration/timesheets-*.test.ts cover those.
  const f = useApiServer({ streamHeartbeatMs: 100, seedPastMonths: false });
  const { assignment: asg1, newLog, created } = useExpert1Logs(f);

  it('SP-7: each role pulls only the assignments and logs it may read', async () => {
    const expert2Log = newLog({
      assignmentId: 'asg-expert2',
      location: 'Abuja',
      date: addDays(asg1().startDate, 2),
    });
    expect((await f.push('expert2', 'logs', [{ newDocumentState: expert2Log }])).rejections).toEqual([]);

    const assignmentIds = async (who: string) =>
      (await f.pullPage(who, 'assignments')).documents.map((d) => d.id).sort();
    const logAssignments = async (who: string) => [
      ...new Set((await f.pull(who, 'logs')).map((d) => d.assignmentId)),
    ];
    expect(await assignmentIds('expert1')).toEqual(['asg-expert1']);
    expect(await assignmentIds('expert2')).toEqual(['asg-expert2']);
    expect(await assignmentIds('supervisor1')).toEqual(['asg-expert1']);
    expect(await assignmentIds('supervisor2')).toEqual(['asg-expert2']);
    expect(await assignmentIds('officer')).toEqual(['asg-expert1', 'asg-expert2']);
    expect(await logAssignments('expert1')).toEqual(['asg-expert1']);
    expect(await logAssignments('expert2')).toEqual(['asg-expert2']);
    expect(await logAssignments('supervisor1')).toEqual(['asg-expert1']);
    expect(await logAssignments('supervisor2')).toEqual(['asg-expert2']);
    expect((await logAssignments('officer')).sort()).toEqual(['asg-expert1', 'asg-expert2']);
    // The demo week of expert1 is there for the supervisor, with the deletion flag on the wire.
    const seen = await f.pull('supervisor1', 'logs');
    expect(seen.filter((d) => d.id.startsWith('log-expert1-'))).toHaveLength(5);
    expect(seen.every((d) => d._deleted === false)).toBe(true);
  });

  it('SP-1 SP-2: pages follow the server sequence, and a late write with an old date comes after the checkpoint', async () => {
    const pages: PullResponse<'logs'>[] = [];
    let checkpoint: { seq: number } | null = null;
    for (;;) {
      const page: PullResponse<'logs'> = await f.pullPage('officer', 'logs', { checkpoint, limit: 2 });
      pages.push(page);
      if (page.documents.length === 0) break;
      checkpoint = page.checkpoint;
    }
    const empty = pages.at(-1)!;
    expect(empty.checkpoint).toEqual(checkpoint);
    const all = pages.flatMap((p) => p.documents);
    expect(pages.slice(0, -1).every((p) => p.documents.length <= 2)).toBe(true);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);

    // A device that was offline for weeks pushes a day from long ago with an old f.clock.
    const late = newLog({ date: asg1().startDate, updatedAt: '2001-01-01T00:00:00.000Z' } as Partial<LogDoc>);
    expect((await f.push('expert1', 'logs', [{ newDocumentState: late }])).rejections).toEqual([]);
    const next = await f.pullPage('officer', 'logs', { checkpoint: checkpoint });
    expect(next.documents.map((d) => d.id)).toEqual([late.id]);
    expect(next.checkpoint!.seq).toBeGreaterThan(checkpoint!.seq);
    expect(next.documents[0]!.updatedAt).toBe(f.clock.now().toISOString());
  });

  it('SP-2: with nothing to return the checkpoint is the one asked with, or null from the start', async () => {
    const supervisor2Logs = await f.pullPage('supervisor2', 'logs', { limit: 500 });
    const after = await f.pullPage('supervisor2', 'logs', { checkpoint: supervisor2Logs.checkpoint });
    expect(after).toEqual({
      documents: [],
      checkpoint: supervisor2Logs.checkpoint,
      readable: ['asg-expert2'],
    });
    const token = f.tokens.supervisor2;
    const { json } = await f.call(
      'GET',
      `${API_PATHS.pull('logs')}?checkpoint=${encodeURIComponent('{"seq":999999}')}`,
      {
        as: token,
      },
    );
    expect(json).toEqual({ documents: [], checkpoint: { seq: 999999 }, readable: ['asg-expert2'] });
  });

  it('SP-3 SP-11: the server stamps authorId, createdAt and updatedAt; a device cannot forge them', async () => {
    const sent = newLog({ date: addDays(asg1().startDate, 2) });
    const forged = { ...sent, authorId: 'user-expert2', createdAt: '1999-01-01T00:00:00.000Z' };
    const createdAt = f.clock.now().toISOString();
    expect(await f.push('expert1', 'logs', [{ newDocumentState: forged }])).toEqual({
      conflicts: [],
      rejections: [],
    });
    const stored = (await f.pull('supervisor1', 'logs')).find((d) => d.id === sent.id)!;
    expect(stored).toMatchObject({ authorId: 'user-expert1', createdAt, updatedAt: createdAt });

    f.clock.advance(1000);
    const edit = { ...stored, hours: 7, authorId: 'user-officer', createdAt: '2000-01-01T00:00:00.000Z' };
    expect(await f.push('expert1', 'logs', [{ assumedMasterState: stored, newDocumentState: edit }])).toEqual(
      {
        conflicts: [],
        rejections: [],
      },
    );
    const updated = (await f.pull('supervisor1', 'logs')).find((d) => d.id === sent.id)!;
    expect(updated).toMatchObject({
      hours: 7,
      authorId: 'user-expert1',
      createdAt,
      updatedAt: f.clock.now().toISOString(),
    });
  });

  it('SP-3: a push based on an outdated version gets the current server version back and changes nothing', async () => {
    const base = await created({ date: addDays(asg1().startDate, 3) });
    const phone = { ...base, activities: 'Phone: trained two technicians.' };
    expect(
      (await f.push('expert1', 'logs', [{ assumedMasterState: base, newDocumentState: phone }])).conflicts,
    ).toEqual([]);
    const current = (await f.pull('expert1', 'logs')).find((d) => d.id === base.id)!;

    const tablet = { ...base, notes: 'Tablet: generator failed.' };
    const stale = await f.push('expert1', 'logs', [{ assumedMasterState: base, newDocumentState: tablet }]);
    expect(stale).toEqual({ conflicts: [current], rejections: [] });
    const blind = await f.push('expert1', 'logs', [{ newDocumentState: tablet }]);
    expect(blind).toEqual({ conflicts: [current], rejections: [] });
    const after = (await f.pull('expert1', 'logs')).find((d) => d.id === base.id);
    expect(after).toEqual(current);
  });

  it('SP-12: the assumed version may travel as its revision marker, with the same conflict rule', async () => {
    const base = await created({ date: addDays(asg1().startDate, 5) });
    const edited = { ...base, notes: 'Sent with a marker only.' };
    const accepted = await f.push('expert1', 'logs', [
      { assumedRevision: revisionOf(base), newDocumentState: edited },
    ]);
    expect(accepted).toEqual({ conflicts: [], rejections: [] });
    const current = (await f.pull('expert1', 'logs')).find((d) => d.id === base.id)!;
    expect(current.notes).toBe('Sent with a marker only.');

    const stale = await f.push('expert1', 'logs', [
      { assumedRevision: revisionOf(base), newDocumentState: { ...base, hours: 1 } },
    ]);
    expect(stale).toEqual({ conflicts: [current], rejections: [] });
    const garbled = await f.call('POST', API_PATHS.push('logs'), {
      as: 'expert1',
      body: [{ assumedRevision: { not: 'a string' }, newDocumentState: edited }],
    });
    expect(garbled.status).toBe(400);
  });

  it('SP-4: retrying an identical push writes nothing and hands the device the stored version', async () => {
    const log = newLog({ date: addDays(asg1().startDate, 4) });
    const row = { newDocumentState: log };
    expect(await f.push('expert1', 'logs', [row])).toEqual({ conflicts: [], rejections: [] });
    const seqBefore = await f.server.storage.latestSeq();
    const stored = (await f.pull('expert1', 'logs')).find((d) => d.id === log.id);
    // The reply was lost: the device sends the very same row again, server-stamped fields aside.
    // Nothing is written; the device gets the stored version, stamps and all, to adopt.
    expect(await f.push('expert1', 'logs', [row])).toEqual({ conflicts: [stored], rejections: [] });
    expect(
      await f.push('expert1', 'logs', [{ newDocumentState: { ...log, updatedAt: 'x' } as LogDoc }]),
    ).toEqual({ conflicts: [stored], rejections: [] });
    // Based on the stored version, the same row is a plain no-op; so is a copy that already has
    // the server's stamps, whatever it was based on (a conflict to resolve would race the user's
    // next change on the device).
    expect(
      await f.push('expert1', 'logs', [{ assumedMasterState: stored, newDocumentState: stored! }]),
    ).toEqual({ conflicts: [], rejections: [] });
    expect(
      await f.push('expert1', 'logs', [
        { assumedMasterState: { ...stored!, notes: 'an older text' }, newDocumentState: stored! },
      ]),
    ).toEqual({ conflicts: [], rejections: [] });
    expect(await f.server.storage.latestSeq()).toBe(seqBefore);
    expect((await f.pull('expert1', 'logs')).find((d) => d.id === log.id)).toEqual(stored);
  });

  it('SP-5: a deletion is a tombstone that the supervisor pulls', async () => {
    const log = await created({ date: addDays(asg1().startDate, 5) });
    const { checkpoint } = await f.pullPage('supervisor1', 'logs', { limit: 500 });
    const tombstone = { ...log, _deleted: true };
    expect(
      await f.push('expert1', 'logs', [{ assumedMasterState: log, newDocumentState: tombstone }]),
    ).toEqual({
      conflicts: [],
      rejections: [],
    });
    const next = await f.pullPage('supervisor1', 'logs', { checkpoint: checkpoint });
    expect(next.documents).toHaveLength(1);
    expect(next.documents[0]).toMatchObject({ id: log.id, _deleted: true, activities: log.activities });
  });
});
