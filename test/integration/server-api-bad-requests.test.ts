/**
 * Bad requests to the sync server (docs/sync-protocol.md SP-9, SP-10): documents that do not match
 * the schema, malformed or oversized bodies, unknown routes, deep nesting and old protocol
 * versions all get a clear 4xx, and the server keeps serving. On SQLite, and on PostgreSQL in the
 * integration-postgres project.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import {
  API_PATHS,
  MAX_BODY_BYTES,
  MAX_PUSH_DOCUMENTS,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type ApiErrorBody,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { useApiServer, useExpert1Logs } from '../helpers/api-client';

type LogDoc = SyncDocument<'logs'>;
const loginBody = (email: string, password = 'fieldbook-demo') => ({ body: { email, password } });

describe('bad requests', () => {
  // These tests write logs on the assignment's first days, which the demo's past timesheets would
  // lock (TS-6): test/integration/timesheets-*.test.ts cover those.
  const f = useApiServer({ streamHeartbeatMs: 100, seedPastMonths: false });
  const { assignment: asg1, newLog, created } = useExpert1Logs(f);

  it('SP-9: a document that does not match the schema is refused as invalid, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ workMode: 'beach' }, /workMode/],
      [{ color: 'red' }, /color/],
      [{ hours: '6' }, /hours/],
      [{ activities: 'x'.repeat(5001) }, /activities/],
    ];
    for (const [patch, pattern] of cases) {
      const log = { ...newLog(), ...patch } as LogDoc;
      const result = await f.push('expert1', 'logs', [{ newDocumentState: log }]);
      expect(result.rejections).toMatchObject([
        { id: log.id, code: 'invalid', message: expect.stringMatching(pattern) },
      ]);
    }
    const { location: _dropped, ...missing } = newLog();
    const result = await f.push('expert1', 'logs', [{ newDocumentState: missing as LogDoc }]);
    expect(result.rejections[0]).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/location/),
    });
  });

  it('SP-9: bad requests get JSON errors with the right status and the server keeps serving', async () => {
    const error = (r: { json: unknown }) => (r.json as ApiErrorBody).error.code;
    const token = f.tokens.expert1;
    const logs = API_PATHS.push('logs');

    const malformed = await f.call('POST', logs, { as: token, rawBody: '[{"newDocumentState": ' });
    expect([malformed.status, error(malformed)]).toEqual([400, 'bad_request']);
    const notArray = await f.call('POST', logs, { as: token, body: { newDocumentState: newLog() } });
    expect([notArray.status, error(notArray)]).toEqual([400, 'bad_request']);
    const noId = await f.call('POST', logs, { as: token, body: [{ newDocumentState: { hours: 1 } }] });
    expect(noId.status).toBe(400);
    const unknownPull = await f.call('GET', '/api/sync/photos/pull', { as: token });
    expect([unknownPull.status, error(unknownPull)]).toEqual([404, 'not_found']);
    const unknownPush = await f.call('POST', '/api/sync/photos/push', { as: token, body: [] });
    expect(unknownPush.status).toBe(404);
    const unknownRoute = await f.call('GET', '/api/nothing-here', { as: token });
    expect([unknownRoute.status, error(unknownRoute)]).toEqual([404, 'not_found']);
    for (const query of [
      'checkpoint=%7Bseq',
      'checkpoint=%7B%22seq%22%3A-1%7D',
      'limit=0',
      'limit=abc',
      'limit=2.5',
    ]) {
      const bad = await f.call('GET', `${API_PATHS.pull('logs')}?${query}`, { as: token });
      expect([query, bad.status, error(bad)]).toEqual([query, 400, 'bad_request']);
    }
    const capped = await f.call('GET', `${API_PATHS.pull('logs')}?limit=100000`, { as: token });
    expect(capped.status).toBe(200);

    const supervisorPush = await f.call('POST', logs, { as: 'supervisor1', body: [] });
    expect([supervisorPush.status, error(supervisorPush)]).toEqual([403, 'forbidden']);
    const expertAssignments = await f.call('POST', API_PATHS.push('assignments'), { as: token, body: [] });
    expect(expertAssignments.status).toBe(403);
    const pulled = await f.call('GET', `${API_PATHS.pull('assignments')}?limit=10`, { as: token });
    const own = (pulled.json as { documents: Assignment[] }).documents[0]!;
    // SP-4: a device whose sync was cut between storing and recording a pull sends it back as is.
    const echoed = await f.call('POST', API_PATHS.push('assignments'), {
      as: token,
      body: [{ newDocumentState: own }],
    });
    expect([echoed.status, echoed.json]).toEqual([200, { conflicts: [], rejections: [] }]);
    const altered = await f.call('POST', API_PATHS.push('assignments'), {
      as: token,
      body: [{ newDocumentState: { ...own, endDate: addDays(own.endDate, 1) } }],
    });
    expect(altered.status).toBe(403);

    const huge = [{ newDocumentState: { ...newLog(), notes: 'x'.repeat(MAX_BODY_BYTES) } }];
    const tooLarge = await f.call('POST', logs, { as: token, body: huge });
    expect([tooLarge.status, error(tooLarge)]).toEqual([413, 'payload_too_large']);
    const tooMany = Array.from({ length: MAX_PUSH_DOCUMENTS + 1 }, () => ({ newDocumentState: newLog() }));
    const manyRows = await f.call('POST', logs, { as: token, body: tooMany });
    expect([manyRows.status, error(manyRows)]).toEqual([413, 'payload_too_large']);

    expect((await f.call('GET', '/healthz')).json).toEqual({ ok: true });
    expect((await f.call('GET', API_PATHS.me, { as: token })).status).toBe(200);
  });

  it('SP-9: a row nested thousands of levels deep is a 400 for every role, not a server fault', async () => {
    const log = await created({ date: addDays(asg1().startDate, 9) });
    const depth = 5000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const rowWith = (newDocumentState: string, assumed = '') =>
      `[{"newDocumentState":${newDocumentState}${assumed ? `,"assumedMasterState":${assumed}` : ''}}]`;
    const cases: [string, string][] = [
      // A supervisor may not write logs: the server first checks whether the row only repeats its version.
      ['supervisor1', rowWith(`{"id":"${log.id}","notes":${deep}}`)],
      ['expert1', rowWith(`{"id":"${log.id}","notes":${deep}}`)],
      ['expert1', rowWith(`{"id":"${crypto.randomUUID()}","notes":${deep}}`)],
      ['expert1', rowWith(JSON.stringify({ ...log, hours: 2 }), `{"id":"${log.id}","notes":${deep}}`)],
    ];
    for (const [who, rawBody] of cases) {
      const answer = await f.call('POST', API_PATHS.push('logs'), { as: who, rawBody });
      expect([who, answer.status, (answer.json as ApiErrorBody).error]).toEqual([
        who,
        400,
        { code: 'bad_request', message: expect.stringMatching(/^Row 0 nests more than \d+ levels deep/) },
      ]);
    }
    expect((await f.pull('expert1', 'logs')).find((d) => d.id === log.id)).toEqual(log);
    expect((await f.call('GET', '/healthz')).json).toEqual({ ok: true });
  });

  it('SP-10: an older protocol version gets 426, a garbled one 400, the current one passes', async () => {
    const token = f.tokens.expert1;
    const old = await f.call('GET', API_PATHS.pull('logs'), {
      as: token,
      headers: { [PROTOCOL_HEADER]: '0' },
    });
    expect([old.status, (old.json as ApiErrorBody).error.code]).toEqual([426, 'upgrade_required']);
    const garbled = await f.call('GET', API_PATHS.pull('logs'), {
      as: token,
      headers: { [PROTOCOL_HEADER]: 'v1' },
    });
    expect(garbled.status).toBe(400);
    const current = await f.call('GET', API_PATHS.pull('logs'), {
      as: token,
      headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
    });
    expect(current.status).toBe(200);
    const oldLogin = await f.call('POST', API_PATHS.login, {
      ...loginBody('expert1@demo.test'),
      headers: { [PROTOCOL_HEADER]: '0' },
    });
    expect(oldLogin.status).toBe(426);
  });
});
