/**
 * Timesheets on the real sync server over HTTP (docs/sync-protocol.md TS-*): transitions per
 * role, field permissions, the server's snapshot and history, the lock on logs, first decision
 * wins, replays, the officers' CSV export, and the demo seed; and a month edited and submitted
 * offline on a simulated device. Test names cite the rules.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveLog } from '../../src/db/logs';
import { submitTimesheet } from '../../src/db/timesheets';
import { snapshotHash, snapshotLogs, timesheetPeriod } from '../../src/shared/rules/timesheet-rules';
import type { Assignment, CollectionName, DailyLog, Timesheet } from '../../src/shared/schemas';
import { timesheetId, type TimesheetSnapshot } from '../../src/shared/schemas/timesheet.schema';
import {
  API_PATHS,
  type ApiErrorBody,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncDocument,
} from '../../src/shared/sync/protocol';
import { revisionOf } from '../../src/shared/sync/revision';
import { previousMonth } from '../../sync-server/src/seed';
import { openTestDevice, waitUntil, type TestDevice } from '../helpers/devices';
import { createTestClock, login, startTestServer, type TestServer } from '../helpers/test-server';

type TimesheetDoc = SyncDocument<'timesheets'>;
type LogDoc = SyncDocument<'logs'>;
const WHO = ['expert1', 'expert2', 'supervisor1', 'supervisor2', 'officer'] as const;
type Who = (typeof WHO)[number];

/** One seeded server with signed-in demo users, and the HTTP calls the tests make. */
function serverFixture() {
  const clock = createTestClock();
  const today = clock.now().toISOString().slice(0, 10);
  const thisMonth = today.slice(0, 7);
  const lastMonth = previousMonth(thisMonth);
  const monthBefore = previousMonth(lastMonth);
  const f = {
    server: undefined as unknown as TestServer,
    tokens: {} as Record<Who, string>,
    clock,
    today,
    thisMonth,
    lastMonth,
    monthBefore,

    async call(method: string, path: string, token: string, body?: unknown) {
      const response = await fetch(`${f.server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      // Keeps a byte-order mark in the text (response.text() would drop it).
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, text };
    },

    async push(who: Who | string, collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
      const token = f.tokens[who as Who] ?? who;
      const { status, text } = await f.call('POST', API_PATHS.push(collection), token, rows);
      expect(status, text).toBe(200);
      return JSON.parse(text) as PushResponse;
    },

    async pull<K extends CollectionName>(who: Who, collection: K): Promise<SyncDocument<K>[]> {
      const { status, text } = await f.call('GET', `${API_PATHS.pull(collection)}?limit=500`, f.tokens[who]);
      expect(status).toBe(200);
      return (JSON.parse(text) as PullResponse<K>).documents;
    },

    async timesheet(id: string): Promise<TimesheetDoc | undefined> {
      return (await f.pull('officer', 'timesheets')).find((t) => t.id === id);
    },

    async assignment(id: string): Promise<Assignment> {
      const found = (await f.pull('officer', 'assignments')).find((a) => a.id === id);
      if (!found) throw new Error(`no assignment ${id}`);
      return found;
    },

    /** The snapshot a device holding the server's logs would declare. */
    async snapshot(assignmentId: string, month: string): Promise<TimesheetSnapshot> {
      const assignment = await f.assignment(assignmentId);
      const logs = (await f.pull('officer', 'logs')).filter((l) => !l._deleted) as DailyLog[];
      const period = timesheetPeriod(assignment, month);
      const snapshotted = period ? snapshotLogs(logs, assignmentId, period) : [];
      return { logs: snapshotted, hash: await snapshotHash(assignmentId, month, snapshotted) };
    },

    /** Pushes `next` as a change of the server's current version of the same timesheet. */
    async decide(who: Who | string, next: TimesheetDoc): Promise<PushResponse> {
      const assumed = await f.timesheet(next.id);
      return f.push(who, 'timesheets', [{ newDocumentState: next, assumedMasterState: assumed }]);
    },

    async writeLog(log: LogDoc): Promise<PushResponse> {
      const assumed = (await f.pull('expert1', 'logs')).find((l) => l.id === log.id);
      return f.push(log.assignmentId === 'asg-expert2' ? 'expert2' : 'expert1', 'logs', [
        { newDocumentState: log, assumedMasterState: assumed },
      ]);
    },
  };
  beforeAll(async () => {
    f.server = await startTestServer({ now: clock.now });
    for (const who of WHO) f.tokens[who] = await login(f.server.url, `${who}@demo.test`);
  });
  afterAll(() => f.server.close());
  return f;
}

function newLog(date: string, patch: Partial<LogDoc> = {}): LogDoc {
  return {
    id: crypto.randomUUID(),
    assignmentId: 'asg-expert1',
    date,
    hours: 6,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Calibrated the turbidity meters with the water-quality unit.',
    ktActivities: [{ type: 'training', peopleReached: 3 }],
    notes: '',
    _deleted: false,
    ...patch,
  };
}

const accepted: PushResponse = { conflicts: [], rejections: [] };

function expectRefused(response: PushResponse, code: string, message: RegExp | string) {
  expect(response.rejections).toHaveLength(1);
  expect(response.rejections[0]).toMatchObject({ code });
  if (typeof message === 'string') expect(response.rejections[0]!.message).toBe(message);
  else expect(response.rejections[0]!.message).toMatch(message);
}

describe('demo seed', () => {
  const f = serverFixture();

  it('TS-5 TS-6: expert1 has M−2 approved and M−1 submitted, expert2 has M−1 returned, all with history', async () => {
    const all = (await f.pull('officer', 'timesheets')).sort((a, b) => a.id.localeCompare(b.id));
    expect(all.map((t) => [t.id, t.status])).toEqual([
      [timesheetId('asg-expert1', f.monthBefore), 'approved'],
      [timesheetId('asg-expert1', f.lastMonth), 'submitted'],
      [timesheetId('asg-expert2', f.lastMonth), 'returned'],
    ]);
    const [approved, submitted, returned] = all as [TimesheetDoc, TimesheetDoc, TimesheetDoc];
    expect(approved.history!.map((h) => [h.byName, h.from, h.to])).toEqual([
      ['Amina Yusuf', 'draft', 'submitted'],
      ['Abdirahman Warsame', 'submitted', 'approved'],
    ]);
    expect(approved.approval!.hash).toBe(approved.submission!.snapshot.hash);
    expect(approved.submission!.snapshot).toEqual(await f.snapshot('asg-expert1', f.monthBefore));
    expect(approved.submission!.snapshot.logs.length).toBeGreaterThanOrEqual(3);
    expect(submitted.history!.map((h) => [h.byName, h.from, h.to])).toEqual([
      ['Amina Yusuf', 'draft', 'submitted'],
    ]);
    expect(submitted.submission!.snapshot).toEqual(await f.snapshot('asg-expert1', f.lastMonth));
    expect(returned.history!.map((h) => [h.byName, h.role, h.from, h.to])).toEqual([
      ['Chidi Okafor', 'expert', 'draft', 'submitted'],
      ['Ngozi Adeyemi', 'supervisor', 'submitted', 'returned'],
    ]);
    expect(returned.returned!.comment).toBe(returned.history![1]!.comment);
    expect(returned.returned!.dayComments).toHaveLength(1);
    expect(returned.returned!.dayComments[0]!.date.slice(0, 7)).toBe(f.lastMonth);
    // History times are in order and never after the seeding.
    for (const t of all) {
      const times = t.history!.map((h) => h.at);
      expect([...times].sort()).toEqual(times);
      expect(times.every((at) => at <= f.clock.now().toISOString())).toBe(true);
    }
  });

  it('TS-6: the current month is open for logging today; the recent week is still there', async () => {
    expect(await f.writeLog(newLog(f.today, { hours: 2 }))).toEqual(accepted);
    const recent = (await f.pull('expert1', 'logs')).filter((l) => l.id.startsWith('log-expert1-'));
    expect(recent).toHaveLength(5);
  });

  it('TS-2: supervisors see what waits for them: supervisor1 the submitted month, supervisor2 none', async () => {
    const forSupervisor1 = await f.pull('supervisor1', 'timesheets');
    expect(forSupervisor1.filter((t) => t.status === 'submitted').map((t) => t.id)).toEqual([
      timesheetId('asg-expert1', f.lastMonth),
    ]);
    expect((await f.pull('supervisor2', 'timesheets')).map((t) => t.status)).toEqual(['returned']);
    expect((await f.pull('expert2', 'timesheets')).every((t) => t.assignmentId === 'asg-expert2')).toBe(true);
  });
});

describe('a month through every transition', () => {
  const f = serverFixture();
  let id: string;
  let todayLog: LogDoc;
  const base = (): TimesheetDoc => ({
    id,
    assignmentId: 'asg-expert1',
    month: f.thisMonth,
    status: 'draft',
    _deleted: false,
  });
  const submission = async (fullName = 'Amina Yusuf') => ({
    declaration: true as const,
    fullName,
    snapshot: await f.snapshot('asg-expert1', f.thisMonth),
  });
  const current = async () => (await f.timesheet(id))!;
  const storedLog = async () => (await f.pull('expert1', 'logs')).find((l) => l.id === todayLog.id)!;

  beforeAll(async () => {
    id = timesheetId('asg-expert1', f.thisMonth);
    todayLog = newLog(f.today);
    expect(await f.writeLog(todayLog)).toEqual(accepted);
  });

  it('TS-2 SP-7: only the expert of the assignment starts its timesheet', async () => {
    expectRefused(
      await f.push('supervisor1', 'timesheets', [{ newDocumentState: base() }]),
      'forbidden',
      /Only the expert/,
    );
    expectRefused(
      await f.push('officer', 'timesheets', [{ newDocumentState: base() }]),
      'forbidden',
      /Only the expert/,
    );
    for (const outsider of ['expert2', 'supervisor2'] as const) {
      const response = await f.push(outsider, 'timesheets', [{ newDocumentState: base() }]);
      expectRefused(response, 'forbidden', /assignments you work on or supervise/);
      // What they get back reveals nothing: a tombstone of what they sent.
      expect(response.conflicts).toEqual([{ ...base(), _deleted: true }]);
    }
    expect(await f.timesheet(id)).toBeUndefined();
  });

  it('TS-2 TS-5: the expert creates a draft; a history sent by the device is ignored', async () => {
    const forged = [
      {
        at: '2001-01-01T00:00:00.000Z',
        byUserId: 'x',
        byName: 'Nobody',
        role: 'officer',
        from: 'submitted',
        to: 'approved',
      },
    ];
    expect(
      await f.push('expert1', 'timesheets', [{ newDocumentState: { ...base(), history: forged } }]),
    ).toEqual(accepted);
    const stored = await current();
    expect(stored).toMatchObject({ status: 'draft', authorId: 'user-expert1', history: [] });
    expect(stored.createdAt).toBe(f.clock.now().toISOString());
  });

  it('TS-2: the expert cannot approve their own month; a supervisor cannot submit it', async () => {
    const approving = {
      ...(await current()),
      status: 'approved' as const,
      approval: { fullName: 'Amina Yusuf', hash: 'a'.repeat(64) },
    };
    expectRefused(await f.decide('expert1', approving), 'rule', /cannot go from draft to approved/);
    const submitting = {
      ...(await current()),
      status: 'submitted' as const,
      submission: await submission('Abdirahman Warsame'),
    };
    expectRefused(await f.decide('supervisor1', submitting), 'forbidden', /Only the expert/);
    expect((await current()).status).toBe('draft');
  });

  it('TS-4: a submission whose days differ from the server’s is refused and the timesheet stays a draft', async () => {
    const stale = await submission();
    stale.snapshot = { logs: [], hash: await snapshotHash('asg-expert1', f.thisMonth, []) };
    const response = await f.decide('expert1', {
      ...(await current()),
      status: 'submitted',
      submission: stale,
    });
    expectRefused(
      response,
      'rule',
      'Some days of this month had not reached the server when you submitted; the timesheet is back to draft. Submit it again now that your days are synced.',
    );
    expect(response.conflicts[0]).toMatchObject({ id, status: 'draft' });
    expect((await current()).status).toBe('draft');
  });

  it('TS-4 TS-5 SP-4: the expert submits; the server keeps its snapshot and records who and which hash; a replay is harmless', async () => {
    f.clock.advance(60_000);
    const sent = { ...(await current()), status: 'submitted' as const, submission: await submission() };
    expect(sent.submission.snapshot.logs.map((l) => l.id)).toContain(todayLog.id);
    expect(await f.decide('expert1', sent)).toEqual(accepted);
    const stored = await current();
    expect(stored.submission).toEqual(sent.submission);
    expect(stored.history).toEqual([
      {
        at: f.clock.now().toISOString(),
        byUserId: 'user-expert1',
        byName: 'Amina Yusuf',
        role: 'expert',
        from: 'draft',
        to: 'submitted',
        hash: sent.submission.snapshot.hash,
      },
    ]);
    const seqBefore = await f.server.storage.latestSeq();
    // The reply was lost: the device sends the same row again, based on the draft. Nothing is
    // written; it gets the stored version, with the history, to adopt.
    const draft = { ...sent, status: 'draft' as const, submission: undefined };
    expect(
      await f.push('expert1', 'timesheets', [{ newDocumentState: sent, assumedMasterState: draft }]),
    ).toEqual({ conflicts: [await current()], rejections: [] });
    expect(await f.server.storage.latestSeq()).toBe(seqBefore);
    expect((await current()).history).toHaveLength(1);
  });

  it('TS-6: while submitted, the month’s logs cannot be created, changed or deleted', async () => {
    const reason = /is submitted and waiting for sign-off by your supervisor/;
    expectRefused(await f.writeLog(newLog(f.today, { hours: 1 })), 'rule', reason);
    const stored = await storedLog();
    expectRefused(await f.writeLog({ ...stored, hours: 5 }), 'rule', reason);
    const response = await f.writeLog({ ...stored, _deleted: true });
    expectRefused(response, 'rule', reason);
    expect(response.conflicts).toEqual([stored]);
    expect((await storedLog())._deleted).toBe(false);
  });

  it('TS-3 SP-7: a supervisor cannot change the days (logs are 403) nor the submission', async () => {
    const { status, text } = await f.call('POST', API_PATHS.push('logs'), f.tokens.supervisor1, [
      { newDocumentState: { ...(await storedLog()), hours: 1 } },
    ]);
    expect(status).toBe(403);
    expect((JSON.parse(text) as ApiErrorBody).error.code).toBe('forbidden');
    const stored = await current();
    const altered = { ...stored, submission: { ...stored.submission!, fullName: 'Someone Else' } };
    expectRefused(
      await f.decide('supervisor1', altered),
      'rule',
      /submitted timesheet cannot be changed without a decision/,
    );
    const approvingAltered = {
      ...altered,
      status: 'approved' as const,
      approval: { fullName: 'Abdirahman Warsame', hash: stored.submission!.snapshot.hash },
    };
    expectRefused(
      await f.decide('supervisor1', approvingAltered),
      'rule',
      "Field 'submission' cannot change when a timesheet is approved.",
    );
  });

  it('TS-2: no one but a supervisor of the assignment approves or returns', async () => {
    const stored = await current();
    const approving = {
      ...stored,
      status: 'approved' as const,
      approval: { fullName: 'X', hash: stored.submission!.snapshot.hash },
    };
    expectRefused(await f.decide('expert1', approving), 'forbidden', /host supervisor/);
    expectRefused(await f.decide('officer', approving), 'forbidden', /host supervisor/);
    expectRefused(
      await f.decide('supervisor2', approving),
      'forbidden',
      /assignments you work on or supervise/,
    );
    expectRefused(await f.decide('expert2', approving), 'forbidden', /assignments you work on or supervise/);
    expect((await current()).status).toBe('submitted');
  });

  it('TS-3: an approval must carry the submitted hash, a return a comment', async () => {
    const stored = await current();
    const wrongHash = {
      ...stored,
      status: 'approved' as const,
      approval: { fullName: 'Abdirahman Warsame', hash: 'f'.repeat(64) },
    };
    expectRefused(await f.decide('supervisor1', wrongHash), 'rule', /does not match the days submitted/);
    const blank = { ...stored, status: 'returned' as const, returned: { comment: '  ', dayComments: [] } };
    expectRefused(await f.decide('supervisor1', blank), 'rule', /needs a comment/);
    const bigSignature = {
      ...stored,
      status: 'approved' as const,
      approval: {
        fullName: 'Abdirahman Warsame',
        hash: stored.submission!.snapshot.hash,
        signature: 'M'.repeat(20_001),
      },
    };
    expectRefused(await f.decide('supervisor1', bigSignature), 'invalid', /signature/);
  });

  it('TS-2 TS-5 TS-6: the supervisor returns it with a comment; the days open again', async () => {
    f.clock.advance(60_000);
    const stored = await current();
    const comment = 'Please add what you did on the borehole visit.';
    const returning = {
      ...stored,
      status: 'returned' as const,
      returned: { comment, dayComments: [{ date: f.today, comment: 'Which borehole?' }] },
    };
    expect(await f.decide('supervisor1', returning)).toEqual(accepted);
    const after = await current();
    expect(after.history).toHaveLength(2);
    expect(after.history![0]).toEqual(stored.history![0]);
    expect(after.history![1]).toEqual({
      at: f.clock.now().toISOString(),
      byUserId: 'user-supervisor1',
      byName: 'Abdirahman Warsame',
      role: 'supervisor',
      from: 'submitted',
      to: 'returned',
      comment,
    });
    expect(after.authorId).toBe('user-expert1');
    expect(await f.writeLog({ ...(await storedLog()), hours: 5, notes: 'Borehole 7, Afgooye.' })).toEqual(
      accepted,
    );
  });

  it('TS-4: resubmitting the old snapshot after a day changed is refused; the timesheet stays returned', async () => {
    const stored = await current();
    const response = await f.decide('expert1', { ...stored, status: 'submitted' });
    expectRefused(
      response,
      'rule',
      /had not reached the server when you submitted; the timesheet is back to returned\./,
    );
    expect((await current()).status).toBe('returned');
  });

  it('TS-2 TS-3: the expert resubmits (the return comment stays), the supervisor approves, and the lock names them', async () => {
    f.clock.advance(60_000);
    const stored = await current();
    expect(
      await f.decide('expert1', { ...stored, status: 'submitted', submission: await submission() }),
    ).toEqual(accepted);
    const submitted = await current();
    expect(submitted.returned).toEqual(stored.returned);
    f.clock.advance(86_400_000);
    const approval = {
      fullName: 'Abdirahman Warsame',
      signature: 'M0 0 L 10 10',
      hash: submitted.submission!.snapshot.hash,
    };
    expect(await f.decide('supervisor1', { ...submitted, status: 'approved', approval })).toEqual(accepted);
    const approved = await current();
    expect(approved.history!.map((h) => `${h.from}>${h.to}`)).toEqual([
      'draft>submitted',
      'submitted>returned',
      'returned>submitted',
      'submitted>approved',
    ]);
    expect(approved.history![3]).toMatchObject({ byName: 'Abdirahman Warsame', hash: approval.hash });
    const day = f.clock.now().toISOString().slice(0, 10);
    const month = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${f.thisMonth}-01T00:00:00Z`));
    expectRefused(
      await f.writeLog({ ...(await storedLog()), hours: 4 }),
      'rule',
      `${month} was approved by Abdirahman Warsame on ${day}; ask your programme officer to reopen it to change its days.`,
    );
  });

  it('TS-2: an approved month goes back only through an officer; the supervisor cannot return it', async () => {
    const stored = await current();
    const returning = {
      ...stored,
      status: 'returned' as const,
      returned: { comment: 'Second thoughts', dayComments: [] },
    };
    expectRefused(await f.decide('supervisor1', returning), 'forbidden', /programme officer/);
    expectRefused(
      await f.decide('expert1', { ...stored, status: 'submitted' }),
      'rule',
      /cannot go from approved to submitted/,
    );
    expectRefused(
      await f.decide('officer', { ...stored, status: 'returned', reopened: { reason: ' ' } }),
      'rule',
      /written reason/,
    );
  });

  it('TS-1: a timesheet cannot be deleted', async () => {
    const stored = await current();
    expectRefused(await f.decide('expert1', { ...stored, _deleted: true }), 'rule', /cannot be deleted/);
    expectRefused(await f.decide('officer', { ...stored, _deleted: true }), 'rule', /cannot be deleted/);
    expect((await current())._deleted).toBe(false);
  });

  it('TS-2 TS-5 TS-6: an officer reopens it with a reason; the days open again', async () => {
    f.clock.advance(60_000);
    const stored = await current();
    const reason = 'The travel day was charged to the wrong month.';
    expect(await f.decide('officer', { ...stored, status: 'returned', reopened: { reason } })).toEqual(
      accepted,
    );
    const reopened = await current();
    expect(reopened.history!.slice(0, 4)).toEqual(stored.history);
    expect(reopened.history![4]).toMatchObject({
      byName: 'Lena Fischer',
      role: 'officer',
      from: 'approved',
      to: 'returned',
      comment: reason,
    });
    expect(await f.writeLog({ ...(await storedLog()), hours: 4 })).toEqual(accepted);
  });

  it('TS-5: nobody rewrites history: a device’s history is ignored on every push', async () => {
    const stored = await current();
    const rewritten = { ...stored, history: [] };
    // Only the history differs: to the server that is the same document (SP-4), nothing is written.
    expect(
      await f.push('officer', 'timesheets', [{ newDocumentState: rewritten, assumedMasterState: stored }]),
    ).toEqual(accepted);
    expect((await current()).history).toEqual(stored.history);
    const resubmitting = {
      ...stored,
      status: 'submitted' as const,
      submission: await submission(),
      history: [],
    };
    expect(await f.decide('expert1', resubmitting)).toEqual(accepted);
    const after = await current();
    expect(after.history!.slice(0, 5)).toEqual(stored.history);
    expect(after.history).toHaveLength(6);
  });
});

describe('first decision wins', () => {
  const f = serverFixture();

  it('TS-1 TS-7: two devices that create the same month offline make one timesheet; the second gets a conflict', async () => {
    const todayLog = newLog(f.today);
    expect(await f.writeLog(todayLog)).toEqual(accepted);
    const id = timesheetId('asg-expert1', f.thisMonth);
    const draft: TimesheetDoc = {
      id,
      assignmentId: 'asg-expert1',
      month: f.thisMonth,
      status: 'draft',
      _deleted: false,
    };
    expect(await f.push('expert1', 'timesheets', [{ newDocumentState: draft }])).toEqual(accepted);
    const onServer = (await f.timesheet(id))!;
    // The tablet also started the month offline and submitted it there.
    const tablet = {
      ...draft,
      status: 'submitted' as const,
      submission: {
        declaration: true as const,
        fullName: 'Amina Yusuf',
        snapshot: await f.snapshot('asg-expert1', f.thisMonth),
      },
    };
    const response = await f.push('expert1', 'timesheets', [{ newDocumentState: tablet }]);
    expect(response).toEqual({ conflicts: [onServer], rejections: [] });
    // The same create again is only a replay (SP-4): nothing written, the stored version back.
    expect(await f.push('expert1', 'timesheets', [{ newDocumentState: draft }])).toEqual({
      conflicts: [onServer],
      rejections: [],
    });
    const ofMonth = (await f.pull('officer', 'timesheets')).filter((t) => t.month === f.thisMonth);
    expect(ofMonth).toEqual([onServer]);
    // Rebased on the server's version, the tablet's submission goes through.
    expect(
      await f.push('expert1', 'timesheets', [{ newDocumentState: tablet, assumedMasterState: onServer }]),
    ).toEqual(accepted);
  });

  it('TS-7: a supervisor approving on a second session after the first returned it gets a conflict with the returned version', async () => {
    const secondSession = await login(f.server.url, 'supervisor1@demo.test');
    const id = timesheetId('asg-expert1', f.lastMonth);
    const submitted = (await f.timesheet(id))!;
    expect(submitted.status).toBe('submitted');
    const returning = {
      ...submitted,
      status: 'returned' as const,
      returned: { comment: 'Missing the 12th.', dayComments: [] },
    };
    expect(
      await f.push('supervisor1', 'timesheets', [
        { newDocumentState: returning, assumedMasterState: submitted },
      ]),
    ).toEqual(accepted);
    const returned = (await f.timesheet(id))!;

    const approving = {
      ...submitted,
      status: 'approved' as const,
      approval: { fullName: 'Abdirahman Warsame', hash: submitted.submission!.snapshot.hash },
    };
    const response = await f.push(secondSession, 'timesheets', [
      { newDocumentState: approving, assumedMasterState: submitted },
    ]);
    expect(response).toEqual({ conflicts: [returned], rejections: [] });
    expect(returned.history!.at(-1)).toMatchObject({ byName: 'Abdirahman Warsame', to: 'returned' });
    expect(await f.timesheet(id)).toEqual(returned);
  });
});

describe('TS-4 what the device declares before its days reach the server', () => {
  const f = serverFixture();
  const id = () => timesheetId('asg-expert1', f.thisMonth);
  const logsOfMonth = async () =>
    ((await f.pull('expert1', 'logs')) as LogDoc[]).filter(
      (l) => !l._deleted && l.assignmentId === 'asg-expert1' && l.date.slice(0, 7) === f.thisMonth,
    );

  /** The snapshot as a device computes it from the logs it holds, server stamps or not. */
  async function deviceSnapshot(held: readonly DailyLog[]): Promise<TimesheetSnapshot> {
    const period = timesheetPeriod(await f.assignment('asg-expert1'), f.thisMonth)!;
    const logs = snapshotLogs(held, 'asg-expert1', period);
    return { logs, hash: await snapshotHash('asg-expert1', f.thisMonth, logs) };
  }
  const submitting = (snapshot: TimesheetSnapshot, current?: TimesheetDoc): TimesheetDoc => ({
    ...(current ?? { id: id(), assignmentId: 'asg-expert1', month: f.thisMonth, _deleted: false }),
    status: 'submitted',
    submission: { declaration: true, fullName: 'Amina Yusuf', snapshot },
  });

  let dayLog: LogDoc;
  beforeAll(async () => {
    dayLog = newLog(f.today, { hours: 4 });
    expect(await f.writeLog(dayLog)).toEqual(accepted);
  });

  it('TS-4: a log changed after the device computed its snapshot is refused, even when only its notes changed', async () => {
    const snapshot = await deviceSnapshot(await logsOfMonth());
    f.clock.advance(60_000);
    const stored = (await logsOfMonth()).find((l) => l.id === dayLog.id)!;
    // Another device of the expert adds a note: same hours, same day, same work mode.
    expect(await f.writeLog({ ...stored, notes: 'Added on the tablet.' })).toEqual(accepted);
    expectRefused(
      await f.push('expert1', 'timesheets', [{ newDocumentState: submitting(snapshot) }]),
      'rule',
      /had not reached the server when you submitted; the timesheet is back to draft\./,
    );
    expect(await f.timesheet(id())).toBeUndefined();
  });

  it('TS-4: a day edited and one added offline, then the month submitted offline: accepted once the logs arrive first', async () => {
    const pulled = await logsOfMonth();
    const edited = { ...pulled.find((l) => l.id === dayLog.id)!, hours: 5, notes: 'Borehole 7, Afgooye.' };
    const added = newLog(f.today, { hours: 1.5, workMode: 'remote' });
    // The device's copy of the edited log still carries the stamps of its last pull.
    const held = [...pulled.filter((l) => l.id !== edited.id), edited, added];
    const snapshot = await deviceSnapshot(held);

    // Back online: the log replication pushes first, then the timesheet; the server stamps anew.
    f.clock.advance(60_000);
    expect(await f.writeLog(edited)).toEqual(accepted);
    expect(await f.writeLog(added)).toEqual(accepted);
    f.clock.advance(1_000);
    expect(await f.push('expert1', 'timesheets', [{ newDocumentState: submitting(snapshot) }])).toEqual(
      accepted,
    );
    const stored = (await f.timesheet(id()))!;
    expect(stored.status).toBe('submitted');
    expect(stored.submission!.snapshot).toEqual(snapshot);
    expect(stored.history).toMatchObject([{ from: 'draft', to: 'submitted', hash: snapshot.hash }]);
    // A supervisor's device holds the stamped logs: it computes the same hash, and signs it.
    expect(await f.snapshot('asg-expert1', f.thisMonth)).toEqual(snapshot);
    const approval = { fullName: 'Abdirahman Warsame', hash: snapshot.hash };
    expect(await f.decide('supervisor1', { ...stored, status: 'approved', approval })).toEqual(accepted);
  });

  it('TS-4: a month is still accepted from an app that versions its snapshot by updatedAt', async () => {
    f.clock.advance(60_000);
    const reason = 'Re-sign after the app update.';
    expect(
      await f.decide('officer', { ...(await f.timesheet(id()))!, status: 'returned', reopened: { reason } }),
    ).toEqual(accepted);
    const period = timesheetPeriod(await f.assignment('asg-expert1'), f.thisMonth)!;
    const logs = snapshotLogs(await logsOfMonth(), 'asg-expert1', period, 'updatedAt');
    expect(logs.every((l) => /^\d{4}-\d{2}-\d{2}T/.test(l.version))).toBe(true);
    const legacy = { logs, hash: await snapshotHash('asg-expert1', f.thisMonth, logs) };
    expect(await f.decide('expert1', submitting(legacy, await f.timesheet(id())))).toEqual(accepted);
    const stored = (await f.timesheet(id()))!;
    expect(stored.submission!.snapshot).toEqual(legacy);
    // The server recomputed on the basis the device used: on content the hash differs.
    expect((await deviceSnapshot(await logsOfMonth())).hash).not.toBe(legacy.hash);
    const approval = { fullName: 'Abdirahman Warsame', hash: legacy.hash };
    expect(await f.decide('supervisor1', { ...stored, status: 'approved', approval })).toEqual(accepted);
  });
});

describe('TS-4 on a device: a month edited and submitted offline', () => {
  let server: TestServer;
  let phone: TestDevice;
  let officerToken: string;

  beforeEach(async () => {
    // No past months: every month of the assignment is open (TS-6).
    server = await startTestServer({ seedPastMonths: false });
    officerToken = await login(server.url, 'officer@demo.test');
    phone = await openTestDevice('user-expert1', server.url, 'expert');
    phone.startSync(await login(server.url, 'expert1@demo.test'));
  });
  afterEach(async () => {
    await phone.close();
    await server.close();
  });

  const onServer = async (id: string) => {
    const response = await fetch(`${server.url}${API_PATHS.pull('timesheets')}?limit=500`, {
      headers: { authorization: `Bearer ${officerToken}` },
    });
    return ((await response.json()) as PullResponse<'timesheets'>).documents.find((t) => t.id === id);
  };
  const assignmentOnPhone = () =>
    waitUntil(
      async () => (await phone.device.db.assignments.findOne('asg-expert1').exec())?.toJSON() as Assignment,
      'the assignment on the phone',
    );
  const dayOf = (assignment: Assignment, patch: Partial<LogDoc> = {}) => ({
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: assignment.startDate,
    hours: 6,
    workMode: 'on_site' as const,
    location: 'Mogadishu',
    activities: 'Borehole visit',
    ktActivities: [],
    notes: '',
    ...patch,
  });

  /** Saves `day` and waits until the phone holds the server's stamped version, as after any sync. */
  async function savedAndStamped(day: ReturnType<typeof dayOf>) {
    await saveLog(phone.device, day);
    await waitUntil(
      async () => (await phone.device.db.logs.findOne(day.id).exec())?.updatedAt,
      'the log stamped by the server',
    );
  }

  async function expectSubmittedWithoutRefusal(assignment: Assignment, month: string) {
    const id = timesheetId(assignment.id, month);
    const declared = (await phone.device.db.timesheets.findOne(id).exec())!.toJSON() as Timesheet;
    const stored = await waitUntil(
      async () => ((await onServer(id))?.status === 'submitted' ? onServer(id) : undefined),
      'the month submitted on the server',
    );
    expect(stored.submission!.snapshot).toEqual(declared.submission!.snapshot);
    expect(stored.history).toMatchObject([{ from: 'draft', to: 'submitted' }]);
    await waitUntil(() => phone.sync?.state.pendingCount === 0, 'the phone synced');
    expect(await phone.device.db.refusals.count().exec()).toBe(0);
    expect((await phone.device.db.timesheets.findOne(id).exec())?.status).toBe('submitted');
  }

  it('TS-4: a log edited offline and the month submitted offline are submitted on reconnect, not refused', async () => {
    const assignment = await assignmentOnPhone();
    const day = dayOf(assignment);
    await savedAndStamped(day);
    await phone.sync!.awaitInSync();

    await server.stop();
    await saveLog(phone.device, { ...day, hours: 7.5, notes: 'Edited without signal.' });
    const month = day.date.slice(0, 7);
    await submitTimesheet(phone.device, assignment, month, 'Amina Yusuf');
    await server.restart();
    phone.sync!.syncNow();

    await expectSubmittedWithoutRefusal(assignment, month);
  });

  it('TS-4: a day edited and the month submitted at once while online is submitted, not refused', async () => {
    const assignment = await assignmentOnPhone();
    const day = dayOf(assignment);
    await savedAndStamped(day);
    await saveLog(phone.device, { ...day, hours: 3 });
    await submitTimesheet(phone.device, assignment, day.date.slice(0, 7), 'Amina Yusuf');

    await expectSubmittedWithoutRefusal(assignment, day.date.slice(0, 7));
  });
});

describe('the lock on the demo months', () => {
  const f = serverFixture();
  const seededLog = async (prefix: string) =>
    (await f.pull('expert1', 'logs')).find((l) => l.id.startsWith(prefix) && !l._deleted)!;

  it('TS-6: a log of the approved month names the approver and the day', async () => {
    const log = await seededLog('log-approved-expert1-');
    const approval = (await f.timesheet(timesheetId('asg-expert1', f.monthBefore)))!.history!.at(-1)!;
    expectRefused(
      await f.writeLog({ ...log, hours: 1 }),
      'rule',
      new RegExp(
        `was approved by Abdirahman Warsame on ${approval.at.slice(0, 10)}; ask your programme officer`,
      ),
    );
    expectRefused(await f.writeLog(newLog(log.date, { hours: 1 })), 'rule', /was approved by/);
  });

  it('TS-6: a day cannot be moved out of a locked month, nor into one', async () => {
    const log = await seededLog('log-submitted-expert1-');
    expectRefused(
      await f.writeLog({ ...log, date: f.today }),
      'rule',
      /is submitted and waiting for sign-off/,
    );
    const open = newLog(f.today, { hours: 1 });
    expect(await f.writeLog(open)).toEqual(accepted);
    const stored = (await f.pull('expert1', 'logs')).find((l) => l.id === open.id)!;
    expectRefused(await f.writeLog({ ...stored, date: log.date }), 'rule', /is submitted and waiting/);
  });

  it('TS-6: a returned month stays open to its expert', async () => {
    const log = (await f.pull('expert2', 'logs')).find((l) => l.id.startsWith('log-returned-expert2-'))!;
    expect(
      await f.push('expert2', 'logs', [{ newDocumentState: { ...log, hours: 6 }, assumedMasterState: log }]),
    ).toEqual(accepted);
  });

  it('TS-1: a month outside the assignment, or an id that is not its assignment and month, is refused', async () => {
    const far: TimesheetDoc = {
      id: 'asg-expert1:2001-01',
      assignmentId: 'asg-expert1',
      month: '2001-01',
      status: 'draft',
      _deleted: false,
    };
    expectRefused(
      await f.push('expert1', 'timesheets', [{ newDocumentState: far }]),
      'rule',
      /January 2001 is outside the assignment/,
    );
    const mismatched = { ...far, id: timesheetId('asg-expert2', f.lastMonth), month: f.thisMonth };
    const response = await f.push('expert1', 'timesheets', [{ newDocumentState: mismatched }]);
    expectRefused(response, 'invalid', /id is its assignment and month/);
    // expert2's timesheet has that id: it is not revealed to expert1.
    expect(response.conflicts).toEqual([{ ...mismatched, _deleted: true }]);
  });
});

describe('CSV export', () => {
  const f = serverFixture();
  const exportCsv = (who: Who, query = '') =>
    f.call('GET', `${API_PATHS.exportTimesheets}${query}`, f.tokens[who]);

  /** A minimal RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF rows. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted && c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (!quoted && c === ',') {
        row.push(cell);
        cell = '';
      } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = '';
        i++;
      } else {
        cell += c;
      }
    }
    return rows;
  }

  it('TS-8: only officers export; other statuses and bad months are refused', async () => {
    for (const who of ['expert1', 'supervisor1', 'supervisor2'] as const) {
      const { status, text } = await exportCsv(who);
      expect(status).toBe(403);
      expect((JSON.parse(text) as ApiErrorBody).error.code).toBe('forbidden');
    }
    expect((await exportCsv('officer', '?status=submitted')).status).toBe(400);
    expect((await exportCsv('officer', '?month=2026-13')).status).toBe(400);
    expect((await exportCsv('officer', '?month=June')).status).toBe(400);
  });

  it('TS-8: one row per approved timesheet with the columns, totals from the approved snapshot', async () => {
    const { status, headers, text } = await exportCsv('officer', '?status=approved');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe(
      'attachment; filename="fieldbook-timesheets-approved.csv"',
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([
      'timesheet_id',
      'assignment_id',
      'expert_name',
      'country',
      'sector',
      'host_institution',
      'month',
      'period_start',
      'period_end',
      'days_worked',
      'hours',
      'allowance_days',
      'daily_rate_eur',
      'allowance_eur',
      'approved_by',
      'approved_at',
      'hash',
    ]);
    const approved = (await f.timesheet(timesheetId('asg-expert1', f.monthBefore)))!;
    const period = timesheetPeriod(await f.assignment('asg-expert1'), f.monthBefore)!;
    // The seeded month: 8 h travel, 7 h and 7.5 h on site, 4 h remote, in Somalia at 125 EUR.
    expect(rows).toEqual([
      [
        approved.id,
        'asg-expert1',
        'Amina Yusuf',
        'Somalia',
        'Water',
        'Ministry of Energy and Water Resources, Mogadishu',
        f.monthBefore,
        period.start,
        period.end,
        '4',
        '26.5',
        '3',
        '125',
        '375',
        'Abdirahman Warsame',
        approved.history![1]!.at,
        approved.approval!.hash,
      ],
    ]);
    // The comma in the institution's name is quoted, not a column break.
    expect(text).toContain(',"Ministry of Energy and Water Resources, Mogadishu",');
  });

  it('TS-8: quotes are doubled and a cell that a spreadsheet would run as a formula is defused', async () => {
    const assignment = await f.assignment('asg-expert2');
    const hostile: SyncDocument<'assignments'> = {
      ...assignment,
      id: 'asg-hostile',
      // Virtual: the expert's on-site assignments may not overlap (AS-3).
      mode: 'virtual',
      expertName: '=HYPERLINK("http://evil.example","Chidi")',
      institution: { ...assignment.institution, name: 'Agency "NITDA"\r\nAbuja' },
      _deleted: false,
    };
    expect(await f.push('officer', 'assignments', [{ newDocumentState: hostile }])).toEqual(accepted);
    const log = newLog(f.today, { assignmentId: 'asg-hostile', hours: 7.25, workMode: 'remote' });
    expect(await f.push('expert2', 'logs', [{ newDocumentState: log }])).toEqual(accepted);
    const id = timesheetId('asg-hostile', f.thisMonth);
    const snapshot = await f.snapshot('asg-hostile', f.thisMonth);
    const submitted: TimesheetDoc = {
      id,
      assignmentId: 'asg-hostile',
      month: f.thisMonth,
      status: 'submitted',
      submission: { declaration: true, fullName: 'Chidi Okafor', snapshot },
      _deleted: false,
    };
    expect(await f.push('expert2', 'timesheets', [{ newDocumentState: submitted }])).toEqual(accepted);
    const approval = { fullName: 'Ngozi Adeyemi', hash: snapshot.hash };
    expect(
      await f.decide('supervisor2', { ...(await f.timesheet(id))!, status: 'approved', approval }),
    ).toEqual(accepted);

    const { text } = await exportCsv('officer', `?month=${f.thisMonth}`);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""Chidi"")",`);
    expect(text).toContain(`,"Agency ""NITDA""\r\nAbuja",`);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(2, 3)).toEqual([`'=HYPERLINK("http://evil.example","Chidi")`]);
    // Remote only: hours and a worked day, but no allowance.
    expect(rows[1]!.slice(9, 14)).toEqual(['1', '7.25', '0', '110', '0']);
    // The month filter leaves out the seeded month.
    expect(rows.some((r) => r[0] === timesheetId('asg-expert1', f.monthBefore))).toBe(false);
    const { headers } = await exportCsv('officer', `?month=${f.thisMonth}`);
    expect(headers.get('content-disposition')).toBe(
      `attachment; filename="fieldbook-timesheets-approved-${f.thisMonth}.csv"`,
    );
  });

  it('TS-8: days are counted once by on site > travel > remote, and a virtual assignment earns no allowance', async () => {
    const assignment = await f.assignment('asg-expert2');
    // The hybrid copy would overlap the expert's hybrid assignment on site (AS-3).
    const remote: SyncDocument<'assignments'> = { ...assignment, mode: 'virtual', _deleted: false };
    expect(
      await f.push('officer', 'assignments', [
        { newDocumentState: remote, assumedRevision: revisionOf({ ...assignment, _deleted: false }) },
      ]),
    ).toEqual(accepted);
    for (const mode of ['virtual', 'hybrid'] as const) {
      const id = `asg-${mode}`;
      const copy: SyncDocument<'assignments'> = { ...assignment, id, mode, _deleted: false };
      expect(await f.push('officer', 'assignments', [{ newDocumentState: copy }])).toEqual(accepted);
      // Travelled to the institution and worked there on the same day.
      const logs = (['travel', 'on_site'] as const).map((workMode) =>
        newLog(f.today, { assignmentId: id, hours: 2, workMode }),
      );
      expect(
        await f.push(
          'expert2',
          'logs',
          logs.map((log) => ({ newDocumentState: log })),
        ),
      ).toEqual(accepted);
      const snapshot = await f.snapshot(id, f.thisMonth);
      const timesheet: TimesheetDoc = {
        id: timesheetId(id, f.thisMonth),
        assignmentId: id,
        month: f.thisMonth,
        status: 'submitted',
        submission: { declaration: true, fullName: 'Chidi Okafor', snapshot },
        _deleted: false,
      };
      expect(await f.push('expert2', 'timesheets', [{ newDocumentState: timesheet }])).toEqual(accepted);
      const approval = { fullName: 'Ngozi Adeyemi', hash: snapshot.hash };
      const stored = (await f.timesheet(timesheet.id))!;
      expect(await f.decide('supervisor2', { ...stored, status: 'approved', approval })).toEqual(accepted);
    }
    const rows = parseCsv((await exportCsv('officer', `?month=${f.thisMonth}`)).text.slice(1));
    const figures = (id: string) => rows.find((row) => row[1] === id)!.slice(9, 14);
    // days_worked, hours, allowance_days, daily_rate_eur, allowance_eur (Nigeria: EUR 110).
    expect(figures('asg-hybrid')).toEqual(['1', '4', '1', '110', '110']);
    expect(figures('asg-virtual')).toEqual(['1', '4', '0', '110', '0']);
  });
});
