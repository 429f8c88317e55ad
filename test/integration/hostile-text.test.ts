/**
 * Text no storage can keep (U+0000, half a surrogate pair) and rows a backend refuses: one bad row
 * is refused on its own with a reason and never costs the others, never a 500 (SP-6, SP-9,
 * SP-11). Run on SQLite and PostgreSQL alike, because only PostgreSQL used to fail on them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import {
  API_PATHS,
  type ApiErrorBody,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { DEMO_USERS } from '../../sync-server/src/seed-data';
import type { DocumentTransaction, Storage } from '../../sync-server/src/storage/types';
import { applyPush } from '../../sync-server/src/sync/push';
import { login, startTestServer, type TestServer } from '../helpers/test-server';
import { aLog } from '../helpers/builders';

type LogDoc = SyncDocument<'logs'>;

/** Sends `body` as it is: the escapes below reach the server's JSON parser unchanged. */
async function send(server: TestServer, method: string, path: string, body?: string, token?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** A JSON string literal whose `\u0000` / `\udXXX` escapes survive as written. */
const raw = (escaped: string) => `"${escaped}"`;

describe.each(['sqlite', 'postgres'] as const)('unstorable text and refused rows on %s', (backend) => {
  let server: TestServer;
  let expert: string;
  let supervisor: string;
  let asg1: Assignment;

  beforeAll(async () => {
    server = await startTestServer({ storage: backend, seedPastMonths: false });
    expert = await login(server.url, 'expert1@demo.test');
    supervisor = await login(server.url, 'supervisor1@demo.test');
    const assignments = await send(server, 'GET', API_PATHS.pull('assignments'), undefined, expert);
    asg1 = (assignments.json as PullResponse<'assignments'>).documents.find(
      (a) => a.id === 'asg-expert1',
    ) as Assignment;
  });
  afterAll(() => server.close());

  let day = 0;
  function newLog(patch: Partial<LogDoc> = {}): LogDoc {
    day += 1;
    const date = addDays(asg1.startDate, day);
    return aLog({
      assignmentId: 'asg-expert1',
      date,
      hours: 2,
      activities: 'Checked the borehole pumps.',
      ktActivities: [],
      ...patch,
    });
  }

  /** A push row as JSON text, with `marker` in the log replaced by the raw `replacement`. */
  function rowJson(log: LogDoc, marker?: string, replacement?: string): string {
    const json = JSON.stringify({ newDocumentState: log });
    return marker ? json.replace(JSON.stringify(marker), replacement!) : json;
  }

  async function pushRaw(rows: string[], token = expert) {
    return send(server, 'POST', API_PATHS.push('logs'), `[${rows.join(',')}]`, token);
  }

  async function storedIds(): Promise<string[]> {
    const pulled = await send(server, 'GET', `${API_PATHS.pull('logs')}?limit=500`, undefined, expert);
    return (pulled.json as PullResponse<'logs'>).documents.map((d) => d.id);
  }

  it('SP-9 SP-6: a NUL row and a lone-surrogate row are refused with the field named; the good row is stored', async () => {
    const good = newLog({ notes: 'All pumps run.' });
    const nul = newLog({ notes: 'NUL-HERE' });
    const surrogate = newLog({ activities: 'SURROGATE-HERE' });
    const { status, json } = await pushRaw([
      rowJson(good),
      rowJson(nul, 'NUL-HERE', raw('before\\u0000after')),
      rowJson(surrogate, 'SURROGATE-HERE', raw('half an emoji \\ud83d')),
    ]);
    expect(status).toBe(200);
    const response = json as PushResponse;
    expect(response.rejections).toMatchObject([
      {
        id: nul.id,
        code: 'invalid',
        message: expect.stringMatching(/^Field 'notes' .*cannot be stored \(U\+0000/),
      },
      {
        id: surrogate.id,
        code: 'invalid',
        message: expect.stringMatching(/^Field 'activities' .*cannot be stored \(U\+D83D/),
      },
    ]);
    // New documents the server does not hold: the device is told to drop them (SP-6).
    expect(response.conflicts.map((d) => [d.id, d._deleted])).toEqual([
      [nul.id, true],
      [surrogate.id, true],
    ]);
    const ids = await storedIds();
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(nul.id);
    expect(ids).not.toContain(surrogate.id);
  });

  it('SP-9: unstorable text in an id or a property name is refused per row too, never a 500', async () => {
    const good = newLog();
    const badId = newLog({ id: 'ID-HERE' });
    const badKey = newLog();
    const { status, json } = await pushRaw([
      rowJson(badId, 'ID-HERE', raw('log\\u0000one')),
      rowJson(good),
      rowJson(badKey).replace('"notes"', raw('no\\udc00tes')),
    ]);
    expect(status).toBe(200);
    const rejections = (json as PushResponse).rejections;
    expect(rejections.map((r) => [r.id, r.code])).toEqual([
      ['log\u0000one', 'invalid'],
      [badKey.id, 'invalid'],
    ]);
    expect(rejections[0]!.message).toMatch(/^Field 'id' contains a character that cannot be stored/);
    expect(rejections[1]!.message).toMatch(/^Field 'no\uFFFDtes' contains a character that cannot be stored/);
    expect(await storedIds()).toContain(good.id);
  });

  it('SP-6: an edit with unstorable text is refused and the device gets the server version back', async () => {
    const log = newLog({ notes: 'First version.' });
    expect((await pushRaw([rowJson(log)])).json).toEqual({ conflicts: [], rejections: [] });
    const edited = { ...log, notes: 'EDIT-HERE' };
    const { status, json } = await send(
      server,
      'POST',
      API_PATHS.push('logs'),
      `[${JSON.stringify({ newDocumentState: edited, assumedMasterState: log }).replace(
        JSON.stringify('EDIT-HERE'),
        raw('\\u0000'),
      )}]`,
      expert,
    );
    expect(status).toBe(200);
    const response = json as PushResponse<'logs'>;
    expect(response.rejections.map((r) => r.code)).toEqual(['invalid']);
    expect(response.conflicts).toHaveLength(1);
    expect(response.conflicts[0]).toMatchObject({ id: log.id, notes: 'First version.', _deleted: false });
  });

  it('SP-7: a role that may never push logs gets 403 for unstorable text, not a 500', async () => {
    const { status, json } = await pushRaw(
      [rowJson(newLog({ id: 'ID-HERE' }), 'ID-HERE', raw('x\\u0000'))],
      supervisor,
    );
    expect(status).toBe(403);
    expect((json as ApiErrorBody).error.code).toBe('forbidden');
  });

  it('SP-6: a row the storage itself refuses is refused alone; the other rows of the batch commit', async () => {
    const [first, refused, last] = [newLog(), newLog(), newLog()];
    const before = await server.storage.latestSeq();
    // The backend refuses the write (a NOT NULL column) after the row has already taken a seq.
    const refusing = withFailingWrite(server.storage, refused.id);
    const expertUser = DEMO_USERS.find((u) => u.email === 'expert1@demo.test')!;
    const response = await applyPush(
      { storage: refusing, user: expertUser, now: new Date() } as Parameters<typeof applyPush>[0],
      'logs',
      [first, refused, last].map((log): PushRow => ({ newDocumentState: log })),
    );
    expect(response.rejections).toMatchObject([
      { id: refused.id, code: 'invalid', message: expect.stringMatching(/could not be stored/) },
    ]);
    const ids = await storedIds();
    expect(ids).toEqual(expect.arrayContaining([first.id, last.id]));
    expect(ids).not.toContain(refused.id);
    // Only the two stored rows moved the sequence: the refused row's write was undone.
    expect(await server.storage.latestSeq()).toBe(before + 2);
  });

  it('SP-11: a sign-in with U+0000 or half a surrogate pair is a 400 with a reason, never a 500', async () => {
    const bodies = [
      `{"email": ${raw('expert1@demo.test\\u0000')}, "password": "fieldbook-demo"}`,
      `{"email": ${raw('\\ud800@demo.test')}, "password": "fieldbook-demo"}`,
      `{"email": "expert1@demo.test", "password": ${raw('fieldbook-demo\\u0000')}}`,
    ];
    for (const body of bodies) {
      const { status, json } = await send(server, 'POST', API_PATHS.login, body);
      expect(status).toBe(400);
      expect((json as ApiErrorBody).error).toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(/contains a character that cannot be stored/),
      });
    }
    // Nothing was counted against the account: it still signs in.
    expect(await login(server.url, 'expert1@demo.test')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('SP-2: a checkpoint or limit with unstorable text is a 400 or ignored, never a 500', async () => {
    const checkpoint = encodeURIComponent('{"seq": 1, "x": "\\u0000"}');
    const pulled = await send(
      server,
      'GET',
      `${API_PATHS.pull('logs')}?checkpoint=${checkpoint}`,
      undefined,
      expert,
    );
    expect(pulled.status).toBe(200);
    const badSeq = encodeURIComponent('{"seq": "\\u0000"}');
    expect(
      (await send(server, 'GET', `${API_PATHS.pull('logs')}?checkpoint=${badSeq}`, undefined, expert)).status,
    ).toBe(400);
    expect((await send(server, 'GET', `${API_PATHS.pull('logs')}?limit=%00`, undefined, expert)).status).toBe(
      400,
    );
    expect((await send(server, 'GET', `/api/sync/logs%00/pull`, undefined, expert)).status).toBe(404);
  });
});

/** The storage, with the write of document `failingId` refused by the database itself. */
function withFailingWrite(storage: Storage, failingId: string): Storage {
  const wrapTx = (tx: DocumentTransaction): DocumentTransaction =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property === 'writeDocument') {
          return (write: Parameters<DocumentTransaction['writeDocument']>[0]) =>
            target.writeDocument(write.id === failingId ? { ...write, assignmentId: null as never } : write);
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(storage, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return <T>(fn: (tx: DocumentTransaction) => Promise<T>) => target.transaction((tx) => fn(wrapTx(tx)));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
