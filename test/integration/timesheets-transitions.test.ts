/**
 * One month's timesheet through every transition on the real sync server over HTTP
 * (docs/sync-protocol.md TS-*): who may move it from which state to which, the fields each step
 * requires, the server's snapshot and history, and the lock on the month's logs. Test names cite
 * the rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotHash } from '../../src/shared/rules/timesheet-rules';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import { API_PATHS, type ApiErrorBody, type SyncDocument } from '../../src/shared/sync/protocol';
import {
  ACCEPTED,
  expectOnlyTheExpertCreates,
  expectOnlyTheSupervisorDecides,
  expectRefused,
  expert1Log,
  useApiServer,
} from '../helpers/api-client';
import { aForgedHistoryStep } from '../helpers/builders';

type LogDoc = SyncDocument<'logs'>;
type TimesheetDoc = SyncDocument<'timesheets'>;

describe('a month through every transition', () => {
  const f = useApiServer();
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
    todayLog = expert1Log(f.today);
    expect(await f.writeLog(todayLog)).toEqual(ACCEPTED);
  });

  it('TS-2 SP-7: only the expert of the assignment starts its timesheet', async () => {
    await expectOnlyTheExpertCreates(f, 'timesheets', base());
  });

  it('TS-2 TS-5: the expert creates a draft; a history sent by the device is ignored', async () => {
    const forged = [aForgedHistoryStep('approved')];
    expect(
      await f.push('expert1', 'timesheets', [{ newDocumentState: { ...base(), history: forged } }]),
    ).toEqual(ACCEPTED);
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
    expect(await f.decide('expert1', sent)).toEqual(ACCEPTED);
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
    expectRefused(await f.writeLog(expert1Log(f.today, { hours: 1 })), 'rule', reason);
    const stored = await storedLog();
    expectRefused(await f.writeLog({ ...stored, hours: 5 }), 'rule', reason);
    const response = await f.writeLog({ ...stored, _deleted: true });
    expectRefused(response, 'rule', reason);
    expect(response.conflicts).toEqual([stored]);
    expect((await storedLog())._deleted).toBe(false);
  });

  it('TS-3 SP-7: a supervisor cannot change the days (logs are 403) nor the submission', async () => {
    const { status, text } = await f.call('POST', API_PATHS.push('logs'), {
      as: 'supervisor1',
      body: [{ newDocumentState: { ...(await storedLog()), hours: 1 } }],
    });
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
    await expectOnlyTheSupervisorDecides(f, approving);
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
    expectRefused(await f.decide('supervisor1', blank), 'rule', /Write a comment for the expert/);
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
    expect(await f.decide('supervisor1', returning)).toEqual(ACCEPTED);
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
      ACCEPTED,
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
    ).toEqual(ACCEPTED);
    const submitted = await current();
    expect(submitted.returned).toEqual(stored.returned);
    f.clock.advance(86_400_000);
    const approval = {
      fullName: 'Abdirahman Warsame',
      signature: 'M0 0 L 10 10',
      hash: submitted.submission!.snapshot.hash,
    };
    expect(await f.decide('supervisor1', { ...submitted, status: 'approved', approval })).toEqual(ACCEPTED);
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
      /Write why the timesheet is reopened/,
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
      ACCEPTED,
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
    expect(await f.writeLog({ ...(await storedLog()), hours: 4 })).toEqual(ACCEPTED);
  });

  it('TS-5: nobody rewrites history: a device’s history is ignored on every push', async () => {
    const stored = await current();
    const rewritten = { ...stored, history: [] };
    // Only the history differs: to the server that is the same document (SP-4), nothing is written.
    expect(
      await f.push('officer', 'timesheets', [{ newDocumentState: rewritten, assumedMasterState: stored }]),
    ).toEqual(ACCEPTED);
    expect((await current()).history).toEqual(stored.history);
    const resubmitting = {
      ...stored,
      status: 'submitted' as const,
      submission: await submission(),
      history: [],
    };
    expect(await f.decide('expert1', resubmitting)).toEqual(ACCEPTED);
    const after = await current();
    expect(after.history!.slice(0, 5)).toEqual(stored.history);
    expect(after.history).toHaveLength(6);
  });
});
