/**
 * The sync server's HTTP contract, end to end over a real socket on SQLite, and on PostgreSQL in
 * the integration-postgres project. Test names cite the rules of docs/sync-protocol.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, latestIsoDateOnEarth } from '../../src/shared/dates';
import type { Assignment, CollectionName } from '../../src/shared/schemas';
import {
  API_PATHS,
  MAX_BODY_BYTES,
  MAX_PUSH_DOCUMENTS,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type ApiErrorBody,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { LOGIN_FAILURE_WINDOW_MS } from '../../sync-server/src/routes/auth';
import { BROKEN_ASSIGNMENT_MESSAGE } from '../../src/shared/rules/assignment-rules';
import { newReport } from '../../src/shared/rules/report-rules';
import { openStream } from '../helpers/sse-client';
import { revisionOf } from '../../src/shared/sync/revision';
import { createTestClock, login, startTestServer, type TestServer } from '../helpers/test-server';

type LogDoc = SyncDocument<'logs'>;

interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

async function call(server: TestServer, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const loginBody = (email: string, password = 'fieldbook-demo') => ({ body: { email, password } });

describe('auth', () => {
  const clock = createTestClock();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ now: clock.now });
  });
  afterAll(() => server.close());

  it('SP-11: signing in returns a token, the public user and an expiry 30 days ahead', async () => {
    const { status, json } = await call(server, 'POST', API_PATHS.login, loginBody('Expert1@Demo.test '));
    expect(status).toBe(200);
    const login = json as LoginResponse;
    expect(login.user).toEqual({
      id: 'user-expert1',
      email: 'expert1@demo.test',
      name: 'Amina Yusuf',
      role: 'expert',
    });
    expect(login.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(login.expiresAt) - clock.now().getTime()).toBe(30 * 86_400_000);
    expect(login.user).not.toHaveProperty('passwordHash');
    const me = await call(server, 'GET', API_PATHS.me, { token: login.token });
    expect(me.json).toEqual({ user: login.user });
  });

  it('SP-11: unknown email and wrong password get the same 401 message', async () => {
    clock.advance(LOGIN_FAILURE_WINDOW_MS);
    const unknown = await call(server, 'POST', API_PATHS.login, loginBody('nobody@demo.test'));
    const wrong = await call(server, 'POST', API_PATHS.login, loginBody('expert1@demo.test', 'guess'));
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect((unknown.json as ApiErrorBody).error).toEqual((wrong.json as ApiErrorBody).error);
    expect((wrong.json as ApiErrorBody).error.code).toBe('unauthorized');
  });

  it('SP-11: five failed sign-ins lock the email and the IP with 429 and Retry-After, until the window passes', async () => {
    clock.advance(LOGIN_FAILURE_WINDOW_MS);
    for (let i = 0; i < 5; i++) {
      expect(
        (await call(server, 'POST', API_PATHS.login, loginBody('expert2@demo.test', 'nope'))).status,
      ).toBe(401);
    }
    // Even the right password is refused while locked: the attacker must not learn it is right.
    const locked = await call(server, 'POST', API_PATHS.login, loginBody('expert2@demo.test'));
    expect(locked.status).toBe(429);
    expect((locked.json as ApiErrorBody).error.code).toBe('too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    // The same IP trying another account is locked too.
    expect((await call(server, 'POST', API_PATHS.login, loginBody('officer@demo.test'))).status).toBe(429);

    clock.advance(10 * 60_000);
    const later = await call(server, 'POST', API_PATHS.login, loginBody('expert2@demo.test'));
    expect(Number(later.headers.get('retry-after'))).toBe(5 * 60);
    clock.advance(5 * 60_000);
    expect((await call(server, 'POST', API_PATHS.login, loginBody('expert2@demo.test'))).status).toBe(200);
  });

  it('SP-11: parallel wrong passwords are throttled like sequential ones: five are checked, the rest get 429', async () => {
    clock.advance(LOGIN_FAILURE_WINDOW_MS);
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(server, 'POST', API_PATHS.login, loginBody('supervisor2@demo.test', `guess-${i}`)),
      ),
    );
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const locked = guesses.find((g) => g.status === 429)!;
    expect((locked.json as ApiErrorBody).error.code).toBe('too_many_requests');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    expect((await call(server, 'POST', API_PATHS.login, loginBody('supervisor2@demo.test'))).status).toBe(
      429,
    );
    clock.advance(LOGIN_FAILURE_WINDOW_MS);
  });

  it('SP-11: the right password among parallel wrong ones still signs in while under the limit', async () => {
    clock.advance(LOGIN_FAILURE_WINDOW_MS);
    const attempts = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) =>
        call(server, 'POST', API_PATHS.login, loginBody('supervisor1@demo.test', `guess-${i}`)),
      ),
      call(server, 'POST', API_PATHS.login, loginBody('supervisor1@demo.test')),
    ]);
    expect(attempts.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401]);
    expect((attempts.at(-1)!.json as LoginResponse).user.email).toBe('supervisor1@demo.test');
    clock.advance(LOGIN_FAILURE_WINDOW_MS);
  });

  it('SP-11: logout revokes the presented token and only that one', async () => {
    const token = await login(server.url, 'expert1@demo.test');
    const other = await login(server.url, 'expert1@demo.test');
    expect((await call(server, 'POST', API_PATHS.logout, { token })).status).toBe(200);
    const after = await call(server, 'GET', API_PATHS.me, { token });
    expect(after.status).toBe(401);
    expect((after.json as ApiErrorBody).error.code).toBe('unauthorized');
    expect((await call(server, 'GET', `${API_PATHS.pull('logs')}`, { token })).status).toBe(401);
    expect((await call(server, 'GET', API_PATHS.me, { token: other })).status).toBe(200);
  });

  it('SP-11: a token stops working when it expires', async () => {
    const token = await login(server.url, 'supervisor1@demo.test');
    clock.advance(30 * 86_400_000 - 60_000);
    expect((await call(server, 'GET', API_PATHS.me, { token })).status).toBe(200);
    clock.advance(60_000);
    expect((await call(server, 'GET', API_PATHS.me, { token })).status).toBe(401);
  });

  it('SP-11: requests without a token, or with a made-up one, get 401', async () => {
    const none = await call(server, 'GET', API_PATHS.pull('logs'));
    expect(none.status).toBe(401);
    expect((none.json as ApiErrorBody).error.code).toBe('unauthorized');
    const forged = await call(server, 'GET', API_PATHS.pull('logs'), { token: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
  });
});

describe('sync', () => {
  const clock = createTestClock();
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let asg1: Assignment;

  beforeAll(async () => {
    // These tests write logs on the assignment's first days, which the demo's past timesheets
    // would lock (TS-6): test/integration/timesheets.test.ts covers those.
    server = await startTestServer({ now: clock.now, streamHeartbeatMs: 100, seedPastMonths: false });
    for (const who of ['expert1', 'expert2', 'supervisor1', 'supervisor2', 'officer']) {
      tokens[who] = await login(server.url, `${who}@demo.test`);
    }
    asg1 = (await pull('officer', 'assignments')).documents.find((a) => a.id === 'asg-expert1') as Assignment;
  });
  afterAll(() => server.close());

  async function pull<K extends CollectionName>(
    who: string,
    collection: K,
    checkpoint?: { seq: number } | null,
    limit?: number,
  ): Promise<PullResponse<K>> {
    const params = new URLSearchParams();
    if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
    if (limit) params.set('limit', String(limit));
    const { status, json } = await call(server, 'GET', `${API_PATHS.pull(collection)}?${params}`, {
      token: tokens[who],
    });
    expect(status).toBe(200);
    return json as PullResponse<K>;
  }

  async function push(who: string, collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
    const { status, json } = await call(server, 'POST', API_PATHS.push(collection), {
      token: tokens[who],
      body: rows,
    });
    expect(status).toBe(200);
    return json as PushResponse;
  }

  function newLog(patch: Partial<LogDoc> = {}): LogDoc {
    return {
      id: crypto.randomUUID(),
      assignmentId: 'asg-expert1',
      date: addDays(asg1.startDate, 1),
      hours: 6,
      workMode: 'on_site',
      location: 'Mogadishu',
      activities: 'Mapped the borehole maintenance backlog with the rural water unit.',
      ktActivities: [{ type: 'coaching_mentoring', peopleReached: 3 }],
      notes: '',
      _deleted: false,
      ...patch,
    };
  }

  /** Creates a log as expert1 and returns the server's stamped version. */
  async function created(patch: Partial<LogDoc> = {}): Promise<LogDoc> {
    const log = newLog(patch);
    expect(await push('expert1', 'logs', [{ newDocumentState: log }])).toEqual({
      conflicts: [],
      rejections: [],
    });
    const found = (await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === log.id);
    expect(found).toBeDefined();
    return found as LogDoc;
  }

  it('SP-7: each role pulls only the assignments and logs it may read', async () => {
    const expert2Log = newLog({
      assignmentId: 'asg-expert2',
      location: 'Abuja',
      date: addDays(asg1.startDate, 2),
    });
    expect((await push('expert2', 'logs', [{ newDocumentState: expert2Log }])).rejections).toEqual([]);

    const assignmentIds = async (who: string) =>
      (await pull(who, 'assignments')).documents.map((d) => d.id).sort();
    const logAssignments = async (who: string) => [
      ...new Set((await pull(who, 'logs', null, 500)).documents.map((d) => d.assignmentId)),
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
    const seen = (await pull('supervisor1', 'logs', null, 500)).documents;
    expect(seen.filter((d) => d.id.startsWith('log-expert1-'))).toHaveLength(5);
    expect(seen.every((d) => d._deleted === false)).toBe(true);
  });

  it('SP-1 SP-2: pages follow the server sequence, and a late write with an old date comes after the checkpoint', async () => {
    const pages: PullResponse<'logs'>[] = [];
    let checkpoint: { seq: number } | null = null;
    for (;;) {
      const page: PullResponse<'logs'> = await pull('officer', 'logs', checkpoint, 2);
      pages.push(page);
      if (page.documents.length === 0) break;
      checkpoint = page.checkpoint;
    }
    const empty = pages.at(-1)!;
    expect(empty.checkpoint).toEqual(checkpoint);
    const all = pages.flatMap((p) => p.documents);
    expect(pages.slice(0, -1).every((p) => p.documents.length <= 2)).toBe(true);
    expect(new Set(all.map((d) => d.id)).size).toBe(all.length);

    // A device that was offline for weeks pushes a day from long ago with an old clock.
    const late = newLog({ date: asg1.startDate, updatedAt: '2001-01-01T00:00:00.000Z' } as Partial<LogDoc>);
    expect((await push('expert1', 'logs', [{ newDocumentState: late }])).rejections).toEqual([]);
    const next = await pull('officer', 'logs', checkpoint);
    expect(next.documents.map((d) => d.id)).toEqual([late.id]);
    expect(next.checkpoint!.seq).toBeGreaterThan(checkpoint!.seq);
    expect(next.documents[0]!.updatedAt).toBe(clock.now().toISOString());
  });

  it('SP-2: with nothing to return the checkpoint is the one asked with, or null from the start', async () => {
    const supervisor2Logs = await pull('supervisor2', 'logs', null, 500);
    const after = await pull('supervisor2', 'logs', supervisor2Logs.checkpoint);
    expect(after).toEqual({
      documents: [],
      checkpoint: supervisor2Logs.checkpoint,
      readable: ['asg-expert2'],
    });
    const token = tokens.supervisor2;
    const { json } = await call(
      server,
      'GET',
      `${API_PATHS.pull('logs')}?checkpoint=${encodeURIComponent('{"seq":999999}')}`,
      {
        token,
      },
    );
    expect(json).toEqual({ documents: [], checkpoint: { seq: 999999 }, readable: ['asg-expert2'] });
  });

  it('SP-3 SP-11: the server stamps authorId, createdAt and updatedAt; a device cannot forge them', async () => {
    const sent = newLog({ date: addDays(asg1.startDate, 2) });
    const forged = { ...sent, authorId: 'user-expert2', createdAt: '1999-01-01T00:00:00.000Z' };
    const createdAt = clock.now().toISOString();
    expect(await push('expert1', 'logs', [{ newDocumentState: forged }])).toEqual({
      conflicts: [],
      rejections: [],
    });
    const stored = (await pull('supervisor1', 'logs', null, 500)).documents.find((d) => d.id === sent.id)!;
    expect(stored).toMatchObject({ authorId: 'user-expert1', createdAt, updatedAt: createdAt });

    clock.advance(1000);
    const edit = { ...stored, hours: 7, authorId: 'user-officer', createdAt: '2000-01-01T00:00:00.000Z' };
    expect(await push('expert1', 'logs', [{ assumedMasterState: stored, newDocumentState: edit }])).toEqual({
      conflicts: [],
      rejections: [],
    });
    const updated = (await pull('supervisor1', 'logs', null, 500)).documents.find((d) => d.id === sent.id)!;
    expect(updated).toMatchObject({
      hours: 7,
      authorId: 'user-expert1',
      createdAt,
      updatedAt: clock.now().toISOString(),
    });
  });

  it('SP-3: a push based on an outdated version gets the current server version back and changes nothing', async () => {
    const base = await created({ date: addDays(asg1.startDate, 3) });
    const phone = { ...base, activities: 'Phone: trained two technicians.' };
    expect(
      (await push('expert1', 'logs', [{ assumedMasterState: base, newDocumentState: phone }])).conflicts,
    ).toEqual([]);
    const current = (await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === base.id)!;

    const tablet = { ...base, notes: 'Tablet: generator failed.' };
    const stale = await push('expert1', 'logs', [{ assumedMasterState: base, newDocumentState: tablet }]);
    expect(stale).toEqual({ conflicts: [current], rejections: [] });
    const blind = await push('expert1', 'logs', [{ newDocumentState: tablet }]);
    expect(blind).toEqual({ conflicts: [current], rejections: [] });
    const after = (await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === base.id);
    expect(after).toEqual(current);
  });

  it('SP-12: the assumed version may travel as its revision marker, with the same conflict rule', async () => {
    const base = await created({ date: addDays(asg1.startDate, 5) });
    const edited = { ...base, notes: 'Sent with a marker only.' };
    const accepted = await push('expert1', 'logs', [
      { assumedRevision: revisionOf(base), newDocumentState: edited },
    ]);
    expect(accepted).toEqual({ conflicts: [], rejections: [] });
    const current = (await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === base.id)!;
    expect(current.notes).toBe('Sent with a marker only.');

    const stale = await push('expert1', 'logs', [
      { assumedRevision: revisionOf(base), newDocumentState: { ...base, hours: 1 } },
    ]);
    expect(stale).toEqual({ conflicts: [current], rejections: [] });
    const garbled = await call(server, 'POST', API_PATHS.push('logs'), {
      token: tokens.expert1,
      body: [{ assumedRevision: { not: 'a string' }, newDocumentState: edited }],
    });
    expect(garbled.status).toBe(400);
  });

  it('SP-4: retrying an identical push writes nothing and hands the device the stored version', async () => {
    const log = newLog({ date: addDays(asg1.startDate, 4) });
    const row = { newDocumentState: log };
    expect(await push('expert1', 'logs', [row])).toEqual({ conflicts: [], rejections: [] });
    const seqBefore = await server.storage.latestSeq();
    const stored = (await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === log.id);
    // The reply was lost: the device sends the very same row again, server-stamped fields aside.
    // Nothing is written; the device gets the stored version, stamps and all, to adopt.
    expect(await push('expert1', 'logs', [row])).toEqual({ conflicts: [stored], rejections: [] });
    expect(
      await push('expert1', 'logs', [{ newDocumentState: { ...log, updatedAt: 'x' } as LogDoc }]),
    ).toEqual({ conflicts: [stored], rejections: [] });
    // Based on the stored version, the same row is a plain no-op; so is a copy that already has
    // the server's stamps, whatever it was based on (a conflict to resolve would race the user's
    // next change on the device).
    expect(
      await push('expert1', 'logs', [{ assumedMasterState: stored, newDocumentState: stored! }]),
    ).toEqual({ conflicts: [], rejections: [] });
    expect(
      await push('expert1', 'logs', [
        { assumedMasterState: { ...stored!, notes: 'an older text' }, newDocumentState: stored! },
      ]),
    ).toEqual({ conflicts: [], rejections: [] });
    expect(await server.storage.latestSeq()).toBe(seqBefore);
    expect((await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === log.id)).toEqual(stored);
  });

  it('SP-5: a deletion is a tombstone that the supervisor pulls', async () => {
    const log = await created({ date: addDays(asg1.startDate, 5) });
    const { checkpoint } = await pull('supervisor1', 'logs', null, 500);
    const tombstone = { ...log, _deleted: true };
    expect(await push('expert1', 'logs', [{ assumedMasterState: log, newDocumentState: tombstone }])).toEqual(
      {
        conflicts: [],
        rejections: [],
      },
    );
    const next = await pull('supervisor1', 'logs', checkpoint);
    expect(next.documents).toHaveLength(1);
    expect(next.documents[0]).toMatchObject({ id: log.id, _deleted: true, activities: log.activities });
  });

  it('SP-6 SP-7: a log pushed to another expert’s assignment is refused as forbidden and answered with a tombstone', async () => {
    const intruding = newLog({ assignmentId: 'asg-expert2', date: addDays(asg1.startDate, 6) });
    const result = await push('expert1', 'logs', [{ newDocumentState: intruding }]);
    expect(result.rejections).toEqual([{ id: intruding.id, code: 'forbidden', message: expect.any(String) }]);
    expect(result.conflicts).toEqual([{ ...intruding, _deleted: true }]);
    const officerSees = (await pull('officer', 'logs', null, 500)).documents.map((d) => d.id);
    expect(officerSees).not.toContain(intruding.id);
  });

  it('SP-6 SP-7: reusing the id of another expert’s log is refused without revealing that log', async () => {
    const theirs = newLog({
      assignmentId: 'asg-expert2',
      date: addDays(asg1.startDate, 7),
      notes: 'Private note.',
    });
    expect((await push('expert2', 'logs', [{ newDocumentState: theirs }])).rejections).toEqual([]);
    const mine = newLog({ id: theirs.id, notes: 'Overwrite attempt.' });
    const result = await push('expert1', 'logs', [{ newDocumentState: mine }]);
    expect(result.rejections[0]).toMatchObject({ id: theirs.id, code: 'forbidden' });
    expect(result.conflicts).toEqual([{ ...mine, _deleted: true }]);
    expect(JSON.stringify(result)).not.toContain('Private note.');
  });

  it('SP-6: a refused edit of an existing log returns the server version so the device reverts', async () => {
    const log = await created({ date: addDays(asg1.startDate, 8) });
    const moved = { ...log, assignmentId: 'asg-expert2' };
    const result = await push('expert1', 'logs', [{ assumedMasterState: log, newDocumentState: moved }]);
    expect(result.rejections[0]).toMatchObject({ id: log.id, code: 'forbidden' });
    expect(result.conflicts).toEqual([log]);
  });

  it('SP-6: business rules refuse future days, days outside the assignment, odd minutes and over 24 h a day', async () => {
    const rule = async (log: LogDoc, pattern: RegExp) => {
      const result = await push('expert1', 'logs', [{ newDocumentState: log }]);
      expect(result.rejections).toEqual([
        { id: log.id, code: 'rule', message: expect.stringMatching(pattern) },
      ]);
      expect(result.conflicts).toEqual([{ ...log, _deleted: true }]);
    };
    await rule(newLog({ date: addDays(latestIsoDateOnEarth(clock.now()), 1) }), /before it happens/);
    await rule(newLog({ date: addDays(asg1.startDate, -1) }), /within the assignment/);
    await rule(newLog({ date: addDays(asg1.startDate, 9), hours: 1.1 }), /quarter hours/);

    // Two logs of one day in one batch: the second sees the first.
    const day = addDays(asg1.startDate, 10);
    const morning = newLog({ date: day, hours: 20 });
    const evening = newLog({ date: day, hours: 4.25 });
    const batch = await push('expert1', 'logs', [
      { newDocumentState: morning },
      { newDocumentState: evening },
    ]);
    expect(batch.rejections).toEqual([
      { id: evening.id, code: 'rule', message: expect.stringMatching(/24 hours/) },
    ]);
    // And across pushes.
    await rule(newLog({ date: day, hours: 4.25 }), /at most 4 remain/);
    expect(
      (await push('expert1', 'logs', [{ newDocumentState: newLog({ date: day, hours: 4 }) }])).rejections,
    ).toEqual([]);
  });

  it('SP-6: within one batch, edits, moves and deletions of a day’s logs count as they are applied', async () => {
    // Days no other test of this file fills.
    const day = addDays(asg1.startDate, 20);
    const other = addDays(asg1.startDate, 21);
    const long = await created({ date: day, hours: 12 });
    const moving = await created({ date: day, hours: 8 });
    const gone = await created({ date: day, hours: 4 });
    // The day is full (24 h). One batch shortens the first log, moves the second away, deletes
    // the third, and then adds logs that fit only because of those changes.
    const fits = newLog({ date: day, hours: 16 });
    const tooMuch = newLog({ date: day, hours: 0.25 });
    const result = await push('expert1', 'logs', [
      { assumedMasterState: long, newDocumentState: { ...long, hours: 8 } },
      { assumedMasterState: moving, newDocumentState: { ...moving, date: other } },
      { assumedMasterState: gone, newDocumentState: { ...gone, _deleted: true } },
      { newDocumentState: fits },
      { newDocumentState: tooMuch },
      // The moved log's new day counts it: 8 h there already, so 16.25 more do not fit.
      { newDocumentState: newLog({ date: other, hours: 16 }) },
      { newDocumentState: newLog({ date: other, hours: 0.25 }) },
    ]);
    expect(result.rejections.map(({ id, message }) => [id, message])).toEqual([
      [tooMuch.id, expect.stringMatching(/24 are already logged/)],
      [expect.any(String), expect.stringMatching(/24 are already logged/)],
    ]);
    const stored = (await pull('expert1', 'logs', null, 500)).documents;
    const hoursOn = (date: string) =>
      stored.filter((d) => d.date === date && !d._deleted).reduce((sum, d) => sum + d.hours, 0);
    expect([hoursOn(day), hoursOn(other)]).toEqual([24, 24]);
  });

  it('SP-9: a document that does not match the schema is refused as invalid, naming the field', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ workMode: 'beach' }, /workMode/],
      [{ color: 'red' }, /color/],
      [{ hours: '6' }, /hours/],
      [{ activities: 'x'.repeat(5001) }, /activities/],
    ];
    for (const [patch, pattern] of cases) {
      const log = { ...newLog(), ...patch } as LogDoc;
      const result = await push('expert1', 'logs', [{ newDocumentState: log }]);
      expect(result.rejections).toEqual([
        { id: log.id, code: 'invalid', message: expect.stringMatching(pattern) },
      ]);
    }
    const { location: _dropped, ...missing } = newLog();
    const result = await push('expert1', 'logs', [{ newDocumentState: missing as LogDoc }]);
    expect(result.rejections[0]).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/location/),
    });
  });

  it('SP-9: bad requests get JSON errors with the right status and the server keeps serving', async () => {
    const error = (r: { json: unknown }) => (r.json as ApiErrorBody).error.code;
    const token = tokens.expert1;
    const logs = API_PATHS.push('logs');

    const malformed = await call(server, 'POST', logs, { token, rawBody: '[{"newDocumentState": ' });
    expect([malformed.status, error(malformed)]).toEqual([400, 'bad_request']);
    const notArray = await call(server, 'POST', logs, { token, body: { newDocumentState: newLog() } });
    expect([notArray.status, error(notArray)]).toEqual([400, 'bad_request']);
    const noId = await call(server, 'POST', logs, { token, body: [{ newDocumentState: { hours: 1 } }] });
    expect(noId.status).toBe(400);
    const unknownPull = await call(server, 'GET', '/api/sync/photos/pull', { token });
    expect([unknownPull.status, error(unknownPull)]).toEqual([404, 'not_found']);
    const unknownPush = await call(server, 'POST', '/api/sync/photos/push', { token, body: [] });
    expect(unknownPush.status).toBe(404);
    const unknownRoute = await call(server, 'GET', '/api/nothing-here', { token });
    expect([unknownRoute.status, error(unknownRoute)]).toEqual([404, 'not_found']);
    for (const query of [
      'checkpoint=%7Bseq',
      'checkpoint=%7B%22seq%22%3A-1%7D',
      'limit=0',
      'limit=abc',
      'limit=2.5',
    ]) {
      const bad = await call(server, 'GET', `${API_PATHS.pull('logs')}?${query}`, { token });
      expect([query, bad.status, error(bad)]).toEqual([query, 400, 'bad_request']);
    }
    const capped = await call(server, 'GET', `${API_PATHS.pull('logs')}?limit=100000`, { token });
    expect(capped.status).toBe(200);

    const supervisorPush = await call(server, 'POST', logs, { token: tokens.supervisor1, body: [] });
    expect([supervisorPush.status, error(supervisorPush)]).toEqual([403, 'forbidden']);
    const expertAssignments = await call(server, 'POST', API_PATHS.push('assignments'), { token, body: [] });
    expect(expertAssignments.status).toBe(403);
    const pulled = await call(server, 'GET', `${API_PATHS.pull('assignments')}?limit=10`, { token });
    const own = (pulled.json as { documents: Assignment[] }).documents[0]!;
    // SP-4: a device whose sync was cut between storing and recording a pull sends it back as is.
    const echoed = await call(server, 'POST', API_PATHS.push('assignments'), {
      token,
      body: [{ newDocumentState: own }],
    });
    expect([echoed.status, echoed.json]).toEqual([200, { conflicts: [], rejections: [] }]);
    const altered = await call(server, 'POST', API_PATHS.push('assignments'), {
      token,
      body: [{ newDocumentState: { ...own, endDate: addDays(own.endDate, 1) } }],
    });
    expect(altered.status).toBe(403);

    const huge = [{ newDocumentState: { ...newLog(), notes: 'x'.repeat(MAX_BODY_BYTES) } }];
    const tooLarge = await call(server, 'POST', logs, { token, body: huge });
    expect([tooLarge.status, error(tooLarge)]).toEqual([413, 'payload_too_large']);
    const tooMany = Array.from({ length: MAX_PUSH_DOCUMENTS + 1 }, () => ({ newDocumentState: newLog() }));
    const manyRows = await call(server, 'POST', logs, { token, body: tooMany });
    expect([manyRows.status, error(manyRows)]).toEqual([413, 'payload_too_large']);

    expect((await call(server, 'GET', '/healthz')).json).toEqual({ ok: true });
    expect((await call(server, 'GET', API_PATHS.me, { token })).status).toBe(200);
  });

  it('SP-9: a row nested thousands of levels deep is a 400 for every role, not a server fault', async () => {
    const log = await created({ date: addDays(asg1.startDate, 9) });
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
      const answer = await call(server, 'POST', API_PATHS.push('logs'), { token: tokens[who], rawBody });
      expect([who, answer.status, (answer.json as ApiErrorBody).error]).toEqual([
        who,
        400,
        { code: 'bad_request', message: expect.stringMatching(/^Row 0 nests more than \d+ levels deep/) },
      ]);
    }
    expect((await pull('expert1', 'logs', null, 500)).documents.find((d) => d.id === log.id)).toEqual(log);
    expect((await call(server, 'GET', '/healthz')).json).toEqual({ ok: true });
  });

  it('SP-10: an older protocol version gets 426, a garbled one 400, the current one passes', async () => {
    const token = tokens.expert1;
    const old = await call(server, 'GET', API_PATHS.pull('logs'), {
      token,
      headers: { [PROTOCOL_HEADER]: '0' },
    });
    expect([old.status, (old.json as ApiErrorBody).error.code]).toEqual([426, 'upgrade_required']);
    const garbled = await call(server, 'GET', API_PATHS.pull('logs'), {
      token,
      headers: { [PROTOCOL_HEADER]: 'v1' },
    });
    expect(garbled.status).toBe(400);
    const current = await call(server, 'GET', API_PATHS.pull('logs'), {
      token,
      headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
    });
    expect(current.status).toBe(200);
    const oldLogin = await call(server, 'POST', API_PATHS.login, {
      ...loginBody('expert1@demo.test'),
      headers: { [PROTOCOL_HEADER]: '0' },
    });
    expect(oldLogin.status).toBe(426);
  });

  it('SP-8 SP-7: the stream sends resync, then a change to the supervisor and not to another expert', async () => {
    const supervisor = await openStream(server.url, tokens.supervisor1!);
    const otherExpert = await openStream(server.url, tokens.expert2!);
    try {
      expect(supervisor.status).toBe(200);
      expect(supervisor.events[0] ?? (await supervisor.waitFor(() => true, 'first event'))).toEqual({
        type: 'resync',
      });
      await otherExpert.waitFor((e) => e.type === 'resync', 'resync for expert2');

      const log = newLog({ date: addDays(asg1.startDate, 11) });
      expect((await push('expert1', 'logs', [{ newDocumentState: log }])).rejections).toEqual([]);
      const change = await supervisor.waitFor(
        (e) => e.type === 'change' && e.documents.some((d) => d.id === log.id),
        'the change on the supervisor stream',
      );
      expect(change).toMatchObject({
        type: 'change',
        collection: 'logs',
        checkpoint: { seq: expect.any(Number) },
      });

      // Events arrive in commit order: once expert2 sees its own later change, expert1's is not coming.
      const own = newLog({ assignmentId: 'asg-expert2', date: addDays(asg1.startDate, 11) });
      expect((await push('expert2', 'logs', [{ newDocumentState: own }])).rejections).toEqual([]);
      await otherExpert.waitFor(
        (e) => e.type === 'change' && e.documents.some((d) => d.id === own.id),
        'own change',
      );
      const leaked = otherExpert.events.some(
        (e) => e.type === 'change' && e.documents.some((d) => d.id === log.id),
      );
      expect(leaked).toBe(false);
      expect(
        supervisor.events.some((e) => e.type === 'change' && e.documents.some((d) => d.id === own.id)),
      ).toBe(false);
    } finally {
      supervisor.close();
      otherExpert.close();
    }
  });

  it('SP-8 SP-11: the stream pings and closes once its token is revoked', async () => {
    const token = await login(server.url, 'supervisor2@demo.test');
    const stream = await openStream(server.url, token);
    await stream.waitFor((e) => e.type === 'resync', 'resync');
    await pollUntil(() => stream.comments.includes('ping'), 'a heartbeat');
    await call(server, 'POST', API_PATHS.logout, { token });
    await stream.ended;
    const refused = await fetch(`${server.url}${API_PATHS.stream}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);
  });
});

describe('assignment dates', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let asg1: SyncDocument<'assignments'>;

  beforeAll(async () => {
    server = await startTestServer({ seedPastMonths: false });
    for (const who of ['expert1', 'officer']) tokens[who] = await login(server.url, `${who}@demo.test`);
    asg1 = (await pullAll('officer', 'assignments')).find((a) => a.id === 'asg-expert1')!;
  });
  afterAll(() => server.close());

  async function pullAll<K extends CollectionName>(who: string, collection: K): Promise<SyncDocument<K>[]> {
    const { status, json } = await call(server, 'GET', `${API_PATHS.pull(collection)}?limit=500`, {
      token: tokens[who],
    });
    expect(status).toBe(200);
    return (json as PullResponse<K>).documents;
  }

  async function push(who: string, collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
    const { status, json } = await call(server, 'POST', API_PATHS.push(collection), {
      token: tokens[who],
      body: rows,
    });
    expect(status).toBe(200);
    return json as PushResponse;
  }

  it('SP-6: an assignment whose dates are no calendar days, or that ends before it starts, is refused as a rule', async () => {
    const cases: [Partial<Assignment>, RegExp][] = [
      [{ startDate: '2026-13-01' }, /^The start date 2026-13-01 is not a calendar date\.$/],
      [{ endDate: '2027-02-30' }, /^The end date 2027-02-30 is not a calendar date\.$/],
      [{ startDate: '0026-06-01' }, /^The start date 0026-06-01 must be between 2000 and 2099\.$/],
      [{ startDate: addDays(asg1.endDate, 1) }, /^The end date .* is before the start date .*\.$/],
    ];
    for (const [patch, message] of cases) {
      const result = await push('officer', 'assignments', [
        { newDocumentState: { ...asg1, ...patch }, assumedRevision: revisionOf(asg1) },
      ]);
      expect(result).toEqual({
        conflicts: [asg1],
        rejections: [{ id: asg1.id, code: 'rule', message: expect.stringMatching(message) }],
      });
    }
    expect((await pullAll('officer', 'assignments')).find((a) => a.id === asg1.id)).toEqual(asg1);
    // The demo assignment has 89 days; 92 is the most (AS-1).
    const longer = { ...asg1, endDate: addDays(asg1.endDate, 3) };
    expect(
      await push('officer', 'assignments', [{ newDocumentState: longer, assumedRevision: revisionOf(asg1) }]),
    ).toEqual({ conflicts: [], rejections: [] });
    asg1 = (await pullAll('officer', 'assignments')).find((a) => a.id === asg1.id)!;
    expect(asg1.endDate).toBe(longer.endDate);
  });

  it('SP-6 RP-1: rows of an assignment stored with impossible dates are refused with a reason, never a 500', async () => {
    // Stored before the server checked assignment dates.
    const { _deleted, ...data } = { ...asg1, startDate: '2026-13-01' };
    await server.storage.transaction((tx) =>
      tx.writeDocument({
        collection: 'assignments',
        id: asg1.id,
        assignmentId: asg1.id,
        data,
        deleted: false,
      }),
    );
    const report = newReport(asg1, 'final');
    const log: SyncDocument<'logs'> = {
      id: crypto.randomUUID(),
      assignmentId: asg1.id,
      date: addDays(asg1.startDate, 3),
      hours: 6,
      workMode: 'on_site',
      location: 'Mogadishu',
      activities: 'Mapped the borehole maintenance backlog with the rural water unit.',
      ktActivities: [],
      notes: '',
      _deleted: false,
    };
    for (const [collection, doc] of [
      ['reports', report],
      ['logs', log],
    ] as const) {
      const result = await push('expert1', collection, [{ newDocumentState: doc as SyncDocument }]);
      expect(result.rejections).toEqual([{ id: doc.id, code: 'rule', message: BROKEN_ASSIGNMENT_MESSAGE }]);
    }
    expect((await pullAll('expert1', 'reports')).map((r) => r.id)).not.toContain(report.id);
    expect((await call(server, 'GET', '/healthz')).json).toEqual({ ok: true });

    // Once an officer corrects the dates, the report goes through.
    const stored = (await pullAll('officer', 'assignments')).find((a) => a.id === asg1.id)!;
    expect(
      await push('officer', 'assignments', [{ newDocumentState: asg1, assumedRevision: revisionOf(stored) }]),
    ).toEqual({ conflicts: [], rejections: [] });
    expect(await push('expert1', 'reports', [{ newDocumentState: report as SyncDocument }])).toEqual({
      conflicts: [],
      rejections: [],
    });
  });
});

/** Polls a condition until true (no fixed sleeps); fails after the timeout. */
async function pollUntil(condition: () => boolean, label: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
