/** SP-6 on the device: how a failing push batch is split, and when it is only retried. */
import { describe, expect, it } from 'vitest';
import type { PushRow, SyncDocument } from '../../src/shared/sync/protocol';
import { ApiError } from '../../src/sync/api-client';
import { IsolatingPusher, SERVER_FAULT_REPEATS, type PushBatch } from '../../src/sync/push-isolation';

const row = (id: string, assumed = false): PushRow => ({
  newDocumentState: { id, notes: id } as unknown as SyncDocument,
  assumedMasterState: assumed ? ({ id, notes: 'server' } as unknown as SyncDocument) : undefined,
});
const rows = ['a', 'b', 'bad', 'c', 'd'].map((id) => row(id, id === 'bad'));

/** A server that fails with `error` on every batch holding one of `failing`, and records each batch. */
function server(error: ApiError, failing: (id: string) => boolean) {
  const sent: string[][] = [];
  const send: PushBatch = async (batch) => {
    sent.push(batch.map((r) => r.newDocumentState.id));
    if (batch.some((r) => failing(r.newDocumentState.id))) throw error;
    return { conflicts: [], rejections: [] };
  };
  return { send, sent };
}

describe('IsolatingPusher (SP-6)', () => {
  it('a 400 (or 413) splits the batch at once; the failing row is refused with the server reason and reverts', async () => {
    for (const status of [400, 413]) {
      const { send, sent } = server(new ApiError(status, 'bad_request', 'No.'), (id) => id === 'bad');
      const response = await new IsolatingPusher(send).push(rows);
      expect(response.rejections).toEqual([{ id: 'bad', code: 'invalid', message: 'No.' }]);
      expect(response.conflicts).toEqual([{ id: 'bad', notes: 'server' }]);
      // Every good row was sent in some batch that went through.
      expect(sent.at(-1)).toEqual(['c', 'd']);
    }
  });

  it('SP-13: the stamps of the rows stored from the split halves all come back', async () => {
    const send: PushBatch = async (batch) => {
      if (batch.length > 2) throw new ApiError(413, 'payload_too_large', 'Too big.');
      return {
        conflicts: [],
        rejections: [],
        accepted: batch.map((r, seq) => ({ id: r.newDocumentState.id, seq, set: { updatedAt: 'now' } })),
      };
    };
    const response = await new IsolatingPusher(send).push(rows);
    expect(response.rejections).toEqual([]);
    expect(response.accepted?.map((stamps) => stamps.id)).toEqual(['a', 'b', 'bad', 'c', 'd']);
  });

  it('a new document the server failed on is dropped on the device like a server refusal (the text is kept)', async () => {
    const { send } = server(new ApiError(400, 'bad_request', 'No.'), (id) => id === 'new');
    const response = await new IsolatingPusher(send).push([row('ok'), row('new')]);
    expect(response.conflicts).toEqual([{ id: 'new', notes: 'new', _deleted: true }]);
  });

  it(`a 500 is retried as it is ${SERVER_FAULT_REPEATS - 1} times before the batch is split`, async () => {
    const { send, sent } = server(new ApiError(500, 'internal', 'Oops.'), (id) => id === 'bad');
    const pusher = new IsolatingPusher(send);
    for (let i = 1; i < SERVER_FAULT_REPEATS; i++) await expect(pusher.push(rows)).rejects.toThrow('Oops.');
    expect(sent).toHaveLength(SERVER_FAULT_REPEATS - 1);
    const response = await pusher.push(rows);
    expect(response.rejections.map((r) => r.id)).toEqual(['bad']);
  });

  it('a server failing on every row refuses nothing: the batch is tried again later', async () => {
    const { send } = server(new ApiError(500, 'internal', 'Disk full.'), () => true);
    const pusher = new IsolatingPusher(send);
    for (let i = 0; i < 3 * SERVER_FAULT_REPEATS; i++) {
      await expect(pusher.push(rows)).rejects.toThrow('Disk full.');
    }
  });

  it('answers that say nothing about the rows are only retried', async () => {
    for (const error of [
      new ApiError(0, 'network', 'Offline.'),
      new ApiError(401, 'unauthorized', 'Sign in.'),
      new ApiError(429, 'too_many_requests', 'Later.'),
      new ApiError(503, 'internal', 'Unavailable.'),
    ]) {
      const { send, sent } = server(error, (id) => id === 'bad');
      const pusher = new IsolatingPusher(send);
      for (let i = 0; i < SERVER_FAULT_REPEATS + 1; i++) await expect(pusher.push(rows)).rejects.toBe(error);
      expect(sent.every((batch) => batch.length === rows.length)).toBe(true);
    }
  });
});
